import { createRenderer, type TemplateSet } from "../../../templates.ts";
import type { GeneratedFile } from "../../target.ts";
import type { TsView } from "../plan.ts";
import { planDocs } from "./plan-docs.ts";

/** The SDK's Markdown: README, one page per resource, one page per model. */
export function emitDocs(view: TsView, templates: TemplateSet): GeneratedFile[] {
  const render = createRenderer(templates);
  return planDocs(view).map((page) => ({ path: page.path, content: render(page.template, page.data) }));
}
