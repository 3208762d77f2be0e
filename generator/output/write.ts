import { cp, rename, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { listFiles, readIfExists } from "./disk.ts";
import { MANIFEST_PATH, parseManifest } from "./manifest.ts";

/** A sibling folder of `outDir` (made when the first file is written) for the new output before it replaces the old. */
export function stagingFolderFor(outDir: string): string {
  const parent = path.dirname(path.resolve(outDir));
  return path.join(parent, `.${path.basename(path.resolve(outDir))}.sdkgen-tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
}

/**
 * Replaces the output folder with the staged one in one step (a rename), so a failure leaves the
 * previous output as it was. Files the generator did not write before (not in the old manifest)
 * nor now are carried over. The staging folder is gone afterwards, whatever happens.
 */
export async function swapIn(outDir: string, staging: string, generated: ReadonlySet<string>): Promise<void> {
  const previous = staging.replace(/\.sdkgen-tmp-/, ".sdkgen-old-");
  try {
    const manifest = parseManifest(await readIfExists(path.join(outDir, MANIFEST_PATH)));
    const owned = new Set(Object.keys(manifest?.files ?? {}));
    for (const rel of await listFiles(outDir)) {
      if (!owned.has(rel) && !generated.has(rel)) await cp(path.join(outDir, ...rel.split("/")), path.join(staging, ...rel.split("/")));
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
