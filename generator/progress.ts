/**
 * The progress line of long runs: on an interactive stderr, one line naming the stage that runs
 * ("php emit (target 5/5, 243 operations)"), replaced stage after stage and cleared at the end. Shown
 * only for specs of more than PROGRESS_MIN_OPERATIONS operations, and never with --quiet, when stderr
 * is not a terminal, on TERM=dumb or with CI set. The pipeline knows nothing of terminals: it calls a
 * StageListener, and this module draws with yocto-spinner (which also keeps the line below any
 * warning written to stderr meanwhile, and restores the cursor on Ctrl-C).
 */
import yoctoSpinner from "yocto-spinner";
import type { StageListener, StageStart } from "./pipeline.ts";

/** Specs with more operations than this show progress. */
export const PROGRESS_MIN_OPERATIONS = 200;

export interface Progress {
  /** Hand to the pipeline: called as each stage starts. */
  onStage: StageListener;
  /** Clears the line (if one is shown); call before the final output, also on failure. */
  stop(): void;
}

export interface ProgressOptions {
  quiet?: boolean;
  /** Default process.stderr. */
  stream?: NodeJS.WriteStream;
  /** Default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** Whether a stream takes a redrawn line: a terminal, not TERM=dumb, not CI (the same test as yocto-spinner's). */
export function isInteractive(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(stream.isTTY) && env.TERM !== "dumb" && !("CI" in env);
}

/** The text of one stage's line. */
export function stageLine(event: StageStart, operations: number): string {
  const where = event.target ? `target ${event.target.index}/${event.target.count}, ` : "";
  return `${event.stage} (${where}${operations} operations)`;
}

/** A progress display; inert (every call a no-op) when it would not be shown. */
export function stageProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  const enabled = !options.quiet && isInteractive(stream, options.env);
  let spinner: ReturnType<typeof yoctoSpinner> | undefined;
  let operations: number | undefined;
  return {
    onStage(event) {
      if (!enabled) return;
      if (event.operations !== undefined) operations = Math.max(operations ?? 0, event.operations);
      // Nothing is drawn until the spec is known to be big; once shown, the line stays till stop().
      if (operations === undefined || operations <= PROGRESS_MIN_OPERATIONS) return;
      const text = stageLine(event, operations);
      if (spinner) spinner.text = text;
      else spinner = yoctoSpinner({ text, stream }).start();
    },
    stop() {
      spinner?.stop();
      spinner = undefined;
    },
  };
}
