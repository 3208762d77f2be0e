import { mkdirSync, writeFileSync } from "node:fs";
import { cp, mkdir, rename, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { listFiles, readIfExists } from "./disk.ts";
import { MANIFEST_PATH, parseManifest } from "./manifest.ts";

/**
 * Replaces the output folder with `files` in one step: everything is written to a sibling
 * folder first and swapped in by rename, so a failure leaves the previous output as it was.
 * Files the generator did not write before (not in the old manifest) are carried over.
 */
export async function writeOutput(outDir: string, files: Map<string, string>): Promise<void> {
  const parent = path.dirname(path.resolve(outDir));
  const base = path.basename(path.resolve(outDir));
  const suffix = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const staging = path.join(parent, `.${base}.sdkgen-tmp-${suffix}`);
  const previous = path.join(parent, `.${base}.sdkgen-old-${suffix}`);
  await mkdir(parent, { recursive: true });
  try {
    await writeAll(staging, files);
    const manifest = parseManifest(await readIfExists(path.join(outDir, MANIFEST_PATH)));
    const owned = new Set(Object.keys(manifest?.files ?? {}));
    for (const rel of await listFiles(outDir)) {
      if (!owned.has(rel) && !files.has(rel)) await cp(path.join(outDir, ...rel.split("/")), path.join(staging, ...rel.split("/")));
    }
    await rename(outDir, previous).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    try {
      await rename(staging, outDir);
    } catch (error) {
      await rename(previous, outDir).catch(() => undefined);
      throw error;
    }
    await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Writes every file below `root`, creating each folder once. Synchronous calls on purpose: for
 * thousands of small files they are several times faster than promises through the thread pool
 * (GitHub's 7,488 files: about 0.2 s against 0.6-1.1 s).
 */
async function writeAll(root: string, files: Map<string, string>): Promise<void> {
  const targets = [...files].map(([rel, content]) => ({ file: path.join(root, ...rel.split("/")), content }));
  const folders = [...new Set(targets.map((t) => path.dirname(t.file)))].sort();
  // Sorted, a folder comes after its parent, so each mkdir creates at most one level.
  for (const folder of folders) mkdirSync(folder, { recursive: true });
  for (const { file, content } of targets) writeFileSync(file, content);
}
