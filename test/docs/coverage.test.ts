// Every operation of a spec is documented in every target's docs: a section on an SDK page that the
// README links to, links that resolve, and no model page left unreachable. Checked over every
// feature fixture (most of their operations have no tag, so they live on the client itself).
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { generate } from "../../generator/pipeline.ts";
import { FIXTURES } from "../features/generate-feature.ts";
import { brokenLinks, headings, isExternal, links, markdownPages, resolveLink, typecheckSamples, typescriptSamples } from "../helpers/markdown.ts";

const TARGETS = ["typescript", "python", "go"] as const;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const FEATURES = readdirSync(FIXTURES).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -5)).sort();

/** How many operations the spec declares, and how many of them have no tag, read from the YAML itself. */
function operationCounts(feature: string): { all: number; untagged: number } {
  const spec = parse(readFileSync(path.join(FIXTURES, `${feature}.yaml`), "utf8")) as { paths?: Record<string, Record<string, { tags?: string[] }>> };
  const operations = Object.values(spec.paths ?? {}).flatMap((item) => METHODS.flatMap((m) => (item[m] ? [item[m]] : [])));
  return { all: operations.length, untagged: operations.filter((op) => (op.tags ?? []).length === 0).length };
}

/** Operation sections of the SDK pages ("## name" below docs/sdks/), by page. */
function operationSections(pages: Map<string, string>): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  for (const [page, md] of pages) {
    if (!page.startsWith("docs/sdks/")) continue;
    sections.set(page, headings(md).filter((h) => h.level === 2 && h.text !== "Overview").map((h) => h.text));
  }
  return sections;
}

/** Pages no other page links to. */
function unlinkedPages(pages: Map<string, string>): string[] {
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

let root: string;
const outputs = new Map<string, Map<string, string>>();

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "sdkgen-docs-coverage-"));
  for (const feature of FEATURES) {
    const configFile = path.join(root, `${feature}.yaml`);
    await writeFile(configFile, [
      `spec: ${JSON.stringify(path.join(FIXTURES, `${feature}.yaml`))}`,
      "output: out",
      "clientName: Api",
      "targets:",
      "  typescript: { packageName: docs-sdk }",
      "  python: { packageName: docs_sdk }",
      "  go: { modulePath: example.com/docs, packageName: docs }",
      "",
    ].join("\n"));
    outputs.set(feature, (await generate(await loadConfig(configFile, {}))).files);
  }
}, 120_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("every operation is documented in every target", () => {
  it("has fixtures with untagged operations to check (so the checks cannot pass vacuously)", () => {
    expect(FEATURES.length).toBeGreaterThanOrEqual(20);
    expect(FEATURES.filter((f) => operationCounts(f).untagged > 0).length).toBeGreaterThanOrEqual(15);
    expect(FEATURES.some((f) => operationCounts(f).untagged > 0 && operationCounts(f).untagged < operationCounts(f).all)).toBe(true);
  });

  for (const target of TARGETS) {
    describe(target, () => {
      it.each(FEATURES)("%s: one section per operation, on pages the README links to", (feature) => {
        const pages = markdownPages(outputs.get(feature)!, target);
        const sections = operationSections(pages);
        expect([...sections.values()].flat(), feature).toHaveLength(operationCounts(feature).all);
        const fromReadme = new Set(links(pages.get("README.md")!).map((l) => resolveLink("README.md", l.target.split("#")[0]!)));
        for (const page of sections.keys()) expect(fromReadme, page).toContain(page);
      });

      it.each(FEATURES)("%s: links resolve and no page is unreachable", (feature) => {
        const files = outputs.get(feature)!;
        const pages = markdownPages(files, target);
        const packageFiles = [...files.keys()].filter((p) => p.startsWith(`${target}/`)).map((p) => p.slice(target.length + 1));
        expect(brokenLinks(pages, packageFiles)).toEqual([]);
        expect(unlinkedPages(pages)).toEqual([]);
      });
    });
  }

  it("the section count notices an operation left out (negative control)", () => {
    const feature = FEATURES.find((f) => operationCounts(f).untagged > 1)!;
    const pages = markdownPages(outputs.get(feature)!);
    const [page, md] = [...pages].find(([p]) => p.startsWith("docs/sdks/"))!;
    const last = md.lastIndexOf("\n## ");
    pages.set(page, md.slice(0, last));
    expect([...operationSections(pages).values()].flat().length).toBeLessThan(operationCounts(feature).all);
  });

  it("type-checks the TypeScript samples of the pages of untagged operations", async () => {
    const feature = "naming";
    const files = outputs.get(feature)!;
    const pages = markdownPages(files);
    const samples = typescriptSamples(pages).filter((s) => s.page.startsWith("docs/sdks/"));
    expect(samples.length).toBeGreaterThanOrEqual(2 * operationCounts(feature).all);
    const { diagnostics, cleanup } = await typecheckSamples(files, samples, "docs-sdk");
    await cleanup();
    expect(diagnostics).toBe("");
  }, 60_000);
});
