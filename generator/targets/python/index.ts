import type { GeneratorConfig } from "../../config.ts";
import type { Api } from "../../ir/types.ts";
import type { GeneratedFile } from "../target.ts";

export async function generatePython(_api: Api, _config: GeneratorConfig): Promise<GeneratedFile[]> {
  throw new Error("the python target is not written yet");
}
