import type { Render } from "../../templates.ts";
import type { GeneratedFile } from "../target.ts";
import type { CsView } from "./plan.ts";
export function emitCSharpDocs(view: CsView, render: Render): GeneratedFile[] { void view; void render; return []; }
