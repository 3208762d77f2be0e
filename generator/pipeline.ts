import { readFileSync } from "node:fs";
import { withDerivedNames, type GeneratorConfig } from "./config.ts";
import { GenerationError, type Diagnostic } from "./diagnostics.ts";
import { buildIr } from "./ir/build.ts";
import { loadSpec } from "./load/load.ts";
import { buildManifest, canonicalJsonHash, MANIFEST_PATH, sha256, type ManifestHeader } from "./output/manifest.ts";
import { toFileMap } from "./output/finalize.ts";
import { generateCSharp } from "./targets/csharp/index.ts";
import { generateGo } from "./targets/go/index.ts";
import { generatePhp } from "./targets/php/index.ts";
import { generatePython } from "./targets/python/index.ts";
import { generateTypeScript } from "./targets/typescript/index.ts";
import type { Api } from "./ir/types.ts";
import type { GeneratedFile } from "./targets/target.ts";

type TargetName = keyof GeneratorConfig["targets"];

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

/** Files with their final paths (below the target's folder), handed over as soon as a step has made them. */
export type Deliver = (files: GeneratedFile[]) => void;

export interface GenerationRun {
  warnings: Diagnostic[];
  timings: StageTiming[];
  /** What the manifest records besides the files. */
  header: ManifestHeader;
}

/**
 * Runs load -> ir -> the targets, handing every file to `deliver` as its step finishes rather
 * than keeping them: the caller finalizes, writes or compares them. Touches the disk only to
 * read the spec and the runtime.
 */
export async function runGeneration(given: GeneratorConfig, deliver: Deliver, options: { validate?: boolean } = {}): Promise<GenerationRun> {
  const timings: StageTiming[] = [];
  const time = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const value = await work();
    timings.push({ stage, ms: performance.now() - start });
    return value;
  };
  const { api, warnings, specHash } = await readSpec(given, options, time);
  const config = withDerivedNames(given, api.info.title);
  for (const [name, generateTarget] of Object.entries(TARGETS)) {
    if (!config.targets[name as TargetName]) continue;
    const before = timings.length;
    const deliverBelow = (files: GeneratedFile[]) => deliver(files.map((f) => ({ path: `${name}/${f.path}`, content: f.content })));
    await time(name, () => generateTarget(api, config, (step, work) => time(`${name} ${step}`, work), deliverBelow));
    // A target that timed its own steps is not counted a second time as a whole.
    if (timings.length - before > 1) timings.pop();
  }
  return { warnings, timings, header: { generator: GENERATOR_VERSION, spec: specHash, config: sha256(config.derive?.length ? `${config.source}\n${JSON.stringify(config.targets)}` : config.source) } };
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

/**
 * Loads the spec and builds the IR. Only the IR, the warnings and the spec's hash leave this
 * function, so the parsed document (most of the memory on big specs) is freed before the targets run.
 */
async function readSpec(config: GeneratorConfig, options: { validate?: boolean }, time: StageTimer): Promise<{ api: Api; warnings: Diagnostic[]; specHash: string }> {
  const spec = await time("load", () => loadSpec(config.spec, options));
  const { api, warnings } = await time("ir", () => {
    try {
      return buildIr(spec.document as unknown as Record<string, unknown>, spec.file, { globals: config.globals, locate: spec.locate, ...(spec.nameOf ? { nameOf: spec.nameOf } : {}), targets: [...new Set([...Object.keys(config.targets), ...(config.derive ?? [])])], refsChecked: spec.refsChecked });
    } catch (error) {
      // The loader's warnings belong with the IR's errors, so none is lost on failure.
      if (error instanceof GenerationError) throw new GenerationError(error.diagnostics, [...spec.warnings, ...error.warnings]);
      throw error;
    }
  });
  return { api, warnings: [...spec.warnings, ...warnings], specHash: canonicalJsonHash(spec.document) };
}
