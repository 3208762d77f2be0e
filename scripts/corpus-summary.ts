// The Markdown summary of a corpus run: how many specs generated and came out clean per target, then
// every failure class (the first error, normalised) with how many specs met it and one of them.
import { classify, type Stage, type TargetId } from "./corpus-errors.ts";

export interface Check {
  ok: boolean;
  seconds: number;
  warnings?: number;
  error?: string;
  class?: string;
}

export interface SpecResult {
  spec: string;
  bytes: number;
  operations: number;
  generate: Check;
  targets: Partial<Record<TargetId, Check>>;
}

const percent = (n: number, of: number) => (of === 0 ? "–" : `${((100 * n) / of).toFixed(1)}%`);

function failureRows(results: SpecResult[], stage: Stage, checkOf: (r: SpecResult) => Check | undefined): string[] {
  const classes = new Map<string, SpecResult[]>();
  for (const r of results) {
    const check = checkOf(r);
    if (!check || check.ok) continue;
    // Classified again from the error, so a summary of older results groups as the current rules do.
    const key = check.error ? classify(stage, check.error) : (check.class ?? "unclassified");
    classes.set(key, [...(classes.get(key) ?? []), r]);
  }
  const rows = [...classes].sort(([a, x], [b, y]) => y.length - x.length || (a < b ? -1 : 1));
  if (rows.length === 0) return [];
  return [
    "",
    `### ${stage}`,
    "",
    "| first error (normalised) | specs | e.g. |",
    "| --- | --- | --- |",
    ...rows.map(([cls, specs]) => `| ${cls.replaceAll("|", "\\|")} | ${specs.length} | ${specs[0]!.spec} |`),
  ];
}

export function corpusSummary(results: SpecResult[], targets: TargetId[], about: { folder: string }): string {
  const generated = results.filter((r) => r.generate.ok);
  const operations = results.reduce((n, r) => n + Math.max(r.operations, 0), 0);
  const allClean = generated.filter((r) => targets.every((t) => r.targets[t]?.ok)).length;
  const lines = [
    `# Corpus run: ${about.folder}`,
    "",
    `${results.length} specs (${operations} operations); clean in every target: ${allClean} (${percent(allClean, results.length)} of the specs).`,
    "Clean is counted of the specs generated; the generator refusing a spec (with its reason) counts as not generated.",
    "",
    `| specs | generated | ${targets.join(" | ")} |`,
    `| --- | --- | ${targets.map(() => "---").join(" | ")} |`,
    `| ${results.length} | ${generated.length} (${percent(generated.length, results.length)}) | ${targets
      .map((t) => {
        const clean = generated.filter((r) => r.targets[t]?.ok).length;
        return `${clean} (${percent(clean, generated.length)})`;
      })
      .join(" | ")} |`,
    "",
    "## Failures by first error",
    ...failureRows(results, "generate", (r) => r.generate),
    ...targets.flatMap((t) => failureRows(generated, t, (r) => r.targets[t])),
  ];
  return lines.join("\n") + "\n";
}
