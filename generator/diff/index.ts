/** `sdkgen diff`: the changes between two specs as each enabled target's SDK shows them. */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { GeneratorConfig, TargetName } from "../config.ts";
import { GenerationError, type Diagnostic } from "../diagnostics.ts";
import type { Api } from "../ir/types.ts";
import { loadSpec } from "../load/load.ts";
import { buildTargetApis, enabledTargets, operationCount, readOverlays, type ConfigOverlays, type StageListener } from "../pipeline.ts";
import { compareSurfaces, sortChanges } from "./compare.ts";
import { makeReport, type DiffReport } from "./report.ts";
import type { Surface } from "./surface.ts";
import { surfaceFor } from "./targets.ts";

const run = promisify(execFile);

/** The version a target's package has in the config (Go modules are versioned by tags: 0.x assumed). */
export function targetVersion(config: GeneratorConfig, target: TargetName): string {
  const t = config.targets[target];
  return t && "packageVersion" in t ? t.packageVersion : "0.1.0";
}

/** Each enabled target's surface for a set of IRs; `keepPlans`: the targets' plans are kept for them to generate with. */
export function surfacesOf(config: GeneratorConfig, apis: Map<TargetName, Api>, keepPlans = false): Map<TargetName, Surface> {
  return new Map(enabledTargets(config).map((t) => [t, surfaceFor(t, apis.get(t)!, config, keepPlans)]));
}

/** Compares surfaces target by target (targets missing on either side are left out). */
export function diffSurfaces(config: GeneratorConfig, before: Map<TargetName, Surface>, after: Map<TargetName, Surface>, versions?: Partial<Record<TargetName, string>>): DiffReport {
  const changes = enabledTargets(config).flatMap((t) => (before.has(t) && after.has(t) ? compareSurfaces(before.get(t)!, after.get(t)!) : []));
  const v: Partial<Record<TargetName, string>> = {};
  for (const t of enabledTargets(config)) v[t] = versions?.[t] ?? targetVersion(config, t);
  return makeReport(sortChanges(changes), v);
}

export interface DiffOptions {
  validate?: boolean;
  /** Called as each stage starts ("old load", "old ir", "old surfaces", the same for "new", then "compare"), for a progress display. */
  onStage?: StageListener;
  /** The prefix of the stage names; default none. */
  label?: string;
}

/** Loads a spec (a file, or `git:<rev>:<path>` from the repository's history) and gives each target's surface, with the warnings found. */
export async function specSurfaces(
  config: GeneratorConfig, spec: string, overlays: ConfigOverlays, options: DiffOptions = {},
): Promise<{ surfaces: Map<TargetName, Surface>; warnings: Diagnostic[] }> {
  const stage = (name: string, operations?: number) => options.onStage?.({ stage: options.label ? `${options.label} ${name}` : name, ...(operations !== undefined ? { operations } : {}) });
  return withSpecFile(spec, async (file) => {
    stage("load");
    const loaded = await loadSpec(file, { validate: options.validate });
    stage("ir");
    const { apis, warnings } = buildTargetApis(config, loaded, overlays);
    stage("surfaces", operationCount(apis));
    return { surfaces: surfacesOf(config, apis), warnings: [...loaded.warnings, ...warnings] };
  });
}

export async function diffSpecs(config: GeneratorConfig, oldSpec: string, newSpec: string, options: DiffOptions = {}): Promise<DiffReport & { warnings: Diagnostic[] }> {
  const overlays = await readOverlays(config);
  const before = await specSurfaces(config, oldSpec, overlays, { ...options, label: "old" });
  const after = await specSurfaces(config, newSpec, overlays, { ...options, label: "new" });
  options.onStage?.({ stage: "compare" });
  return { ...diffSurfaces(config, before.surfaces, after.surfaces), warnings: [...before.warnings, ...after.warnings] };
}

/**
 * Runs `work` on a spec file: the file itself, or for `git:<rev>:<path>` (path from the repository's
 * root) the folder of that path as it was at <rev>, taken out into a temporary folder so the
 * spec's relative $refs still resolve.
 */
async function withSpecFile<T>(spec: string, work: (file: string) => Promise<T>): Promise<T> {
  const m = /^git:([^:]+):(.+)$/.exec(spec);
  if (!m) return work(spec);
  const [, rev, specPath] = m as unknown as [string, string, string];
  const fail = (message: string) => new GenerationError([{ severity: "error", file: spec, pointer: "", message }]);
  let root: string;
  try {
    root = (await run("git", ["rev-parse", "--show-toplevel"])).stdout.trim();
    await run("git", ["-C", root, "cat-file", "-e", `${rev}:${specPath}`]);
  } catch (error) {
    throw fail(`cannot read ${specPath} at ${rev} from git: ${((error as { stderr?: string }).stderr ?? String(error)).trim().split("\n")[0]}`);
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-diff-"));
  try {
    const folder = path.posix.dirname(specPath);
    await run("sh", ["-c", 'git -C "$1" archive --format=tar "$2" -- "$3" | tar -x -C "$4"', "sh", root, rev, folder, dir], { maxBuffer: 1 << 30 });
    return await work(path.join(dir, specPath));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
