import { readdir, readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { GeneratorConfig } from "../../config.ts";
import type { Api } from "../../ir/types.ts";
import { createRenderer, loadTemplates } from "../../templates.ts";
import type { GeneratedFile } from "../target.ts";
import type { Deliver, StageTimer } from "../../pipeline.ts";
import { emitPythonDocs } from "./docs.ts";
import { emitPython } from "./emit.ts";
import { planPython } from "./plan.ts";
import { takePlan } from "../shared-plan.ts";

const RUNTIME_DIR = fileURLToPath(new URL("./runtime/", import.meta.url));

/** The runtime's modules, copied verbatim into every generated package's utils/. */
export async function loadPythonRuntime(): Promise<GeneratedFile[]> {
  const names = (await readdir(RUNTIME_DIR)).filter((n) => n.endsWith(".py") && !n.startsWith("test_")).sort();
  return Promise.all(names.map(async (path) => ({ path, content: await readFile(`${RUNTIME_DIR}${path}`, "utf8") })));
}

/** Timed as one stage; the code is delivered before the docs (unless the config turns them off) are rendered. */
export async function generatePython(api: Api, config: GeneratorConfig, _time: StageTimer, deliver: Deliver): Promise<void> {
  const [runtime, code] = await Promise.all([loadPythonRuntime(), loadTemplates("python")]);
  const view = takePlan("python", api, config, planPython);
  deliver(emitPython(view, runtime, createRenderer(code)));
  if (config.docs !== false) deliver(emitPythonDocs(view, createRenderer(await loadTemplates("docs", "python/docs"))));
}
