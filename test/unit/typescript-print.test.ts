import path from "node:path";
import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind as TsMorphKind } from "ts-morph";
import { describe, expect, it } from "vitest";
import { buildIr } from "../../generator/ir/build.ts";
import { loadSpec } from "../../generator/load/load.ts";
import { emitModules } from "../../generator/targets/typescript/emit.ts";
import { planTypeScript } from "../../generator/targets/typescript/plan.ts";
import { printSourceFile, StructureKind } from "../../generator/targets/typescript/print.ts";
import { plexConfig, REPO_ROOT } from "../helpers/generate.ts";

/** The same structures with ts-morph's kinds, for ts-morph to print. */
function toTsMorph(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toTsMorph);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [
    key,
    key === "kind" ? TsMorphKind[StructureKind[v as number] as keyof typeof TsMorphKind] : toTsMorph(v),
  ]));
}

/**
 * The emitter prints its structures itself (print.ts) and promises the text ts-morph would print
 * from them; ts-morph is the reference here, on specs that use every kind of statement.
 */
describe("the TypeScript printer prints what ts-morph prints", () => {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: { indentationText: IndentationText.TwoSpaces, quoteKind: QuoteKind.Double, newLineKind: NewLineKind.LineFeed },
  });
  const specs = ["spec/plex-authentication.yaml", "test/fixtures/hostile/hostile.yaml", "test/fixtures/plex-2025-09/pms-spec.yaml"];
  it.each(specs)("%s", async (spec) => {
    const file = path.join(REPO_ROOT, spec);
    const config = await plexConfig({ spec: file });
    const loaded = await loadSpec(file, { validate: false });
    const { api } = buildIr(loaded.document as unknown as Record<string, unknown>, file, { globals: config.globals, locate: loaded.locate });
    const modules = [...emitModules(planTypeScript(api, config))];
    expect(modules.length).toBeGreaterThan(5);
    for (const [i, m] of modules.entries()) {
      const reference = project.createSourceFile(`/${spec}/${i}/${m.path}`, { statements: toTsMorph(m.statements) as never }).getFullText();
      expect(printSourceFile(m.statements), m.path).toBe(reference);
    }
  });
});
