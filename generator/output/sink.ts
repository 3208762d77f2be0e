import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { GeneratedFile } from "../targets/target.ts";
import { driftOf, type Drift, type FileStatus } from "./drift.ts";
import { checkGeneratedPath, comparePaths, finalizeFile } from "./finalize.ts";
import { MANIFEST_PATH, manifestText, sha256, type ManifestHeader } from "./manifest.ts";
import { stagingFolderFor, swapIn } from "./write.ts";

/** Write: stage the output and swap it in. Check: compare it with the output folder, writing nothing. */
export type OutputMode = "write" | "check";

/**
 * Takes the files as the targets make them: each is finalized, hashed and written to the staging
 * folder (or compared with disk) at once, and only its hash is kept, so the whole output never
 * sits in memory. `finish` adds the manifest, then swaps the staged output in or gives the drift.
 *
 * Writes are synchronous on purpose: for thousands of small files they are several times faster
 * than promises through the thread pool.
 */
export class OutputSink {
  private readonly hashes = new Map<string, string>();
  private readonly statuses = new Map<string, FileStatus>();
  private readonly madeFolders = new Set<string>();
  /** Time spent finalizing, hashing, writing or comparing, in milliseconds. */
  busyMs = 0;

  /** `staging` is where a write goes; without one, files are compared with `outDir`. */
  private constructor(private readonly outDir: string, private readonly staging: string | undefined) {}

  static start(mode: OutputMode, outDir: string): OutputSink {
    return new OutputSink(outDir, mode === "write" ? stagingFolderFor(outDir) : undefined);
  }

  add(files: GeneratedFile[]): void {
    const start = performance.now();
    for (const generated of files) {
      const file = finalizeFile(generated);
      checkGeneratedPath(file.path);
      if (this.hashes.has(file.path)) throw new Error(`two generated files share the path ${file.path}`);
      this.hashes.set(file.path, sha256(file.content));
      this.put(file.path, file.content);
    }
    this.busyMs += performance.now() - start;
  }

  /** Adds the manifest; then swaps the output in (write) or compares the rest of the folder (check). */
  async finish(header: ManifestHeader): Promise<{ files: number; drift?: Drift }> {
    const start = performance.now();
    try {
      const paths = [...this.hashes.keys()].sort(comparePaths);
      this.put(MANIFEST_PATH, manifestText(header, paths.map((p) => [p, this.hashes.get(p)!])));
      paths.push(MANIFEST_PATH);
      if (this.staging !== undefined) {
        await swapIn(this.outDir, this.staging, new Set(paths));
        return { files: paths.length };
      }
      const statuses = new Map([...this.statuses].sort(([a], [b]) => comparePaths(a, b)));
      return { files: paths.length, drift: await driftOf(this.outDir, statuses) };
    } catch (error) {
      await this.abort();
      throw error;
    } finally {
      this.busyMs += performance.now() - start;
    }
  }

  /** Removes what was staged; the output folder is left as it was. Best effort: the error that led here is the one to report. */
  async abort(): Promise<void> {
    if (this.staging !== undefined) await rm(this.staging, { recursive: true, force: true }).catch(() => undefined);
  }

  private put(rel: string, content: string): void {
    if (this.staging === undefined) {
      this.statuses.set(rel, compareWithFile(path.join(this.outDir, ...rel.split("/")), content));
      return;
    }
    const file = path.join(this.staging, ...rel.split("/"));
    const dir = path.dirname(file);
    if (!this.madeFolders.has(dir)) {
      mkdirSync(dir, { recursive: true });
      this.madeFolders.add(dir);
    }
    writeFileSync(file, content);
  }
}

function compareWithFile(file: string, content: string): FileStatus {
  try {
    return readFileSync(file, "utf8") === content ? "same" : "changed";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "added";
    throw error;
  }
}
