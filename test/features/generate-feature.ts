// Generates a feature fixture's TypeScript SDK (test/fixtures/features/<feature>.yaml) into a folder.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { loadConfig } from "../../generator/config.ts";
import { formatDiagnostic } from "../../generator/diagnostics.ts";
import { generate } from "../../generator/pipeline.ts";
import { REPO_ROOT } from "../helpers/generate.ts";

export const FIXTURES = path.join(REPO_ROOT, "test/fixtures/features");

export interface GeneratedFeature {
  files: Map<string, string>;
  /** Warnings formatted as the CLI prints them. */
  warnings: string[];
}

/** Generates with only the typescript target and writes the SDK below root/<feature>/. */
export async function generateFeature(root: string, feature: string): Promise<GeneratedFeature> {
  const dir = path.join(root, feature);
  await mkdir(dir, { recursive: true });
  const configFile = path.join(dir, "sdkgen.yaml");
  const spec = path.join(FIXTURES, `${feature}.yaml`);
  await writeFile(configFile, `spec: ${JSON.stringify(spec)}\noutput: out\nclientName: Api\ntargets:\n  typescript:\n    packageName: ${feature}-sdk\n`);
  const { files, warnings } = await generate(await loadConfig(configFile, {}));
  for (const [rel, content] of files) {
    if (!rel.startsWith("typescript/")) continue;
    const target = path.join(dir, ...rel.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return { files, warnings: warnings.map(formatDiagnostic) };
}
