import path from "node:path";
import { listFiles, readIfExists } from "./disk.ts";
import { MANIFEST_PATH, parseManifest } from "./manifest.ts";

export interface Drift {
  /** Would be created: generated but not on disk. */
  added: string[];
  /** On disk with other content. */
  changed: string[];
  /** Generated before (in the manifest on disk) but no longer. */
  removed: string[];
  /** On disk, never generated: not in the new output nor the old manifest. */
  stray: string[];
}

export function hasDrift(d: Drift): boolean {
  return d.added.length + d.changed.length + d.removed.length + d.stray.length > 0;
}

const CONCURRENT_READS = 64;

/** Compares the files a generation would write with what is on disk. Reads only. */
export async function compareWithDisk(outDir: string, files: Map<string, string>): Promise<Drift> {
  const onDisk = await listFiles(outDir);
  const drift: Drift = { added: [], changed: [], removed: [], stray: [] };
  // Many files are read at once; the lists keep the files' (sorted) order whatever order reads finish in.
  const entries = [...files];
  const status = new Array<"added" | "changed" | "same">(entries.length);
  let next = 0;
  const worker = async () => {
    while (next < entries.length) {
      const i = next++;
      const [rel, content] = entries[i]!;
      const current = await readIfExists(path.join(outDir, ...rel.split("/")));
      status[i] = current === undefined ? "added" : current !== content ? "changed" : "same";
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_READS, entries.length) }, worker));
  entries.forEach(([rel], i) => {
    if (status[i] === "added") drift.added.push(rel);
    else if (status[i] === "changed") drift.changed.push(rel);
  });
  const manifest = parseManifest(await readIfExists(path.join(outDir, MANIFEST_PATH)));
  const owned = new Set(Object.keys(manifest?.files ?? {}));
  for (const rel of onDisk) {
    if (files.has(rel)) continue;
    (owned.has(rel) ? drift.removed : drift.stray).push(rel);
  }
  return drift;
}
