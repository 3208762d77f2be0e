import { readFileSync } from "node:fs";
import { withDerivedNames, type GeneratorConfig, type TargetName } from "./config.ts";
import { GenerationError, type Diagnostic } from "./diagnostics.ts";
import { buildIr } from "./ir/build.ts";
import { loadSpec, type LoadedSpec } from "./load/load.ts";
import { applyOverlays, loadOverlay, type Overlay } from "./load/overlay.ts";
import { buildManifest, canonicalJsonHash, MANIFEST_PATH, sha256, type ManifestHeader } from "./output/manifest.ts";
import { toFileMap } from "./output/finalize.ts";
import { generateCSharp } from "./targets/csharp/index.ts";
import { generateGo } from "./targets/go/index.ts";
import { generatePhp } from "./targets/php/index.ts";
import { generatePython } from "./targets/python/index.ts";
import { generateTypeScript } from "./targets/typescript/index.ts";
import type { Api } from "./ir/types.ts";
import { changelogStep, readPrevious } from "./diff/changelog.ts";
import type { DiffReport } from "./diff/report.ts";
import type { GeneratedFile } from "./targets/target.ts";

/** Every target, in output order; each writes below a folder named after it. */
const TARGETS: Record<TargetName, (api: Api, config: GeneratorConfig, time: StageTimer, deliver: Deliver) => Promise<void>> = {
  typescript: generateTypeScript,
  python: generatePython,
  go: generateGo,
  csharp: generateCSharp,
  php: generatePhp,
};

export const GENERATOR_VERSION = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;

export interface StageTiming {
  stage: string;
  ms: number;
}

/**
 * Times one step of a target (e.g. "plan", "emit"); recorded as "<target> <step>". A target that
 * does not use it is timed as one stage under its own name.
 */
export type StageTimer = <T>(step: string, work: () => Promise<T> | T) => Promise<T>;

export interface GenerationResult {
  /** Every output file by POSIX path relative to the output folder, manifest included. */
  files: Map<string, string>;
  warnings: Diagnostic[];
  timings: StageTiming[];
}

/** A stage starting, as told to a progress display (see progress.ts); the pipeline itself draws nothing. */
export interface StageStart {
  /** The stage's name as in the timings: "load", "ir", "changelog", "<target>", "<target> plan|emit|docs"; the CLI adds "write"/"compare". */
  stage: string;
  /** The spec's operations (the most any target's IR has), from the end of the "ir" stage on. */
  operations?: number;
  /** The target the stage belongs to: its place among the enabled targets, from 1. */
  target?: { name: TargetName; index: number; count: number };
}

export type StageListener = (event: StageStart) => void;

export interface GenerationOptions {
  validate?: boolean;
  /** Called as each stage starts. */
  onStage?: StageListener;
}

/** Files with their final paths (below the target's folder), handed over as soon as a step has made them. */
export type Deliver = (files: GeneratedFile[]) => void;

export interface GenerationRun {
  warnings: Diagnostic[];
  timings: StageTiming[];
  /** What the manifest records besides the files. */
  header: ManifestHeader;
  /** The changes of the SDKs' surfaces since the previous run in the output folder (changelog on and a previous run found). */
  changes?: DiffReport;
}

/**
 * Runs load -> ir -> the targets, handing every file to `deliver` as its step finishes rather
 * than keeping them: the caller finalizes, writes or compares them. Touches the disk only to
 * read the spec, the overlays, the runtime and (for the changelog) the previous run's surfaces and changelogs.
 */
export async function runGeneration(given: GeneratorConfig, deliver: Deliver, options: GenerationOptions = {}): Promise<GenerationRun> {
  const timings: StageTiming[] = [];
  let operations: number | undefined;
  let target: StageStart["target"];
  // Time spent handing files over, which the caller counts as its own (writing them): a stage that delivers as it goes is timed without it.
  let deliveringMs = 0;
  const time = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    options.onStage?.({ stage, ...(operations !== undefined ? { operations } : {}), ...(target ? { target } : {}) });
    const start = performance.now();
    const delivered = deliveringMs;
    const value = await work();
    timings.push({ stage, ms: performance.now() - start - (deliveringMs - delivered) });
    return value;
  };
  const { apis, warnings, specHash, configHash } = await readSpec(given, options, time);
  operations = operationCount(apis);
  const title = apis.values().next().value?.info.title ?? "";
  const configured = withDerivedNames(given, title);
  let config = configured;
  let changes: DiffReport | undefined;
  if (configured.changelog) {
    const previous = await readPrevious(configured, enabledTargets(configured));
    const step = await time("changelog", () => changelogStep(configured, apis, previous, specHash));
    config = step.config;
    changes = step.report;
    deliver(step.files);
  }
  const running = (Object.keys(TARGETS) as TargetName[]).filter((name) => config.targets[name]);
  for (const [name, generateTarget] of Object.entries(TARGETS)) {
    if (!config.targets[name as TargetName]) continue;
    target = { name: name as TargetName, index: running.indexOf(name as TargetName) + 1, count: running.length };
    const api = apis.get(name as TargetName)!;
    const before = timings.length;
    const deliverBelow = (files: GeneratedFile[]) => {
      const start = performance.now();
      deliver(files.map((f) => ({ path: `${name}/${f.path}`, content: f.content })));
      deliveringMs += performance.now() - start;
    };
    await time(name, () => generateTarget(api, config, (step, work) => time(`${name} ${step}`, work), deliverBelow));
    // A target that timed its own steps is not counted a second time as a whole.
    if (timings.length - before > 1) timings.pop();
  }
  target = undefined;
  // Names made from the title are part of what the config gives.
  const hash = config.derive?.length ? sha256(`${configHash}\n${JSON.stringify(config.targets)}`) : configHash;
  return { warnings, timings, header: { generator: GENERATOR_VERSION, spec: specHash, config: hash }, ...(changes ? { changes } : {}) };
}

/** The operations of a spec: the most any target's IR has (overlays may add or remove some). */
export function operationCount(apis: Map<TargetName, Api>): number {
  return Math.max(0, ...[...apis.values()].map((api) => api.operations.length));
}

/** The whole output in memory, finalized and with its manifest, for callers that want the files themselves. */
export async function generate(config: GeneratorConfig, options: { validate?: boolean } = {}): Promise<GenerationResult> {
  const generated: GeneratedFile[] = [];
  const { warnings, timings, header } = await runGeneration(config, (files) => generated.push(...files), options);
  const start = performance.now();
  const files = toFileMap(generated);
  files.set(MANIFEST_PATH, buildManifest(header, files));
  timings.push({ stage: "finalize", ms: performance.now() - start });
  return { files, warnings, timings };
}

/** The enabled targets, in output order: those the config names, and those whose names the title will give. */
export function enabledTargets(config: GeneratorConfig): TargetName[] {
  return (Object.keys(TARGETS) as TargetName[]).filter((name) => config.targets[name] !== undefined || config.derive?.includes(name));
}

/** The config's overlays, read and checked: the global ones and each enabled target's own. */
export interface ConfigOverlays {
  global: Overlay[];
  perTarget: Map<TargetName, Overlay[]>;
}

export async function readOverlays(config: GeneratorConfig): Promise<ConfigOverlays> {
  const global = await Promise.all(config.overlays.map(loadOverlay));
  const perTarget = new Map<TargetName, Overlay[]>();
  for (const name of enabledTargets(config)) {
    const own = config.targetOverlays[name];
    if (own && own.length > 0) perTarget.set(name, await Promise.all(own.map(loadOverlay)));
  }
  return { global, perTarget };
}

/**
 * The manifest's config hash: the config's text (which names the overlays) and every overlay's text,
 * so editing an overlay counts as a config change; no path enters it, so it does not depend on the folder run from.
 */
export function configHash(config: GeneratorConfig, overlays: ConfigOverlays): string {
  const all = [...overlays.global, ...[...overlays.perTarget.values()].flat()];
  if (all.length === 0) return sha256(config.source);
  return sha256([config.source, ...all.map((o) => o.source)].join("\u0000"));
}

/**
 * One IR per enabled target: the spec with the global overlays applied, and for a target with
 * overlays of its own, a copy with those applied too. Targets without overlays of their own share one IR.
 */
export function buildTargetApis(config: GeneratorConfig, spec: LoadedSpec, overlays: ConfigOverlays): { apis: Map<TargetName, Api>; warnings: Diagnostic[] } {
  const document = spec.document as unknown as Record<string, unknown>;
  const warnings: Diagnostic[] = [];
  const overlaid = overlays.global.length > 0 || overlays.perTarget.size > 0;
  if (overlays.global.length > 0) warnings.push(...applyOverlays(document, overlays.global));
  const build = (doc: Record<string, unknown>) => buildIr(doc, spec.file, {
    globals: config.globals, locate: spec.locate, ...(spec.nameOf ? { nameOf: spec.nameOf } : {}), targets: enabledTargets(config),
    // An overlay may add $refs the loader never saw.
    refsChecked: spec.refsChecked && !overlaid,
  });
  const apis = new Map<TargetName, Api>();
  let shared: Api | undefined;
  const seen = new Set<string>();
  const keep = (found: Diagnostic[]) => {
    for (const w of found) {
      const key = `${w.file}\u0000${w.pointer}\u0000${w.message}`;
      if (!seen.has(key)) warnings.push(w), seen.add(key);
    }
  };
  for (const name of enabledTargets(config)) {
    const own = overlays.perTarget.get(name);
    if (own) {
      const copy = structuredClone(document);
      keep(applyOverlays(copy, own));
      const result = build(copy);
      keep(result.warnings);
      apis.set(name, result.api);
    } else {
      if (!shared) {
        const result = build(document);
        keep(result.warnings);
        shared = result.api;
      }
      apis.set(name, shared);
    }
  }
  return { apis, warnings };
}

/**
 * Loads the spec and builds the IR of each target. Only the IRs, the warnings and the hashes leave this
 * function, so the parsed document (most of the memory on big specs) is freed before the targets run.
 * The spec's hash is that of the spec as written, before any overlay (overlays count in the config's hash).
 */
async function readSpec(config: GeneratorConfig, options: { validate?: boolean }, time: StageTimer): Promise<{ apis: Map<TargetName, Api>; warnings: Diagnostic[]; specHash: string; configHash: string }> {
  const overlays = await readOverlays(config);
  // The spec's hash is part of reading it (on big specs, a tenth of a second that no stage counted before).
  const { spec, specHash } = await time("load", async () => {
    const loaded = await loadSpec(config.spec, options);
    return { spec: loaded, specHash: canonicalJsonHash(loaded.document) };
  });
  const { apis, warnings } = await time("ir", () => {
    try {
      return buildTargetApis(config, spec, overlays);
    } catch (error) {
      // The loader's warnings belong with the IR's errors, so none is lost on failure.
      if (error instanceof GenerationError) throw new GenerationError(error.diagnostics, [...spec.warnings, ...error.warnings]);
      throw error;
    }
  });
  return { apis, warnings: [...spec.warnings, ...warnings], specHash, configHash: configHash(config, overlays) };
}
