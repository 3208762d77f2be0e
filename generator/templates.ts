import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
// The runtime only: templates are compiled once and cached, so the compiler is loaded on a cache miss alone.
import Handlebars from "handlebars/runtime";

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
  const specs = precompiledSpecs(set);
  const template = (source: string) => hbs.template(new Function(`return ${specs.get(source)!};`)() as Parameters<typeof hbs.template>[0]);
  for (const [name, source] of set.partials) hbs.registerPartial(name, template(source));
  const compiled = new Map([...set.templates].map(([name, source]) => [name, template(source)]));
  return (template, data) => {
    const render = compiled.get(template);
    if (!render) throw new Error(`no template named ${template}`);
    return render(data);
  };
}

const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

/** Where compiled templates are kept: next to the generator's build. */
const CACHE_DIR = fileURLToPath(new URL(".build/templates/", import.meta.url));

/**
 * Every template's compiled form (Handlebars.precompile's JavaScript, what Handlebars.compile
 * would build on first use), kept in a cache file named by a hash of the sources, the options and
 * the Handlebars version, so later runs skip compiling (about 0.1 s).
 */
function precompiledSpecs(set: TemplateSet): Map<string, string> {
  const sources = [...new Set([...set.partials.values(), ...set.templates.values()])].sort();
  const key = createHash("sha256").update(JSON.stringify({ version: Handlebars.VERSION, COMPILE_OPTIONS, sources })).digest("hex").slice(0, 20);
  const file = path.join(CACHE_DIR, `templates-${key}.json`);
  try {
    const cached = JSON.parse(readFileSync(file, "utf8")) as string[];
    if (Array.isArray(cached) && cached.length === sources.length) return new Map(sources.map((source, i) => [source, cached[i]!]));
  } catch {
    // Not cached yet.
  }
  const compiler = createRequire(import.meta.url)("handlebars") as typeof import("handlebars");
  const specs = sources.map((source) => compiler.precompile(source, { ...COMPILE_OPTIONS }) as string);
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    // Written under another name and renamed, so a concurrent run never reads half a file.
    const temp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(temp, JSON.stringify(specs));
    renameSync(temp, file);
  } catch {
    // No cache (read-only install, say): compiled anew on every run.
  }
  return new Map(sources.map((source, i) => [source, specs[i]!]));
}
