import type { Render } from "../../templates.ts";
import type { GeneratedFile } from "../target.ts";
import type { PyView } from "./plan.ts";

export function emitPythonDocs(_view: PyView, _render: Render): GeneratedFile[] {
  return [];
}
