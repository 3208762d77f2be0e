import { readFileSync } from "node:fs";
import type { GeneratorConfig } from "./config.ts";
import { GenerationError, type Diagnostic } from "./diagnostics.ts";
import { buildIr } from "./ir/build.ts";
import { loadSpec } from "./load/load.ts";
import { buildManifest, canonicalJsonHash, MANIFEST_PATH, sha256 } from "./output/manifest.ts";
import { toFileMap } from "./output/finalize.ts";
import { generateGo } from "./targets/go/index.ts";
import { generatePython } from "./targets/python/index.ts";
import { generateTypeScript } from "./targets/typescript/index.ts";
import type { Api } from "./ir/types.ts";
import type { GeneratedFile } from "./targets/target.ts";

type TargetName = keyof GeneratorConfig["targets"];

/** Every target, in output order; each writes below a folder named after it. */
const TARGETS: Record<TargetName, (api: Api, config: GeneratorConfig, time: StageTimer) => Promise<GeneratedFile[]>> = {
  typescript: generateTypeScript,
  python: generatePython,
  go: generateGo,
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

/** Runs load -> ir -> plan/emit -> finalize in memory. Touches the disk only to read the spec and the runtime. */
export async function generate(config: GeneratorConfig, options: { validate?: boolean } = {}): Promise<GenerationResult> {
  const timings: StageTiming[] = [];
  const time = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
    const start = performance.now();
    const value = await work();
    timings.push({ stage, ms: performance.now() - start });
    return value;
  };
  const spec = await time("load", () => loadSpec(config.spec, options));
  const { api, warnings } = await time("ir", () => {
    try {
      return buildIr(spec.document as unknown as Record<string, unknown>, spec.file, { globals: config.globals, lineOf: spec.lineOf, targets: Object.keys(config.targets) });
    } catch (error) {
      // The loader's warnings belong with the IR's errors, so none is lost on failure.
      if (error instanceof GenerationError) throw new GenerationError(error.diagnostics, [...spec.warnings, ...error.warnings]);
      throw error;
    }
  });
  const generated: GeneratedFile[] = [];
  for (const [name, generateTarget] of Object.entries(TARGETS)) {
    if (!config.targets[name as TargetName]) continue;
    const before = timings.length;
    const files = await time(name, () => generateTarget(api, config, (step, work) => time(`${name} ${step}`, work)));
    // A target that timed its own steps is not counted a second time as a whole.
    if (timings.length - before > 1) timings.pop();
    generated.push(...files.map((f) => ({ path: `${name}/${f.path}`, content: f.content })));
  }
  const files = await time("finalize", () => {
    const map = toFileMap(generated);
    const manifest = buildManifest(GENERATOR_VERSION, canonicalJsonHash(spec.document), sha256(config.source), map);
    map.set(MANIFEST_PATH, `${JSON.stringify(manifest, null, 2)}\n`);
    return map;
  });
  return { files, warnings: [...spec.warnings, ...warnings], timings };
}
