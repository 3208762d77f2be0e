import { Worker } from "node:worker_threads";

/**
 * Writes files on a worker thread, in the order given, so the thousands of small writes of a big
 * spec's output overlap the generation instead of following it. Each write is a synchronous call
 * there (far faster than promises through the thread pool for small files); folders are made once.
 * The first error stops the writing and is thrown by `drain`.
 */
export class WriteThread {
  private readonly worker: Worker;
  private readonly replies: Array<(error: string | undefined) => void> = [];
  /** Why the thread ended early (it crashed, say): every drain after that fails with it. */
  private ended: string | undefined;

  constructor() {
    this.worker = new Worker(WRITER_SOURCE, { eval: true });
    // An idle thread does not keep the process alive; a drain does, until it is answered.
    this.worker.unref();
    this.worker.on("message", (error: string | undefined) => this.replies.shift()?.(error));
    this.worker.on("error", (error) => this.end(`the write thread failed: ${error.message}`));
    this.worker.on("exit", () => this.end("the write thread stopped before the files were written"));
  }

  private end(reason: string): void {
    this.ended ??= reason;
    for (const reply of this.replies.splice(0)) reply(this.ended);
  }

  /** Queues files for writing, returns at once; the batch's bytes go to the thread without a copy (its buffer is detached here). */
  write(batch: EncodedFiles): void {
    if (batch.paths.length > 0) this.worker.postMessage(batch, [batch.bytes.buffer as ArrayBuffer]);
  }

  /** Waits until every queued file is written; throws the first write error. */
  async drain(): Promise<void> {
    this.worker.ref();
    try {
      const error = this.ended ?? await new Promise<string | undefined>((resolve) => {
        this.replies.push(resolve);
        this.worker.postMessage("drain");
      });
      if (error !== undefined) throw new Error(error);
    } finally {
      this.worker.unref();
    }
  }

  /** Ends the thread; files still queued may be written or not. */
  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Files as the thread takes them: absolute paths, and their UTF-8 contents end to end in one buffer of its own. */
export interface EncodedFiles {
  paths: string[];
  /** Where each file's bytes end in `bytes`; each starts where the one before ends. */
  ends: number[];
  bytes: Buffer;
}

/** Encodes files into one buffer of their own (not Node's shared pool), which can be handed to the thread without copying. */
export function encodeFiles(files: Array<{ path: string; content: string }>): EncodedFiles {
  let size = 0;
  const ends = files.map((f) => (size += Buffer.byteLength(f.content)));
  const bytes = Buffer.allocUnsafeSlow(size);
  files.forEach((f, i) => bytes.write(f.content, i === 0 ? 0 : ends[i - 1]!));
  return { paths: files.map((f) => f.path), ends, bytes };
}

/**
 * The worker's code, as text: a bundler rewrites `require` in functions it bundles, and this runs
 * from the sources, the bundle and the release build alike. It answers each "drain" with the first
 * error (or undefined) once the files queued before it are written.
 */
const WRITER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { mkdirSync, writeFileSync } = require("node:fs");
const { dirname } = require("node:path");
const madeFolders = new Set();
let failure;
parentPort.on("message", (message) => {
  if (message === "drain") {
    parentPort.postMessage(failure);
    return;
  }
  if (failure !== undefined) return;
  try {
    const { paths, ends, bytes } = message;
    for (let i = 0; i < paths.length; i++) {
      const file = paths[i];
      const folder = dirname(file);
      if (!madeFolders.has(folder)) {
        mkdirSync(folder, { recursive: true });
        madeFolders.add(folder);
      }
      writeFileSync(file, bytes.subarray(i === 0 ? 0 : ends[i - 1], ends[i]));
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
});
`;
