import type { Api, Parameter, SecurityScheme } from "../ir/types.ts";
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

/** A client option every target offers, under a name its plan chooses: a credential, a server variable or a global parameter. */
export type ClientOption =
  | { kind: "security"; name: string; scheme: SecurityScheme }
  | { kind: "serverVariable"; name: string; variable: string; values?: string[]; default: string; description?: string }
  | { kind: "global"; name: string; param: Parameter };
