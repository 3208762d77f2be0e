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

/** Logs request and response summaries with every credential replaced by [REDACTED]. */
export class RedactingLogger {
  private readonly secretHeaders: Set<string>;
  private readonly secretQuery: Set<string>;

  constructor(private readonly logger: DebugLogger, secretHeaders: string[], secretQuery: string[]) {
    this.secretHeaders = new Set([...ALWAYS_SECRET, ...secretHeaders.map((h) => h.toLowerCase())]);
    this.secretQuery = new Set(secretQuery);
  }

  request(request: Request, attempt: number): void {
    this.logger.log(
      [`> ${request.method} ${redactURL(request.url, this.secretQuery)} (attempt ${attempt})`, ...headerLines(request.headers, this.secretHeaders)].join("\n"),
    );
  }

  response(response: Response, elapsedMs: number): void {
    this.logger.log([`< ${response.status} ${response.statusText} (${elapsedMs} ms)`, ...headerLines(response.headers, this.secretHeaders)].join("\n"));
  }

  failure(error: unknown): void {
    this.logger.log(`< request failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}
