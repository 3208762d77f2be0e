/** Anything with a console-like `log`, for example `console`. */
export interface DebugLogger {
  log(...args: unknown[]): void;
}

const REDACTED = "[REDACTED]";

/** Header names whose values are never logged. */
const ALWAYS_SECRET = ["authorization", "cookie", "set-cookie", "proxy-authorization"];

function headerLines(headers: Headers, secret: Set<string>): string[] {
  const lines: string[] = [];
  headers.forEach((value, name) => lines.push(`  ${name}: ${secret.has(name.toLowerCase()) ? REDACTED : value}`));
  return lines;
}

function redactURL(url: string, secretQuery: Set<string>): string {
  if (secretQuery.size === 0) return url;
  try {
    const parsed = new URL(url);
    for (const name of secretQuery) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, REDACTED);
    return parsed.toString();
  } catch {
    return url;
  }
}

export interface RedactingLogger {
  request(request: Request, attempt: number): void;
  response(response: Response, elapsedMs: number): void;
  failure(error: Error): void;
}

/** Logs request and response summaries with every credential replaced by [REDACTED]. */
export function redactingLogger(logger: DebugLogger, secretHeaders: string[], secretQuery: string[]): RedactingLogger {
  const headers = new Set([...ALWAYS_SECRET, ...secretHeaders.map((h) => h.toLowerCase())]);
  const query = new Set(secretQuery);
  return {
    request: (request, attempt) =>
      logger.log([`> ${request.method} ${redactURL(request.url, query)} (attempt ${attempt})`, ...headerLines(request.headers, headers)].join("\n")),
    response: (response, elapsedMs) =>
      logger.log([`< ${response.status} ${response.statusText} (${elapsedMs} ms)`, ...headerLines(response.headers, headers)].join("\n")),
    failure: (error) => logger.log(`< request failed: ${error.name}: ${error.message}`),
  };
}
