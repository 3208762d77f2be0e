import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { GeneratorConfig } from "../../config.ts";
import type { Api } from "../../ir/types.ts";
import type { GeneratedFile } from "../target.ts";
import type { Deliver, StageTimer } from "../../pipeline.ts";
import { createRenderer, loadTemplates } from "../../templates.ts";
import { emitCSharpDocs } from "./docs.ts";
import { emitCSharp } from "./emit.ts";
import { planCSharp } from "./plan.ts";
import { takePlan } from "../shared-plan.ts";

const RUNTIME_DIR = fileURLToPath(new URL("./runtime/", import.meta.url));

/** The hand-written runtime, copied into the SDK's Utils folder (its namespace token replaced there). */
export async function loadCSharpRuntime(): Promise<GeneratedFile[]> {
  const names = (await readdir(RUNTIME_DIR)).filter((n) => n.endsWith(".cs")).sort();
  return Promise.all(names.map(async (path) => ({ path, content: await readFile(`${RUNTIME_DIR}${path}`, "utf8") })));
}

/** Timed as three stages: plan, emit (the code) and docs (unless the config turns docs off), each stage's files delivered as it ends. */
export async function generateCSharp(api: Api, config: GeneratorConfig, time: StageTimer, deliver: Deliver): Promise<void> {
  const view = await time("plan", () => takePlan("csharp", api, config, planCSharp));
  deliver(await time("emit", async () => {
    const [runtime, templates] = await Promise.all([loadCSharpRuntime(), loadTemplates("csharp")]);
    return emitCSharp(view, createRenderer(templates), runtime);
  }));
  if (config.docs !== false) deliver(await time("docs", async () => emitCSharpDocs(view, createRenderer(await loadTemplates("docs", "csharp/docs")))));
}
