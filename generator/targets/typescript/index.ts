import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { GeneratorConfig } from "../../config.ts";
import type { Api } from "../../ir/types.ts";
import { deliverInBatches, type GeneratedFile } from "../target.ts";
import type { Deliver, StageTimer } from "../../pipeline.ts";
import { loadTemplates } from "../../templates.ts";
import { emitDocs } from "./docs/emit-docs.ts";
import { emitTypeScript } from "./emit.ts";
import { planTypeScript } from "./plan.ts";
import { takePlan } from "../shared-plan.ts";

const RUNTIME_DIR = fileURLToPath(new URL("./runtime/", import.meta.url));

/** The runtime's source files, copied verbatim into every generated SDK's src/lib. */
export async function loadRuntime(): Promise<GeneratedFile[]> {
  const names = (await readdir(RUNTIME_DIR)).filter((n) => n.endsWith(".ts") && !n.endsWith(".test.ts")).sort();
  return Promise.all(names.map(async (path) => ({ path, content: await readFile(`${RUNTIME_DIR}${path}`, "utf8") })));
}

/** Timed as three stages: plan, emit (the code) and docs (unless the config turns docs off), the files delivered in batches as they are made. */
export async function generateTypeScript(api: Api, config: GeneratorConfig, time: StageTimer, deliver: Deliver): Promise<void> {
  const view = await time("plan", () => takePlan("typescript", api, config, planTypeScript));
  await time("emit", async () => deliverInBatches(emitTypeScript(view, await loadRuntime()), deliver));
  if (config.docs !== false) await time("docs", async () => deliverInBatches(emitDocs(view, await loadTemplates("docs", "typescript/docs")), deliver));
}
