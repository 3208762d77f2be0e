import { execFile } from "node:child_process";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./generate.ts";

const run = promisify(execFile);
const TSC = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");

/** Runs `tsc --noEmit --strict` on a generated package folder; returns the diagnostics text ("" when clean). */
export async function typecheck(packageDir: string): Promise<string> {
  try {
    await run(process.execPath, [TSC, "--noEmit", "--strict", "-p", packageDir], { maxBuffer: 64 * 1024 * 1024 });
    return "";
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return `${e.stdout ?? ""}${e.stderr ?? ""}` || e.message;
  }
}

/** Writes files (paths relative to the output root) into a fresh temporary folder. */
export async function writeToTemp(files: Map<string, string>, prefix = "sdkgen-"): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  for (const [rel, content] of files) {
    const target = path.join(dir, ...rel.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return dir;
}

/**
 * Writes the TypeScript SDK of each output (its `typescript/` files) below root/p<i>/ and
 * type-checks them all in one tsc run; gives the diagnostics ("" when clean) and the indices of
 * the packages they name.
 */
export async function typecheckBatch(root: string, outputs: Array<Map<string, string>>): Promise<{ output: string; failing: number[] }> {
  for (const [i, files] of outputs.entries()) {
    for (const [rel, content] of files) {
      if (!rel.startsWith("typescript/")) continue;
      const target = path.join(root, `p${i}`, ...rel.split("/"));
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  }
  // One program over every package: the packages are modules, so they cannot collide.
  const tsconfig = JSON.parse(outputs[0]!.get("typescript/tsconfig.json")!) as Record<string, unknown>;
  await writeFile(path.join(root, "tsconfig.json"), JSON.stringify({ ...tsconfig, include: outputs.map((_, i) => `p${i}/typescript/src`) }, null, 2));
  const output = await typecheck(root);
  const failing = [...new Set([...output.matchAll(/\bp(\d+)[/\\]typescript/g)].map((m) => Number(m[1])))];
  return { output, failing };
}
