import { serverURLFrom, type BasicCredentials, type ClientCore, type Credential, type RequestOptions, type ServerSpec } from "./config.js";
import { assertHeaderSafe, encodeQueryPart, type ParamStyle } from "./encodings.js";
import {
  ConnectionError, HTTPError, RequestAbortedError, RequestTimeoutError, ResponseValidationError, SDKBaseError, SDKError,
  SDKValidationError, type HTTPDetails,
} from "./errors.js";
import { runAfterError, runAfterSuccess, runBeforeRequest, type HookContext, type SDKHooks } from "./hooks.js";
import { redactingLogger, type RedactingLogger } from "./logger.js";
import { err, ok, type Result } from "./result.js";
import {
  DEFAULT_BACKOFF, DEFAULT_RETRY_CODES, backoffDelay, retryAfterMs, sleep, statusMatches, type BackoffStrategy,
} from "./retries.js";
import { ValidationIssue, validate, type Schema } from "./schema.js";

/**
 * A parameter of an operation. Its encoder is picked by the generator, so a bundle holds only
 * the encoders its operations use.
 */
export type ParamSpec = ParamStyle & { schema?: Schema } & (
  | { in: "path"; encode: (value: unknown, p: ParamStyle) => string }
  | { in: "query"; encode: (value: unknown, p: ParamStyle) => string[] }
  | { in: "header"; encode: (value: unknown, p: ParamStyle) => string }
  | { in: "cookie"; encode: (value: unknown, p: ParamStyle) => string }
);

export interface ResponseSpec {
  /** "200", "2XX" or "default". */
  status: string;
  /** Declared content type of the body, absent when the response has none. */
  contentType?: string;
  /** Response property the decoded body is exposed under. */
  field?: string;
  /** The body's schema: checked, with defaults filled in. */
  schema?: Schema;
  /** Turns the body's bytes into the value returned (binary bodies); JSON and text are decoded otherwise. */
  decode?: (bytes: ArrayBuffer, contentType: string) => unknown;
}

export interface ErrorSpec {
  status: string;
  contentType: string;
  schema?: Schema;
  create: (data: unknown, http: HTTPDetails) => HTTPError;
}

export interface OperationSpec {
  operationId: string;
  method: string;
  path: string;
  /** Servers of the operation itself; absent when it uses the API's servers. */
  servers?: ServerSpec[];
  /** Alternatives of schemes to apply; absent to inherit the API's, empty for none. */
  security?: string[][];
  params: ParamSpec[];
  /** contentType is absent for multipart bodies: fetch takes it, with the boundary, from the encoded Blob's type. */
  body?: { contentType?: string; required: boolean; schema?: Schema; encode: (value: unknown) => BodyInit };
  accept: string;
  responses: ResponseSpec[];
  errors: ErrorSpec[];
}

export interface OperationInput {
  /** Values of `params`, by position. */
  params: unknown[];
  body?: unknown;
}

interface PreparedRequest {
  url: string;
  baseURL: string;
  /** Header names lower-cased; a plain record is much cheaper for fetch than a Headers object. */
  init: { method: string; headers: Record<string, string>; body?: BodyInit };
  /** Headers that carry credentials: never sent on to another origin by a redirect. */
  credentialHeaders: string[];
}

/** Sends one operation and decodes its answer. Never throws: every failure comes back as an error result. */
export async function invoke<T, E extends SDKBaseError>(
  client: ClientCore,
  spec: OperationSpec,
  input: OperationInput,
  options: RequestOptions = {},
): Promise<Result<T, E | SDKBaseError>> {
  try {
    const prepared = await prepare(client, spec, input, options);
    const received = await sendWithRetries(client, spec, prepared, options);
    return ok(decode(spec, received) as T);
  } catch (error) {
    if (error instanceof SDKBaseError) return err(error);
    return err(new SDKBaseError(`Unexpected error in ${spec.operationId}: ${String(error)}`, { cause: error }));
  }
}

function baseURL(client: ClientCore, spec: OperationSpec, options: RequestOptions): string {
  if (options.serverURL) return options.serverURL;
  const opts = client._options;
  if (spec.servers && spec.servers.length > 0) return serverURLFrom(spec.servers[0]!, opts);
  if (opts.serverURL) return opts.serverURL;
  const server = client._api.servers[opts.serverIdx ?? 0];
  if (!server) throw new SDKValidationError(`no server at index ${String(opts.serverIdx)}`, "serverIdx");
  return serverURLFrom(server, opts);
}

function checked(schema: Schema | undefined, value: unknown, path: string): unknown {
  if (schema === undefined) return value;
  try {
    return validate(schema, value, path, { applyDefaults: false });
  } catch (error) {
    if (error instanceof ValidationIssue) throw new SDKValidationError(error.message, error.path);
    throw error;
  }
}

async function prepare(client: ClientCore, spec: OperationSpec, input: OperationInput, options: RequestOptions): Promise<PreparedRequest> {
  let path = spec.path;
  const query: string[] = [];
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  const cookies: string[] = [];
  headers["accept"] = spec.accept;

  const apply = (param: ParamSpec, value: unknown) => {
    if (value === undefined || value === null) return;
    if (param.in === "path") path = path.split(`{${param.name}}`).join(param.encode(value, param));
    else if (param.in === "query") query.push(...param.encode(value, param));
    else if (param.in === "header") headers[param.name.toLowerCase()] = param.encode(value, param);
    else cookies.push(param.encode(value, param));
  };

  const key = (p: ParamSpec) => `${p.in}:${p.in === "header" ? p.name.toLowerCase() : p.name}`;
  const given = new Set(spec.params.filter((_, i) => input.params[i] !== undefined && input.params[i] !== null).map(key));
  // A global is sent unless the call gives the same parameter a value of its own.
  for (const global of client._api.globals) {
    if (!given.has(key(global))) apply(global, client._options[global.option]);
  }
  spec.params.forEach((param, i) => {
    const value = input.params[i];
    if (param.in === "path" && (value === undefined || value === null)) {
      throw new SDKValidationError("a path parameter is required", param.name);
    }
    if (value !== undefined && value !== null) apply(param, checked(param.schema, value, param.name));
  });
  const before = new Set(Object.keys(headers));
  const cookiesBefore = cookies.length;
  await applySecurity(client, spec, headers, query, cookies);
  const credentialHeaders = Object.keys(headers).filter((h) => !before.has(h));
  if (cookies.length > cookiesBefore) credentialHeaders.push("cookie");

  let body: BodyInit | undefined;
  if (spec.body && input.body !== undefined) {
    const value = checked(spec.body.schema, input.body, "body");
    if (spec.body.contentType) headers["content-type"] = spec.body.contentType;
    body = spec.body.encode(value);
  } else if (spec.body?.required) {
    throw new SDKValidationError("a request body is required", "body");
  }
  if (cookies.length > 0) headers["cookie"] = cookies.join("; ");
  if (options.headers !== undefined) {
    new Headers(options.headers).forEach((value, name) => {
      assertHeaderSafe(value, name);
      headers[name] = value;
    });
  }

  const base = baseURL(client, spec, options).replace(/\/+$/, "");
  const url = `${base}${path}${query.length > 0 ? `?${query.join("&")}` : ""}`;
  return { url, baseURL: base, credentialHeaders, init: { method: spec.method, headers, ...(body === undefined ? {} : { body }) } };
}

async function applySecurity(
  client: ClientCore, spec: OperationSpec, headers: Record<string, string>, query: string[], cookies: string[],
): Promise<void> {
  const alternatives = spec.security ?? client._api.security;
  const schemes = client._api.securitySchemes;
  // The first alternative whose every scheme has a credential is used.
  const chosen = alternatives.find((alt) => alt.every((key) => schemes[key] && client._options[schemes[key].option] !== undefined));
  for (const key of chosen ?? []) {
    const scheme = schemes[key]!;
    const credential = client._options[scheme.option] as Credential<unknown>;
    // Only a credential function is awaited: an await costs a turn of the event loop per call.
    const value = typeof credential === "function" ? await (credential as () => unknown)() : credential;
    if (value === undefined || value === null) continue;
    if (scheme.kind === "basic") {
      const { username, password } = value as BasicCredentials;
      headers["authorization"] = `Basic ${btoa(`${username}:${password}`)}`;
      continue;
    }
    const text = String(value);
    assertHeaderSafe(text, scheme.kind === "apiKey" ? scheme.name : "Authorization");
    if (scheme.kind === "bearer") headers["authorization"] = /^bearer /i.test(text) ? text : `Bearer ${text}`;
    else if (scheme.in === "header") headers[scheme.name.toLowerCase()] = text;
    else if (scheme.in === "query") query.push(`${encodeQueryPart(scheme.name)}=${encodeQueryPart(text)}`);
    else cookies.push(`${scheme.name}=${encodeQueryPart(text)}`);
  }
}

function asArray(hooks: SDKHooks | SDKHooks[] | undefined): SDKHooks[] {
  return hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks];
}

function loggerFor(client: ClientCore): RedactingLogger | undefined {
  const logger = client._options.debugLogger;
  if (!logger) return undefined;
  const schemes = Object.values(client._api.securitySchemes);
  const headers = schemes.flatMap((s) => (s.kind === "apiKey" && s.in === "header" ? [s.name] : []));
  const query = schemes.flatMap((s) => (s.kind === "apiKey" && s.in === "query" ? [s.name] : []));
  return redactingLogger(logger, headers, query);
}

/** Runs attempts until one is final: a response not to retry, an error not to retry, or the time budget is spent. */
async function sendWithRetries(client: ClientCore, spec: OperationSpec, prepared: PreparedRequest, options: RequestOptions): Promise<Received> {
  const policy = options.retries ?? client._options.retryConfig ?? { strategy: "none" };
  const backoff: BackoffStrategy = policy.strategy === "backoff" ? { ...DEFAULT_BACKOFF, ...policy.backoff } : DEFAULT_BACKOFF;
  const codes = options.retryCodes ?? DEFAULT_RETRY_CODES;
  const hooks = asArray(client._options.hooks);
  const logger = loggerFor(client);
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const context: HookContext = { operationId: spec.operationId, baseURL: prepared.baseURL, attempt };
    const outcome = await attemptOnce(client, spec, prepared, options, hooks, context, logger);
    const response = outcome.received?.response;
    const retryable = policy.strategy === "backoff" &&
      (response ? codes.some((code) => statusMatches(code, response.status)) : outcome.error instanceof ConnectionError && policy.retryConnectionErrors === true);
    const fromServer = response ? retryAfterMs(response.headers.get("retry-after"), Date.now()) : undefined;
    // Retry-After can lengthen the wait, never shorten it below the backoff ("Retry-After: 0" must not spin).
    const wait = Math.min(backoff.maxInterval, Math.max(fromServer ?? 0, backoffDelay(attempt - 1, backoff)));
    if (!retryable || Date.now() - started + wait > backoff.maxElapsedTime) {
      if (outcome.received) return outcome.received;
      throw outcome.error;
    }
    try {
      await sleep(wait, options.signal);
    } catch (reason) {
      throw new RequestAbortedError(`${spec.operationId} was aborted`, { cause: reason });
    }
  }
}

async function attemptOnce(
  client: ClientCore, spec: OperationSpec, prepared: PreparedRequest, options: RequestOptions,
  hooks: SDKHooks[], context: HookContext, logger: RedactingLogger | undefined,
): Promise<{ received: Received; error?: undefined } | { received?: undefined; error: unknown }> {
  const signal = options.signal;
  if (signal?.aborted) throw new RequestAbortedError(`${spec.operationId} was aborted before it was sent`, { cause: signal.reason });
  const timeoutMs = options.timeoutMs ?? client._options.timeoutMs;
  const timed = timeoutMs !== undefined && timeoutMs > 0;
  // Without a timeout or a signal nothing can abort the call, and the controller is not needed.
  const controller = timed || signal ? new AbortController() : undefined;
  let timedOut = false;
  const onAbort = () => controller?.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const timer = timed
    ? setTimeout(() => {
        timedOut = true;
        controller?.abort();
      }, timeoutMs)
    : undefined;
  const startedAt = Date.now();
  try {
    // Where it can, the SDK follows redirects itself, so credentials never reach another origin.
    const redirect: RequestRedirect = FOLLOWS_REDIRECTS_ITSELF ? "manual" : "follow";
    const init: RequestInit = { ...prepared.init, redirect, ...(controller ? { signal: controller.signal } : {}) };
    const fetcher = client._options.fetcher;
    // A Request object is made only when something will look at it: it costs time in Node's fetch.
    const observed = fetcher !== undefined || hooks.length > 0 || logger !== undefined;
    let request: Request | undefined;
    if (observed) {
      request = await runBeforeRequest(hooks, context, new Request(prepared.url, init));
      logger?.request(request, context.attempt);
    }
    let received: Received;
    // Node's fetch holds the link from our signal to the request only weakly, so after a garbage
    // collection an abort may never reach it; racing against the signal ends the wait regardless.
    const aborted = controller
      ? new Promise<never>((_, reject) => {
          controller.signal.addEventListener("abort", () => reject(new Error("aborted")), { once: true });
        })
      : undefined;
    aborted?.catch(() => undefined);
    const race = <T>(work: Promise<T>): Promise<T> => (aborted ? Promise.race([work, aborted]) : work);
    try {
      const first = request ? (fetcher ?? fetch)(request) : fetch(prepared.url, init);
      const send = (url: string, next: RequestInit) => (fetcher ? fetcher(new Request(url, next)) : fetch(url, next));
      const pending = redirect === "manual" ? followRedirects(first, request?.url ?? prepared.url, request ? { ...init, headers: headerObject(request.headers) } : init, prepared.credentialHeaders, send) : first;
      pending.catch(() => undefined);
      const response = await race(pending);
      // Read the body now, inside the timeout, so a slow body times out too.
      const reading = response.arrayBuffer();
      reading.catch(() => undefined);
      const bytes = await race(reading).catch((error: unknown) => {
        response.body?.cancel().catch(() => undefined);
        throw error;
      });
      received = new Received(response, bytes);
    } catch (error) {
      if (error instanceof SDKBaseError) throw error;
      const failure = timedOut
        ? new RequestTimeoutError(`${spec.operationId} timed out after ${String(timeoutMs)} ms`, { cause: error })
        : signal?.aborted
          ? new RequestAbortedError(`${spec.operationId} was aborted`, { cause: signal.reason })
          : new ConnectionError(`${spec.operationId}: ${describeError(error)}`, { cause: error });
      logger?.failure(failure);
      const after = await runAfterError(hooks, context, null, failure);
      return after.response ? { received: await receive(after.response) } : { error: after.error };
    }
    logger?.response(received.response, Date.now() - startedAt);
    if (hooks.length === 0) return { received };
    if (received.response.ok) return { received: await replaced(received, await runAfterSuccess(hooks, context, received.rawResponse)) };
    const after = await runAfterError(hooks, context, received.rawResponse, null);
    return after.response ? { received: await replaced(received, after.response) } : { error: after.error };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

const NULL_BODY_STATUSES = [101, 204, 205, 304];
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const MAX_REDIRECTS = 20;
// Browsers hide a redirect's target from script ("opaqueredirect"), so there the runtime lets fetch follow.
const FOLLOWS_REDIRECTS_ITSELF = typeof (globalThis as { document?: unknown }).document === "undefined";

function headerObject(headers: Headers): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

/**
 * Follows redirects by hand: credential headers are dropped when the target is another origin,
 * and 303 (or 301/302 after a POST) turns the request into a GET without a body, as browsers do.
 */
async function followRedirects(
  first: Promise<Response>, firstURL: string, init: RequestInit, credentialHeaders: string[],
  send: (url: string, init: RequestInit) => Promise<Response>,
): Promise<Response> {
  let response = await first;
  let url = firstURL;
  let current = init;
  for (let hops = 0; REDIRECT_STATUSES.includes(response.status) && response.headers.has("location"); hops++) {
    if (hops >= MAX_REDIRECTS) throw new ConnectionError(`more than ${MAX_REDIRECTS} redirects`);
    const next = new URL(response.headers.get("location")!, url);
    await response.body?.cancel().catch(() => undefined);
    const headers = { ...(current.headers as Record<string, string>) };
    if (next.origin !== new URL(url).origin) for (const name of credentialHeaders) delete headers[name];
    const toGet = response.status === 303 || ((response.status === 301 || response.status === 302) && current.method === "POST");
    if (toGet) {
      delete headers["content-type"];
      current = { ...current, method: current.method === "HEAD" ? "HEAD" : "GET", headers, body: null };
    } else current = { ...current, headers };
    url = next.toString();
    response = await send(url, current);
  }
  return response;
}
const utf8 = new TextDecoder();

/** A response with its body already read, as bytes and as text. */
class Received {
  #raw: Response | undefined;
  readonly text: string;

  constructor(readonly response: Response, readonly bytes: ArrayBuffer) {
    this.text = utf8.decode(bytes);
  }

  /** A readable Response with the same status, headers and bytes, made on first use only. */
  get rawResponse(): Response {
    return (this.#raw ??= new Response(NULL_BODY_STATUSES.includes(this.response.status) ? null : this.bytes, this.response));
  }
}

async function receive(response: Response): Promise<Received> {
  return new Received(response, await response.clone().arrayBuffer());
}

/** What a hook returned: the same response, or a new one whose body is read here. */
async function replaced(original: Received, response: Response): Promise<Received> {
  return response === original.response || response === original.rawResponse ? original : receive(response);
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

function mediaType(contentType: string): string {
  return (contentType.split(";")[0] ?? "").trim().toLowerCase();
}

/** Whether an actual content type satisfies a declared one (which may be a range such as "application/*"). */
export function contentTypeMatches(declared: string, actual: string): boolean {
  const want = mediaType(declared);
  const got = mediaType(actual);
  if (want === "*/*" || want === got) return true;
  if (want.endsWith("/*")) return got.startsWith(want.slice(0, -1));
  return false;
}

function pick<T extends { status: string }>(specs: T[], status: number): T | undefined {
  return specs.find((s) => s.status === String(status)) ?? specs.find((s) => statusMatches(s.status, status)) ??
    specs.find((s) => s.status === "default");
}

function headerRecord(headers: Headers): Record<string, string[]> {
  const record: Record<string, string[]> = {};
  headers.forEach((value, name) => {
    record[name] = name === "set-cookie" && typeof headers.getSetCookie === "function" ? headers.getSetCookie() : [value];
  });
  return record;
}

function decode(spec: OperationSpec, received: Received): unknown {
  const { response, text } = received;
  const contentType = response.headers.get("content-type") ?? "";
  const status = response.status;
  const details = (): HTTPDetails => ({ statusCode: status, contentType, headers: response.headers, body: text, rawResponse: received.rawResponse });
  const success = status >= 200 && status < 300 ? pick(spec.responses, status) : undefined;
  if (success) {
    const result: Record<string, unknown> = { statusCode: status, contentType, headers: headerRecord(response.headers) };
    // rawResponse is built when first read: most callers never look at it.
    Object.defineProperty(result, "rawResponse", { get: () => received.rawResponse, enumerable: true });
    if (success.contentType === undefined || success.field === undefined) return result;
    if (!contentTypeMatches(success.contentType, contentType)) throw new SDKError("Unexpected content type", details());
    result[success.field] = success.decode
      ? success.decode(received.bytes, contentType)
      : decodeBody(text, details, success.contentType, success.schema);
    return result;
  }
  const failure = pick(spec.errors, status);
  if (failure && contentTypeMatches(failure.contentType, contentType)) {
    const http = details();
    throw failure.create(decodeBody(text, () => http, failure.contentType, failure.schema), http);
  }
  throw new SDKError(status >= 200 && status < 300 ? "Unexpected status code" : "API error occurred", details());
}

function decodeBody(text: string, http: () => HTTPDetails, declared: string, schema: Schema | undefined): unknown {
  if (!/json/i.test(declared)) return text;
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    throw new ResponseValidationError("the body is not valid JSON", "$", http(), { cause: error });
  }
  if (schema === undefined) return value;
  try {
    return validate(schema, value, "$", { applyDefaults: true });
  } catch (error) {
    if (error instanceof ValidationIssue) throw new ResponseValidationError(error.message, error.path, http(), { cause: error });
    throw error;
  }
}
