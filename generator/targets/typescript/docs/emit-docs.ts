import { createRenderer, type TemplateSet } from "../../../templates.ts";
import type { GeneratedFile } from "../../target.ts";
import type { TsView } from "../plan.ts";
import { planDocs } from "./plan-docs.ts";

/** The SDK's Markdown: README, one page per resource, one page per model; each rendered when it is asked for. */
export function* emitDocs(view: TsView, templates: TemplateSet): Generator<GeneratedFile> {
  const render = createRenderer(templates);
  for (const page of planDocs(view)) yield { path: page.path, content: render(page.template, page.data) };
}
