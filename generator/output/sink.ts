import { mkdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import type { GeneratedFile } from "../targets/target.ts";
import { driftOf, type Drift, type FileStatus } from "./drift.ts";
import { checkGeneratedPath, comparePaths, finalizeFile } from "./finalize.ts";
import { MANIFEST_PATH, manifestText, sha256, type ManifestHeader } from "./manifest.ts";
import { stagingFolderFor, swapIn } from "./write.ts";
import { encodeFiles, WriteThread } from "./write-thread.ts";

/** Write: stage the output and swap it in. Check: compare it with the output folder, writing nothing. */
export type OutputMode = "write" | "check";

/**
 * Takes the files as the targets make them: each is finalized, hashed and written to the staging
 * folder (or compared with disk) at once, and only its hash is kept, so the whole output never
 * sits in memory. `finish` adds the manifest, then swaps the staged output in or gives the drift.
 *
 * Writes go to a thread of their own (see WriteThread), so they overlap the generation.
 */
export class OutputSink {
  private readonly hashes = new Map<string, string>();
  private readonly statuses = new Map<string, FileStatus>();
  /** Started with the sink, so the thread is up by the time the first files come. */
  private writer: WriteThread | undefined;
  private stagingMade = false;
  /** Time spent finalizing, hashing, writing or comparing, in milliseconds. */
  busyMs = 0;

  /** `staging` is where a write goes; without one, files are compared with `outDir`. */
  private constructor(private readonly outDir: string, private readonly staging: string | undefined) {
    if (staging !== undefined) this.writer = new WriteThread();
  }

  static start(mode: OutputMode, outDir: string): OutputSink {
    return new OutputSink(outDir, mode === "write" ? stagingFolderFor(outDir) : undefined);
  }

  add(files: GeneratedFile[]): void {
    const start = performance.now();
    const finalized: GeneratedFile[] = [];
    try {
      for (const generated of files) {
        const file = finalizeFile(generated);
        checkGeneratedPath(file.path);
        if (this.hashes.has(file.path)) throw new Error(`two generated files share the path ${file.path}`);
        // Its hash is taken as it is put, from the bytes written.
        this.hashes.set(file.path, "");
        finalized.push(file);
      }
    } finally {
      // Those before a refused file are written, as they would have been one by one.
      const hashes = this.put(finalized);
      finalized.forEach((f, i) => this.hashes.set(f.path, hashes[i]!));
      this.busyMs += performance.now() - start;
    }
  }

  /** Adds the manifest; then swaps the output in (write) or compares the rest of the folder (check). */
  async finish(header: ManifestHeader): Promise<{ files: number; drift?: Drift }> {
    const start = performance.now();
    try {
      const paths = [...this.hashes.keys()].sort(comparePaths);
      this.put([{ path: MANIFEST_PATH, content: manifestText(header, paths.map((p) => [p, this.hashes.get(p)!])) }]);
      paths.push(MANIFEST_PATH);
      if (this.staging !== undefined) {
        await this.stopWriter(true);
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
    await this.stopWriter(false).catch(() => undefined);
    if (this.staging !== undefined) await rm(this.staging, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Writes (or compares) files; gives each one's sha256. */
  private put(files: GeneratedFile[]): string[] {
    if (this.staging === undefined) {
      for (const f of files) this.statuses.set(f.path, compareWithFile(path.join(this.outDir, ...f.path.split("/")), f.content));
      return files.map((f) => sha256(f.content));
    }
    if (files.length === 0) return [];
    if (this.writer === undefined) throw new Error("the output was finished or aborted already");
    if (!this.stagingMade) {
      // The staging folder exists as soon as a file is handed over, as when the writes were made here.
      mkdirSync(this.staging, { recursive: true });
      this.stagingMade = true;
    }
    const staging = this.staging;
    // Encoded once: the hash and the write take the same bytes.
    const batch = encodeFiles(files.map((f) => ({ path: path.join(staging, ...f.path.split("/")), content: f.content })));
    const hashes = batch.ends.map((end, i) => sha256(batch.bytes.subarray(i === 0 ? 0 : batch.ends[i - 1], end)));
    this.writer.write(batch);
    return hashes;
  }

  /** Waits for the queued writes (or not, when the run failed) and ends the thread. */
  private async stopWriter(drain: boolean): Promise<void> {
    const writer = this.writer;
    this.writer = undefined;
    if (writer === undefined) return;
    try {
      if (drain) await writer.drain();
    } finally {
      await writer.stop();
    }
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
