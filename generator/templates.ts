import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";

export const TEMPLATES_DIR = fileURLToPath(new URL("../templates/", import.meta.url));

/** Template sources of one folder: templates by name, partials (the `partials/` subfolder) by name. */
export interface TemplateSet {
  templates: Map<string, string>;
  partials: Map<string, string>;
}

/**
 * Reads template folders once, in sorted order, so every run sees the same set. A template or
 * partial in a later folder replaces one of the same name in an earlier folder, so a target's
 * folder can refine the shared one.
 */
export async function loadTemplates(...folders: string[]): Promise<TemplateSet> {
  const read = async (dir: string) => {
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(".hbs")).sort();
    return Promise.all(names.map(async (n) => [n.slice(0, -4), await readFile(path.join(dir, n), "utf8")] as const));
  };
  const set: TemplateSet = { templates: new Map(), partials: new Map() };
  for (const folder of folders) {
    const dir = path.join(TEMPLATES_DIR, folder);
    for (const [name, source] of await read(dir)) set.templates.set(name, source);
    for (const [name, source] of await read(path.join(dir, "partials"))) set.partials.set(name, source);
  }
  return set;
}

export type Render = (template: string, data: object) => string;

/**
 * A private Handlebars instance: no HTML escaping (the view escapes for Markdown itself),
 * strict mode so a missing field is an error rather than an empty string, and a small known
 * set of helpers.
 */
export function createRenderer(set: TemplateSet): Render {
  const hbs = Handlebars.create();
  hbs.registerHelper("join", (items: unknown, separator: unknown) =>
    Array.isArray(items) ? items.join(typeof separator === "string" ? separator : ", ") : "");
  for (const [name, source] of set.partials) hbs.registerPartial(name, hbs.compile(source, { noEscape: true, strict: true }));
  const compiled = new Map([...set.templates].map(([name, source]) => [name, hbs.compile(source, { noEscape: true, strict: true })]));
  return (template, data) => {
    const render = compiled.get(template);
    if (!render) throw new Error(`no template named ${template}`);
    return render(data);
  };
}
