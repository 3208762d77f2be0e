// Every operation of a spec is documented in every target's docs: a section on an SDK page that the
// README links to, links that resolve, and no model page left unreachable. Checked over every
// feature fixture (most of their operations have no tag, so they live on the client itself).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { FEATURE_NAMES as FEATURES, FIXTURES, generateFeatureAllTargets } from "../features/generate-feature.ts";
import { docsProblems, markdownPages, typecheckSamples, typescriptSamples } from "../helpers/markdown.ts";

const TARGETS = ["typescript", "python", "go", "csharp", "php"] as const;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** How many operations the spec declares, and how many of them have no tag, read from the YAML itself. */
function operationCounts(feature: string): { all: number; untagged: number } {
  const spec = parse(readFileSync(path.join(FIXTURES, `${feature}.yaml`), "utf8")) as { paths?: Record<string, Record<string, { tags?: string[] }>> };
  const operations = Object.values(spec.paths ?? {}).flatMap((item) => METHODS.flatMap((m) => (item[m] ? [item[m]] : [])));
  return { all: operations.length, untagged: operations.filter((op) => (op.tags ?? []).length === 0).length };
}

const outputs = new Map<string, Map<string, string>>();

beforeAll(async () => {
  for (const feature of FEATURES) outputs.set(feature, await generateFeatureAllTargets(feature));
}, 120_000);

describe("every operation is documented in every target", () => {
  it("has fixtures with untagged operations to check (so the checks cannot pass vacuously)", () => {
    expect(FEATURES.length).toBeGreaterThanOrEqual(20);
    expect(FEATURES.filter((f) => operationCounts(f).untagged > 0).length).toBeGreaterThanOrEqual(15);
    expect(FEATURES.some((f) => operationCounts(f).untagged > 0 && operationCounts(f).untagged < operationCounts(f).all)).toBe(true);
  });

  for (const target of TARGETS) {
    describe(target, () => {
      it.each(FEATURES)("%s: one section per operation, links that resolve, no page unreachable", (feature) => {
        expect(docsProblems(outputs.get(feature)!, target, operationCounts(feature).all)).toEqual([]);
      });
    });
  }

  it("notices an operation left out, an unreachable page and an unlisted SDK page (negative control)", () => {
    const feature = FEATURES.find((f) => operationCounts(f).untagged > 1)!;
    const files = new Map(outputs.get(feature)!);
    const sdkPage = [...files.keys()].find((p) => p.startsWith("typescript/docs/sdks/"))!;
    const md = files.get(sdkPage)!;
    files.set(sdkPage, md.slice(0, md.lastIndexOf("\n## ")));
    files.set("typescript/docs/models/components/nowhere.md", "# Nowhere\n");
    files.set("typescript/README.md", files.get("typescript/README.md")!.replaceAll(`(${sdkPage.slice("typescript/".length)}`, "(#top"));
    const problems = docsProblems(files, "typescript", operationCounts(feature).all);
    expect(problems).toContain("docs/models/components/nowhere.md: no page links to it");
    expect(problems).toContain(`${sdkPage.slice("typescript/".length)}: the README does not link to it`);
    expect(problems.some((p) => / operation sections for \d+ operations$/.test(p))).toBe(true);
  });

  it("type-checks the TypeScript samples of the pages of untagged operations", async () => {
    const feature = "naming";
    const files = outputs.get(feature)!;
    const pages = markdownPages(files);
    const samples = typescriptSamples(pages).filter((s) => s.page.startsWith("docs/sdks/"));
    expect(samples.length).toBeGreaterThanOrEqual(2 * operationCounts(feature).all);
    const { diagnostics, cleanup } = await typecheckSamples(files, samples, `${feature}-sdk`);
    await cleanup();
    expect(diagnostics).toBe("");
  }, 60_000);
});
