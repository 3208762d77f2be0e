import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "../../generator/config.ts";
import { formatDiagnostic, type Diagnostic } from "../../generator/diagnostics.ts";
import { generate } from "../../generator/pipeline.ts";
import { docsProblems } from "../helpers/markdown.ts";
import { typecheck } from "../helpers/tsc.ts";

export interface GeneratedPackage {
  /** Folder name below the shared root, e.g. "plex2509". */
  name: string;
  warnings: Diagnostic[];
  /** Operations in the SDK: one function module each. */
  operations: number;
  ms: number;
  /** What is wrong with the docs (see docsProblems); checked in memory, as the docs are not written. */
  docsProblems: string[];
}

/**
 * Generates the TypeScript SDK of `spec` with a config that enables only the typescript target,
 * and writes the package's sources and tsconfig below `root/name/` for one shared tsc run.
 */
export async function generateTypeScriptOnly(spec: string, root: string, name: string): Promise<GeneratedPackage> {
  const dir = path.join(root, name);
  await mkdir(dir, { recursive: true });
  const configFile = path.join(dir, "sdkgen.yaml");
  await writeFile(configFile, `spec: ${JSON.stringify(spec)}\noutput: out\ntargets:\n  typescript:\n    packageName: ${name.toLowerCase()}-sdk\n`);
  const start = performance.now();
  const { files, warnings } = await generate(await loadConfig(configFile, {}));
  const ms = performance.now() - start;
  let operations = 0;
  for (const [rel, content] of files) {
    // Sources, tsconfig and package.json (an ES module package) are what tsc reads; the docs are left out to save writing thousands of files.
    if (!rel.startsWith("typescript/src/") && rel !== "typescript/tsconfig.json" && rel !== "typescript/package.json") continue;
    if (/^typescript\/src\/funcs\/[^/]+\.ts$/.test(rel)) operations++;
    const target = path.join(dir, ...rel.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return { name, warnings, operations, ms, docsProblems: docsProblems(files, "typescript", operations) };
}

/**
 * Type-checks several generated packages in one tsc run (`tsc --noEmit --strict` with the
 * generated tsconfig): the packages are modules, so they cannot collide. Returns tsc's output, "" when clean.
 */
export async function typecheckPackages(root: string, names: string[]): Promise<string> {
  const tsconfig = JSON.parse(await readFile(path.join(root, names[0]!, "typescript", "tsconfig.json"), "utf8")) as Record<string, unknown>;
  await writeFile(path.join(root, "tsconfig.json"), JSON.stringify({ ...tsconfig, include: names.map((n) => `${n}/typescript/src`) }, null, 2));
  return typecheck(root);
}

/** Warnings as one line each, for messages and for comparing with the expected list. */
export function describeWarnings(warnings: Diagnostic[]): string[] {
  return warnings.map(formatDiagnostic);
}

/** The body content types a spec's warnings say are not supported yet, as "request image/png" or "response application/xml". */
export function unsupportedBodies(warnings: Diagnostic[]): string[] {
  const found = warnings.flatMap((w) => {
    const m = /^(request|response) bodies of type (\S+) are not supported yet/.exec(w.message);
    return m ? [`${m[1]} ${m[2]}`] : [];
  });
  return [...new Set(found)].sort();
}
