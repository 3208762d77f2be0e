import type { SDKHooks } from "./hooks.js";
import type { ParamSpec } from "./invoke.js";
import type { DebugLogger } from "./logger.js";
import type { RetryConfig } from "./retries.js";

/** What a generated client tells the runtime about its API: servers, security and global parameters. */

export interface ServerVariableSpec {
  /** Name in the URL template. */
  name: string;
  /** Client option that sets it. */
  option: string;
  default: string;
}

export interface ServerSpec {
  url: string;
  variables?: ServerVariableSpec[];
}

export type SecuritySchemeSpec =
  | { kind: "apiKey"; in: "header" | "query" | "cookie"; name: string; option: string }
  | { kind: "bearer"; option: string }
  | { kind: "basic"; option: string };

/** A parameter every operation sends, set once as a client option. */
export type GlobalParamSpec = ParamSpec & { option: string };

export interface ApiSpec {
  servers: ServerSpec[];
  securitySchemes: Record<string, SecuritySchemeSpec>;
  /** Alternatives; each lists the schemes that must all be applied. */
  security: string[][];
  globals: GlobalParamSpec[];
}

/** A credential, or a function that returns a fresh one (for tokens that expire). */
export type Credential<T> = T | (() => T | Promise<T>);

export interface BasicCredentials {
  username: string;
  password: string;
}

/** Options every generated client accepts. */
export interface BaseClientOptions {
  /** Overrides the server URL of every operation that does not declare servers of its own. */
  serverURL?: string | undefined;
  /** Picks one of the servers the API declares. */
  serverIdx?: number | undefined;
  /** Milliseconds before a request is abandoned with RequestTimeoutError. */
  timeoutMs?: number | undefined;
  /** Sends requests; defaults to the global fetch. */
  fetcher?: ((request: Request) => Promise<Response>) | undefined;
  /** How failed requests are retried; no retries unless set. */
  retryConfig?: RetryConfig | undefined;
  /** Code run before each request and after each response. */
  hooks?: SDKHooks | SDKHooks[] | undefined;
  /** Receives request and response summaries, credentials redacted. */
  debugLogger?: DebugLogger | undefined;
}

/** Options every operation accepts as its last argument. */
export interface RequestOptions {
  /** Sends this one request to another server. */
  serverURL?: string | undefined;
  /** Extra headers for this request; they override generated ones. */
  headers?: HeadersInit | undefined;
  /** Milliseconds before this request is abandoned with RequestTimeoutError. */
  timeoutMs?: number | undefined;
  /** Cancels the request; it then fails with RequestAbortedError. */
  signal?: AbortSignal | undefined;
  /** Retry policy for this request, replacing the client's. */
  retries?: RetryConfig | undefined;
  /** Statuses to retry for this request ("503", "5XX"); default 429, 500, 502, 503, 504. */
  retryCodes?: string[] | undefined;
}

/** The client a standalone function is given: options plus the API description. */
export class ClientCore {
  // Private fields keep credentials out of JSON.stringify, console.log and spreads of the client.
  readonly #options: Readonly<BaseClientOptions & Record<string, unknown>>;
  readonly #api: ApiSpec;

  constructor(options: BaseClientOptions, api: ApiSpec) {
    this.#options = Object.freeze({ ...options });
    this.#api = api;
  }

  get _options(): Readonly<BaseClientOptions & Record<string, unknown>> {
    return this.#options;
  }

  get _api(): ApiSpec {
    return this.#api;
  }
}

/** Fills a server URL template from client options, falling back to the declared defaults. */
export function serverURLFrom(server: ServerSpec, options: Record<string, unknown>): string {
  return (server.variables ?? []).reduce((url, v) => {
    const value = options[v.option];
    return url.split(`{${v.name}}`).join(value === undefined || value === null ? v.default : String(value));
  }, server.url);
}
