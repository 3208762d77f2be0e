// The docs renderer and what it does with hostile text: strict templates, partials by file name,
// and descriptions full of Markdown and HTML that must stay inside their table cells.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { generate } from "../../generator/pipeline.ts";
import { TEMPLATES_DIR, createRenderer, loadTemplates, type TemplateSet } from "../../generator/templates.ts";
import { DEFAULT_CONFIG, NO_OUTPUT } from "../helpers/generate.ts";
import {
  brokenLinks, codeBlocks, markdownPages, records, tableLayoutProblems, tableUnder, tables, typecheckSamples, typescriptSamples,
} from "../helpers/markdown.ts";

const set = (templates: Record<string, string>, partials: Record<string, string> = {}): TemplateSet => ({
  templates: new Map(Object.entries(templates)),
  partials: new Map(Object.entries(partials)),
});

describe("createRenderer", () => {
  it("throws for a field the data does not have, rather than rendering an empty string", () => {
    const render = createRenderer(set({ page: "# {{title}}\n{{summary}}\n", row: "{{#each rows}}| {{name}} |\n{{/each}}", deep: "{{a.b}}" }));
    expect(render("page", { title: "T", summary: "S" })).toBe("# T\nS\n");
    expect(() => render("page", { title: "T" })).toThrow(/"summary" not defined/);
    expect(() => render("row", { rows: [{ name: "a" }, { nam: "typo" }] })).toThrow(/"name" not defined/);
    expect(() => render("deep", { a: {} })).toThrow(/"b" not defined/);
    // An empty string or false is a value, not a missing field.
    expect(render("page", { title: "", summary: false })).toBe("# \nfalse\n");
  });

  it("does not catch a missing field that is only a block helper's argument (a limit of Handlebars' strict mode)", () => {
    // The model template relies on this: {{#if alias}} with no `alias` in the data renders nothing.
    const render = createRenderer(set({ page: "{{#if missing}}yes{{/if}}[{{#each absent}}x{{/each}}]" }));
    expect(render("page", {})).toBe("[]");
  });

  it("throws for a template or a partial that does not exist", () => {
    const render = createRenderer(set({ page: "{{> nope}}" }));
    expect(() => render("other", {})).toThrow("no template named other");
    expect(() => render("page", {})).toThrow(/partial nope could not be found/);
  });

  it("resolves partials by name, strictly too, with hash arguments", () => {
    const render = createRenderer(set(
      { page: "{{> table-row rows=items}}" },
      { "table-row": "{{#each rows}}| {{name}} | {{join tags \", \"}} |\n{{/each}}" },
    ));
    expect(render("page", { items: [{ name: "a", tags: ["x", "y"] }] })).toBe("| a | x, y |\n");
    expect(() => render("page", { items: [{ tags: [] }] })).toThrow(/"name" not defined/);
  });

  it("does not HTML-escape (the docs planner escapes for Markdown itself)", () => {
    const render = createRenderer(set({ page: "{{text}}" }));
    expect(render("page", { text: "<b>&amp;</b> `x` | y" })).toBe("<b>&amp;</b> `x` | y");
  });
});

describe("loadTemplates", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-templates-"));
    await mkdir(path.join(dir, "partials"));
    await writeFile(path.join(dir, "page.hbs"), "<{{> item-line name=title}}>");
    await writeFile(path.join(dir, "notes.txt"), "not a template");
    await writeFile(path.join(dir, "partials", "item-line.hbs"), "* {{name}}");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("names templates and partials after their files (without .hbs), and skips other files", async () => {
    // loadTemplates takes a folder relative to templates/.
    const loaded = await loadTemplates(path.relative(TEMPLATES_DIR, dir));
    expect([...loaded.templates.keys()]).toEqual(["page"]);
    expect([...loaded.partials.keys()]).toEqual(["item-line"]);
    expect(createRenderer(loaded)("page", { title: "T" })).toBe("<* T>");
  });

  it("a later folder's template replaces an earlier one of the same name", async () => {
    const other = await mkdtemp(path.join(os.tmpdir(), "sdkgen-templates-"));
    await writeFile(path.join(other, "page.hbs"), "[{{title}}]");
    const loaded = await loadTemplates(path.relative(TEMPLATES_DIR, dir), path.relative(TEMPLATES_DIR, other));
    expect(createRenderer(loaded)("page", { title: "T" })).toBe("[T]");
    expect([...loaded.partials.keys()]).toEqual(["item-line"]);
  });

  it("the docs templates use only partials that exist", async () => {
    const docs = await loadTemplates("docs", "typescript/docs");
    expect([...docs.templates.keys()].sort()).toEqual(["model", "readme", "sdk"]);
    expect([...docs.partials.keys()]).toEqual(["errors-table", "fields-table"]);
    const used = new Set([...docs.templates.values(), ...docs.partials.values()].flatMap((s) => [...s.matchAll(/\{\{>\s*([\w-]+)/g)].map((m) => m[1]!)));
    expect([...used].sort()).toEqual(["errors-table", "fields-table"]);
  });
});

// A small API whose text tries to break out of Markdown tables and into HTML.
const HOSTILE_SPEC = `openapi: 3.1.0
info:
  title: Hostile API
  version: 1.0.0
servers:
  - url: https://api.example.com
    description: "Main | server <b>bold</b>"
tags:
  - name: Things
    description: "Things | <script>alert(1)</script>"
paths:
  /things/{id}:
    get:
      tags: [Things]
      operationId: getThing
      summary: Get a thing
      description: "First line with \`code\` and | pipe\\nSecond line <script>alert(1)</script> */ end"
      parameters:
        - name: id
          in: path
          required: true
          description: "The id | pipe <script>alert('x')</script>\\nsecond \`line\` */"
          schema:
            type: string
            example: "a|b<c>\\nd"
        - name: mode
          in: query
          required: true
          schema:
            $ref: "#/components/schemas/Mode"
      responses:
        "200":
          description: "OK | fine"
          content:
            application/json:
              schema:
                $ref: "#/components/schemas/Thing"
components:
  schemas:
    Mode:
      type: string
      description: "Mode | with <script>x</script>\\nand a newline"
      enum:
        - "a\`b"
        - "plain"
        - "pi|pe"
    Thing:
      type: object
      description: "A thing <script>alert(1)</script> | pipe\\nnewline"
      required: [name]
      properties:
        name:
          type: string
          description: "Name | with <script>alert(1)</script>\\nand \`backticks\` and */ comment end"
          example: "x|y"
        mode:
          $ref: "#/components/schemas/Mode"
`;

/** True when the whole cell is one code span: its backtick fence appears nowhere inside (CommonMark). */
function isCodeSpan(cell: string): boolean {
  const m = /^(`+)([^`][\s\S]*?|[\s\S]*?[^`])\1$/.exec(cell);
  if (!m) return false;
  return ![...m[2]!.matchAll(/`+/g)].some((run) => run[0].length === m[1]!.length);
}

describe("hostile descriptions in a small spec", () => {
  let dir: string;
  let files: Map<string, string>;
  let pages: Map<string, string>;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-hostile-"));
    const spec = path.join(dir, "hostile.yaml");
    await writeFile(spec, HOSTILE_SPEC);
    files = (await generate(await loadConfig(DEFAULT_CONFIG, { spec, out: NO_OUTPUT }))).files;
    pages = markdownPages(files);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    for (const cleanup of cleanups) await cleanup();
  });

  it("generates the pages it is about", () => {
    expect([...pages.keys()]).toEqual([
      "README.md",
      "docs/models/components/mode.md",
      "docs/models/components/thing.md",
      "docs/models/operations/getthingresponse.md",
      "docs/sdks/things/README.md",
    ]);
  });

  it("escapes pipes, neutralises HTML and joins lines in table cells", () => {
    const thing = records(tableUnder(pages.get("docs/models/components/thing.md")!, "Fields")!);
    expect(thing.find((r) => r["Field"] === "`name`")).toMatchObject({
      Description: "Name \\| with &lt;script&gt;alert(1)&lt;/script&gt;<br/>and `backticks` and */ comment end",
      Example: "x\\|y",
    });
    expect(thing.find((r) => r["Field"] === "`mode`")!["Description"]).toBe("Mode \\| with &lt;script&gt;x&lt;/script&gt;<br/>and a newline");

    const params = records(tableUnder(pages.get("docs/sdks/things/README.md")!, "Parameters")!);
    expect(params.find((r) => r["Parameter"] === "`id`")).toMatchObject({
      Description: "The id \\| pipe &lt;script&gt;alert('x')&lt;/script&gt;<br/>second `line` */",
      Example: "a\\|b&lt;c&gt;<br/>d",
    });

    const servers = records(tableUnder(pages.get("README.md")!, "Server Selection")!);
    expect(servers).toEqual([{ "#": "0", Server: "`https://api.example.com`", Description: "Main \\| server &lt;b&gt;bold&lt;/b&gt;" }]);
  });

  it("lets no raw HTML through outside code blocks", () => {
    for (const [page, md] of pages) {
      let prose = md;
      for (const block of codeBlocks(md)) prose = prose.replace(block.code, "");
      expect(prose, page).not.toMatch(/<script|<\/script|<b>|<c>/i);
    }
    expect(pages.get("docs/sdks/things/README.md")).toContain("Second line &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(pages.get("docs/models/components/thing.md")).toContain("A thing &lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("keeps every table row on one line, with its cells intact", () => {
    let count = 0;
    for (const [page, md] of pages) {
      const lines = md.split("\n");
      for (const table of tables(md)) {
        count++;
        expect(tableLayoutProblems(table), page).toEqual([]);
        // A raw newline in a cell would leave a text line right under the table, which GFM makes a row.
        const after = lines[table.line - 1 + table.lines.length];
        expect(after === undefined || after.trim() === "", `${page}:${table.line}: ${after}`).toBe(true);
      }
    }
    expect(count).toBeGreaterThanOrEqual(5);
  });

  it("keeps its links working", () => {
    const packageFiles = [...files.keys()].filter((p) => p.startsWith("typescript/")).map((p) => p.slice("typescript/".length));
    expect(brokenLinks(pages, packageFiles)).toEqual([]);
  });

  it("checks code spans the way CommonMark reads them", () => {
    expect(isCodeSpan("`AB`")).toBe(true);
    expect(isCodeSpan('`"pi\\|pe"`')).toBe(true);
    expect(isCodeSpan('``"a`b"``')).toBe(true);
    expect(isCodeSpan('`"a`b"`')).toBe(false);
    expect(isCodeSpan("`a` and `b`")).toBe(false);
  });

  // An enum value holding a backtick stays one code span: the delimiter outgrows the backtick runs inside.
  it("writes an enum value with a backtick as one code span in the Values table", () => {
    const values = records(tableUnder(pages.get("docs/models/components/mode.md")!, "Values")!);
    expect(values.map((r) => r["Name"])).toEqual(["`AB`", "`Plain`", "`PiPe`"]);
    for (const row of values) expect(isCodeSpan(row["Value"]!), row["Value"]).toBe(true);
  });

  it("type-checks the samples of the sdk and model pages (an enum value with a backtick included)", async () => {
    const samples = typescriptSamples(pages).filter((s) => s.page !== "README.md");
    expect(samples.map((s) => s.page)).toEqual(["docs/models/components/mode.md", "docs/sdks/things/README.md", "docs/sdks/things/README.md"]);
    expect(samples[0]!.code).toContain('let value: Mode = "a`b";');
    const { diagnostics, cleanup } = await typecheckSamples(files, samples);
    cleanups.push(cleanup);
    expect(diagnostics).toBe("");
  });

  // With no credentials and no globals the README samples still compile (empty client options).
  it("type-checks the README feature samples of an API without credentials or globals", async () => {
    const samples = typescriptSamples(pages).filter((s) => s.page === "README.md");
    expect(samples).toHaveLength(6);
    const { diagnostics, cleanup } = await typecheckSamples(files, samples);
    cleanups.push(cleanup);
    expect(diagnostics).toBe("");
  });
});
