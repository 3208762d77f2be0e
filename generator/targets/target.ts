import type { Api } from "../ir/types.ts";
import type { GeneratorConfig } from "../config.ts";

/** A file a target produces; paths are POSIX and relative to the target's output folder. */
export interface GeneratedFile {
  path: string;
  content: string;
}

export interface Target<View> {
  name: string;
  plan(api: Api, config: GeneratorConfig): View;
  emit(view: View): GeneratedFile[];
}
