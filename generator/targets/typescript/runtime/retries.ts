/** How a failed request is tried again. */
export type RetryConfig =
  | { strategy: "none" }
  | {
      strategy: "backoff";
      backoff?: Partial<BackoffStrategy> | undefined;
      /** Also retry when the server cannot be reached or the connection breaks. */
      retryConnectionErrors?: boolean | undefined;
    };

export interface BackoffStrategy {
  /** Milliseconds before the first retry. */
  initialInterval: number;
  /** Longest wait between two attempts, in milliseconds; caps Retry-After too. */
  maxInterval: number;
  /** Growth factor of the wait from one retry to the next. */
  exponent: number;
  /** No retry starts once this many milliseconds have passed since the first attempt. */
  maxElapsedTime: number;
}

export const DEFAULT_BACKOFF: BackoffStrategy = {
  initialInterval: 500,
  maxInterval: 60_000,
  exponent: 1.5,
  maxElapsedTime: 3_600_000,
};

/** Statuses retried unless a call names others. */
export const DEFAULT_RETRY_CODES = ["429", "500", "502", "503", "504"];

/** Whether a status is the declared one: "503", or a range such as "5XX". */
export function statusMatches(declared: string, status: number): boolean {
  return declared === String(status) || (/^[1-5]XX$/i.test(declared) && declared[0] === String(status)[0]);
}

/** Milliseconds a Retry-After header asks for (delta-seconds or an HTTP date), if it is valid. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Only an HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT" and its older forms); Date.parse takes almost anything.
  if (!/^[A-Za-z]{3,9},? \d{1,2}[ -][A-Za-z]{3}[ -]\d{2,4} \d{2}:\d{2}:\d{2} GMT$|^[A-Za-z]{3} [A-Za-z]{3} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}$/.test(text)) {
    return undefined;
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before retry number `attempt` (0 for the first retry): exponential growth with
 * jitter between half and all of the computed wait, never above maxInterval.
 */
export function backoffDelay(attempt: number, backoff: BackoffStrategy, random: () => number = Math.random): number {
  const computed = Math.min(backoff.maxInterval, backoff.initialInterval * backoff.exponent ** attempt);
  return Math.round(computed * (0.5 + random() * 0.5));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    // "abort" fires once at most, and the timer removes the listener: no { once: true } needed.
    signal?.addEventListener("abort", onAbort);
  });
}
