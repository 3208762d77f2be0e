import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import type { GeneratorConfig } from "../../config.ts";
import type { Api } from "../../ir/types.ts";
import type { GeneratedFile } from "../target.ts";
import type { Deliver, StageTimer } from "../../pipeline.ts";
import { createRenderer, loadTemplates } from "../../templates.ts";
import { emitPhpDocs } from "./docs.ts";
import { emitPhp } from "./emit.ts";
import { planPhp } from "./plan.ts";
import { takePlan } from "../shared-plan.ts";

const RUNTIME_DIR = fileURLToPath(new URL("./runtime/", import.meta.url));

/** The hand-written runtime (Utils and the SDK's own error classes), by path below src/. */
export async function loadPhpRuntime(): Promise<GeneratedFile[]> {
  const entries = await readdir(RUNTIME_DIR, { recursive: true });
  const names = entries.map((e) => e.split(path.sep).join("/")).filter((n) => n.endsWith(".php")).sort();
  return Promise.all(names.map(async (p) => ({ path: p, content: await readFile(path.join(RUNTIME_DIR, p), "utf8") })));
}

/** Timed as three stages: plan, emit (the code) and docs (unless the config turns docs off), each stage's files delivered as it ends. */
export async function generatePhp(api: Api, config: GeneratorConfig, time: StageTimer, deliver: Deliver): Promise<void> {
  const view = await time("plan", () => takePlan("php", api, config, planPhp));
  deliver(await time("emit", async () => {
    const [runtime, templates] = await Promise.all([loadPhpRuntime(), loadTemplates("php")]);
    return emitPhp(view, createRenderer(templates), runtime);
  }));
  if (config.docs !== false) deliver(await time("docs", async () => emitPhpDocs(view, createRenderer(await loadTemplates("docs", "php/docs")))));
}
