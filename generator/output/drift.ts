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

/** How a generated file compares with the file at its path on disk. */
export type FileStatus = "added" | "changed" | "same";

export function hasDrift(d: Drift): boolean {
  return d.added.length + d.changed.length + d.removed.length + d.stray.length > 0;
}

/**
 * The drift of an output folder, given how each generated file compares with disk (in sorted
 * order): the files on disk that were not generated are removed or stray, as the manifest on disk tells.
 */
export async function driftOf(outDir: string, statuses: ReadonlyMap<string, FileStatus>): Promise<Drift> {
  const drift: Drift = { added: [], changed: [], removed: [], stray: [] };
  for (const [rel, status] of statuses) {
    if (status !== "same") drift[status].push(rel);
  }
  const manifest = parseManifest(await readIfExists(path.join(outDir, MANIFEST_PATH)));
  const owned = new Set(Object.keys(manifest?.files ?? {}));
  for (const rel of await listFiles(outDir)) {
    if (statuses.has(rel)) continue;
    (owned.has(rel) ? drift.removed : drift.stray).push(rel);
  }
  return drift;
}
