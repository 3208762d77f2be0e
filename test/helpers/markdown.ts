// A small Markdown reader for tests of the generated documentation: fenced code blocks,
// headings and their GitHub anchors, links, and pipe tables. Written for the subset of
// CommonMark/GFM the generator emits, and deliberately independent of generator/.
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { typecheck, writeToTemp } from "./tsc.ts";

export const PACKAGE_NAME = "@sdkgen/plex-api";

/** The generated Markdown files of the TypeScript target, keyed by path inside the package ("README.md", "docs/..."). */
export function markdownPages(files: Map<string, string>, target = "typescript"): Map<string, string> {
  const pages = new Map<string, string>();
  for (const [rel, content] of files) {
    if (rel.startsWith(`${target}/`) && rel.endsWith(".md")) pages.set(rel.slice(target.length + 1), content);
  }
  return new Map([...pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface CodeBlock {
  /** The info string's first word ("" when none). */
  lang: string;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

interface Scanned {
  /** Lines outside fenced code blocks, with their 1-based number; fenced lines are left out. */
  prose: Array<{ text: string; line: number }>;
  blocks: CodeBlock[];
}

/** Splits a page into fenced code blocks and everything else (CommonMark fences of backticks or tildes). */
function scan(markdown: string): Scanned {
  const lines = markdown.split("\n");
  const prose: Scanned["prose"] = [];
  const blocks: CodeBlock[] = [];
  let open: { char: string; length: number; lang: string; line: number; body: string[] } | undefined;
  lines.forEach((text, i) => {
    if (open) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text);
      if (close && close[1]![0] === open.char && close[1]!.length >= open.length) {
        blocks.push({ lang: open.lang, code: open.body.join("\n"), line: open.line });
        open = undefined;
      } else open.body.push(text);
      return;
    }
    const fence = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/.exec(text);
    if (fence) {
      open = { char: fence[1]![0]!, length: fence[1]!.length, lang: fence[2] ?? "", line: i + 1, body: [] };
      return;
    }
    prose.push({ text, line: i + 1 });
  });
  if (open) throw new Error(`unclosed code fence opened on line ${open.line}`);
  return { prose, blocks };
}

/** Every fenced code block of a page, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  return scan(markdown).blocks;
}

/** Every fenced block in a given language. */
export function codeBlocksIn(markdown: string, lang: string): CodeBlock[] {
  return codeBlocks(markdown).filter((b) => b.lang === lang);
}

export interface Heading {
  level: number;
  /** The heading's source text. */
  text: string;
  line: number;
}

/** ATX headings outside code blocks, in order. */
export function headings(markdown: string): Heading[] {
  const found: Heading[] = [];
  for (const { text, line } of scan(markdown).prose) {
    const m = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/.exec(text);
    if (m) found.push({ level: m[1]!.length, text: m[2] ?? "", line });
  }
  return found;
}

/** The text a heading renders to: links and images reduced to their text, code spans, escapes and entities resolved. */
function renderedText(source: string): string {
  return source
    .replace(/!?\[((?:\\.|[^\]\\])*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
}

/** GitHub's heading slug: lower case, punctuation other than '-' and '_' dropped, each space a '-'. */
export function githubSlug(heading: string): string {
  return renderedText(heading).trim().toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "").replace(/ /g, "-");
}

/** The anchors of a page's headings, with GitHub's "-1", "-2" suffixes for repeats. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const h of headings(markdown)) {
    const slug = githubSlug(h.text);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return result;
}

export interface Link {
  text: string;
  target: string;
  line: number;
}

/** Inline links `[text](target)` (and images) outside code blocks and code spans. */
export function links(markdown: string): Link[] {
  const found: Link[] = [];
  for (const { text, line } of scan(markdown).prose) {
    const withoutCode = text.replace(/(`+)(?:(?!\1).)+?\1/g, (m) => " ".repeat(m.length));
    for (const m of withoutCode.matchAll(/(?<!\\)!?\[((?:\\.|[^\]\\])*)\]\(\s*(<[^>]*>|[^()\s]*)(?:\s+"[^"]*")?\s*\)/g)) {
      found.push({ text: m[1]!, target: m[2]!.replace(/^<|>$/g, ""), line });
    }
  }
  return found;
}

/** True for links that leave the package: another scheme, or protocol-relative. */
export function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//");
}

/**
 * Checks every relative link of every page: the file exists among `files` (paths relative to the
 * package root), and an anchor names a heading of the target page. Returns one message per problem.
 */
export function brokenLinks(pages: Map<string, string>, files: Iterable<string> = pages.keys()): string[] {
  const exists = new Set(files);
  const anchorCache = new Map<string, Set<string>>();
  const anchorsOf = (page: string) => {
    let set = anchorCache.get(page);
    if (!set) anchorCache.set(page, (set = anchors(pages.get(page) ?? "")));
    return set;
  };
  const problems: string[] = [];
  for (const [page, markdown] of pages) {
    for (const link of links(markdown)) {
      if (isExternal(link.target)) continue;
      const hash = link.target.indexOf("#");
      const file = hash < 0 ? link.target : link.target.slice(0, hash);
      const fragment = hash < 0 ? undefined : decodeURIComponent(link.target.slice(hash + 1));
      const resolved = file === "" ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURIComponent(file)));
      const where = `${page}:${link.line} [${link.text}](${link.target})`;
      if (resolved.startsWith("../") || !exists.has(resolved)) {
        problems.push(`${where}: no file ${resolved}`);
        continue;
      }
      if (fragment !== undefined && resolved.endsWith(".md") && !anchorsOf(resolved).has(fragment)) {
        problems.push(`${where}: no heading with anchor #${fragment} in ${resolved}`);
      }
    }
  }
  return problems;
}

/** The package-relative file a relative link of `page` points at (without its anchor). */
export function resolveLink(page: string, target: string): string {
  const file = target.split("#")[0]!;
  return file === "" ? page : path.posix.normalize(path.posix.join(path.posix.dirname(page), decodeURIComponent(file)));
}

/** Pages no other page links to (the README aside). */
export function unlinkedPages(pages: Map<string, string>): string[] {
  const linked = new Set<string>();
  for (const [page, md] of pages) {
    for (const l of links(md)) {
      if (isExternal(l.target)) continue;
      const to = resolveLink(page, l.target);
      if (to !== page) linked.add(to);
    }
  }
  return [...pages.keys()].filter((p) => p !== "README.md" && !linked.has(p));
}

/** Operation sections of the SDK pages ("## name" below docs/sdks/, Overview aside), by page. */
export function operationSections(pages: Map<string, string>): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  for (const [page, md] of pages) {
    if (!page.startsWith("docs/sdks/")) continue;
    sections.set(page, headings(md).filter((h) => h.level === 2 && h.text !== "Overview").map((h) => h.text));
  }
  return sections;
}

/**
 * What is wrong with a target's docs for a spec of `operations` operations: broken links,
 * unreachable pages, SDK pages the README does not link to, and a count of operation sections
 * other than one per operation. Empty when all is well.
 */
export function docsProblems(files: Map<string, string>, target: string, operations: number): string[] {
  const pages = markdownPages(files, target);
  const packageFiles = [...files.keys()].filter((p) => p.startsWith(`${target}/`)).map((p) => p.slice(target.length + 1));
  const sections = operationSections(pages);
  const documented = [...sections.values()].flat().length;
  const fromReadme = new Set(links(pages.get("README.md") ?? "").map((l) => resolveLink("README.md", l.target)));
  return [
    ...brokenLinks(pages, packageFiles),
    ...unlinkedPages(pages).map((p) => `${p}: no page links to it`),
    ...[...sections.keys()].filter((p) => !fromReadme.has(p)).map((p) => `${p}: the README does not link to it`),
    ...(documented === operations ? [] : [`${documented} operation sections for ${operations} operations`]),
  ];
}

export interface Table {
  /** 1-based line of the header row. */
  line: number;
  /** The raw lines: header, separator, then the rows. */
  lines: string[];
  header: string[];
  rows: string[][];
}

/** Splits a table row into raw cells (between unescaped pipes, not trimmed); the outer pipes are required. */
export function rawCells(row: string): string[] {
  const cells: string[] = [];
  let current = "";
  for (let i = 0; i < row.length; i++) {
    const ch = row[i]!;
    if (ch === "\\" && i + 1 < row.length) {
      current += ch + row[i + 1]!;
      i++;
    } else if (ch === "|") {
      cells.push(current);
      current = "";
    } else current += ch;
  }
  cells.push(current);
  // "| a | b |" splits into ["", " a ", " b ", ""]: drop the outside of the outer pipes.
  return cells.slice(1, -1);
}

/** Pipe tables outside code blocks: runs of consecutive lines starting with "|". */
export function tables(markdown: string): Table[] {
  const found: Table[] = [];
  let run: Array<{ text: string; line: number }> = [];
  const flush = () => {
    if (run.length > 0) {
      const lines = run.map((r) => r.text);
      found.push({
        line: run[0]!.line,
        lines,
        header: rawCells(lines[0]!).map((c) => c.trim()),
        rows: lines.slice(2).map((l) => rawCells(l).map((c) => c.trim())),
      });
    }
    run = [];
  };
  let previous = 0;
  for (const p of scan(markdown).prose) {
    if (p.text.startsWith("|") && (run.length === 0 || p.line === previous + 1)) run.push(p);
    else {
      flush();
      if (p.text.startsWith("|")) run.push(p);
    }
    previous = p.line;
  }
  flush();
  return found;
}

/** The first table after the heading with this exact text (and before the next heading of the same or a higher level). */
export function tableUnder(markdown: string, headingText: string, from = 0): Table | undefined {
  const all = headings(markdown);
  const index = all.findIndex((h, i) => i >= from && h.text === headingText);
  if (index < 0) return undefined;
  const start = all[index]!;
  const end = all.slice(index + 1).find((h) => h.level <= start.level)?.line ?? Infinity;
  return tables(markdown).find((t) => t.line > start.line && t.line < end);
}

/** A table's rows as records keyed by the header cells. */
export function records(table: Table): Array<Record<string, string>> {
  return table.rows.map((row) => Object.fromEntries(table.header.map((h, i) => [h, row[i] ?? ""])));
}

/** Problems with a table's layout: unpadded cells, "| --- |" separators, the same number of cells in every row. */
export function tableLayoutProblems(table: Table): string[] {
  const problems: string[] = [];
  const columns = rawCells(table.lines[0]!).length;
  table.lines.forEach((text, i) => {
    const where = `line ${table.line + i}: ${text}`;
    if (!text.startsWith("| ") || !text.endsWith(" |")) problems.push(`${where}: a row starts with "| " and ends with " |"`);
    const cells = rawCells(text);
    if (cells.length !== columns) problems.push(`${where}: ${cells.length} cells, the header has ${columns}`);
    if (i === 1) {
      if (text !== `|${" --- |".repeat(columns)}`) problems.push(`${where}: the separator is not "| --- | --- |..."`);
      return;
    }
    for (const cell of cells) {
      // One space each side of the content; an empty cell is "|  |".
      if (!/^ (?:\S(?:.*\S)?)? $/.test(cell)) problems.push(`${where}: cell ${JSON.stringify(cell)} is padded`);
    }
  });
  return problems;
}

export interface Sample {
  /** A file name for the sample: page and position. */
  name: string;
  page: string;
  line: number;
  code: string;
}

/** Every fenced ```typescript block of every page. */
export function typescriptSamples(pages: Map<string, string>): Sample[] {
  const samples: Sample[] = [];
  for (const [page, markdown] of pages) {
    for (const block of codeBlocksIn(markdown, "typescript")) {
      const name = `${page.replace(/\.md$/, "").replace(/[^A-Za-z0-9]+/g, "_")}_L${block.line}.ts`;
      samples.push({ name, page, line: block.line, code: block.code });
    }
  }
  return samples;
}

/**
 * Type-checks samples as a consumer of the generated package would write them: each sample is a
 * module of its own in a temporary folder whose tsconfig maps the package's entry points to a
 * temporary copy of the generated sources. `files` are the generator's output (paths like
 * "typescript/src/index.ts"). Returns tsc's diagnostics ("" when clean), the consumer folder, and a
 * function removing both temporary folders.
 */
export async function typecheckSamples(
  files: Map<string, string>,
  samples: Array<Pick<Sample, "name" | "code">>,
  packageName = PACKAGE_NAME,
): Promise<{ diagnostics: string; dir: string; cleanup: () => Promise<void> }> {
  const output = await writeToTemp(files, "sdkgen-docs-pkg-");
  const pkg = path.join(output, "typescript");
  const consumer = await writeToTemp(new Map(), "sdkgen-docs-samples-");
  const tsconfig = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      module: "ESNext",
      moduleResolution: "Bundler",
      allowImportingTsExtensions: true,
      target: "ES2022",
      lib: ["ES2022", "DOM"],
      types: [],
      skipLibCheck: true,
      paths: {
        [packageName]: [path.join(pkg, "src/index.ts")],
        [`${packageName}/models/*`]: [path.join(pkg, "src/models/*/index.ts")],
        [`${packageName}/funcs/*`]: [path.join(pkg, "src/funcs/*.ts")],
      },
    },
    include: ["*.ts"],
  };
  await mkdir(consumer, { recursive: true });
  await writeFile(path.join(consumer, "tsconfig.json"), `${JSON.stringify(tsconfig, null, 2)}\n`);
  const names = new Set<string>();
  for (const s of samples) {
    if (names.has(s.name)) throw new Error(`two samples named ${s.name}`);
    names.add(s.name);
    // Each file is a module of its own, so top-level names of different samples never clash.
    const code = /^\s*(import|export)\s/m.test(s.code) ? s.code : `${s.code}\nexport {};`;
    await writeFile(path.join(consumer, s.name), `${code}\n`);
  }
  const diagnostics = await typecheck(consumer);
  const cleanup = async () => {
    await rm(consumer, { recursive: true, force: true });
    await rm(output, { recursive: true, force: true });
  };
  return { diagnostics, dir: consumer, cleanup };
}
