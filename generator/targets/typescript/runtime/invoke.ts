import {
  serverURLFrom, type ApiSpec, type BasicCredentials, type ClientCore, type Credential, type RequestOptions, type ServerSpec,
} from "./config.js";
import { assertHeaderSafe, encodeQueryPart, type ParamStyle } from "./encodings.js";
import {
  ConnectionError, HTTPError, RequestAbortedError, RequestTimeoutError, ResponseValidationError, SDKBaseError, SDKError,
  SDKValidationError, type HTTPDetails,
} from "./errors.js";
import { runAfterError, runAfterSuccess, runBeforeRequest, type HookContext, type SDKHooks } from "./hooks.js";
import { redactingLogger, type RedactingLogger } from "./logger.js";
import { err, ok, type Result } from "./result.js";
import {
  DEFAULT_BACKOFF, DEFAULT_RETRY_CODES, backoffDelay, retryAfterMs, sleep, statusMatches,
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
  init: { method: string; headers: Record<string, string>; body?: BodyInit; redirect: RequestRedirect; signal?: AbortSignal };
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
    // Read once: each read of a private field is a WeakMap lookup where classes are compiled down.
    const opts = client._options;
    const api = client._api;
    const prepared = await prepare(opts, api, spec, input, options);
    const received = await sendWithRetries(opts, api, spec, prepared, options);
    return ok(decode(spec, received) as T);
  } catch (error) {
    if (error instanceof SDKBaseError) return err(error);
    return err(new SDKBaseError(`Unexpected error in ${spec.operationId}: ${String(error)}`, { cause: error }));
  }
}

type ClientOptions = ClientCore["_options"];

function baseURL(opts: ClientOptions, api: ApiSpec, spec: OperationSpec, options: RequestOptions): string {
  if (options.serverURL) return options.serverURL;
  if (spec.servers && spec.servers.length > 0) return serverURLFrom(spec.servers[0]!, opts);
  if (opts.serverURL) return opts.serverURL;
  const server = api.servers[opts.serverIdx ?? 0];
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

const lowerCased = new Map<string, string>();

/**
 * A header name in lower case, the same string each time: V8 looks a freshly made string up in its
 * string table whenever it is used as a property key, which costs far more than this Map lookup.
 */
function headerName(name: string): string {
  let lower = lowerCased.get(name);
  if (lower === undefined) lowerCased.set(name, (lower = name.toLowerCase()));
  return lower;
}

function prepare(
  opts: ClientOptions, api: ApiSpec, spec: OperationSpec, input: OperationInput, options: RequestOptions,
): PreparedRequest | Promise<PreparedRequest> {
  let path = spec.path;
  // The query string, "?" included, grown pair by pair: cheaper than joining an array.
  let search = "";
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  const cookies: string[] = [];
  headers["accept"] = spec.accept;

  const apply = (param: ParamSpec, value: unknown) => {
    if (value === undefined || value === null) return;
    if (param.in === "path") path = path.split(`{${param.name}}`).join(param.encode(value, param));
    else if (param.in === "query") for (const pair of param.encode(value, param)) search += `${search ? "&" : "?"}${pair}`;
    else if (param.in === "header") headers[headerName(param.name)] = param.encode(value, param);
    else cookies.push(param.encode(value, param));
  };

  // A global is sent unless the call gives the same parameter a value of its own.
  for (const global of api.globals) {
    const given = spec.params.some((param, i) => (input.params[i] ?? null) !== null && param.in === global.in &&
      (param.in === "header" ? headerName(param.name) === headerName(global.name) : param.name === global.name));
    if (!given) apply(global, opts[global.option]);
  }
  spec.params.forEach((param, i) => {
    const value = input.params[i];
    if (value !== undefined && value !== null) apply(param, checked(param.schema, value, param.name));
    else if (param.in === "path") throw new SDKValidationError("a path parameter is required", param.name);
  });

  // The first alternative whose every scheme has a credential is used.
  const schemes = api.securitySchemes;
  const chosen = (spec.security ?? api.security).find((alt) => alt.every((key) => schemes[key] && opts[schemes[key].option] !== undefined)) ?? [];
  let dynamic = false;
  const credentials = chosen.map((key) => {
    const credential = opts[schemes[key]!.option] as Credential<unknown>;
    if (typeof credential !== "function") return credential;
    dynamic = true;
    return (credential as () => unknown)();
  });

  const finish = (values: unknown[]): PreparedRequest => {
    const credentialHeaders: string[] = [];
    chosen.forEach((key, i) => {
      const scheme = schemes[key]!;
      const value = values[i];
      if (value === undefined || value === null) return;
      let text: string;
      if (scheme.kind === "basic") {
        const { username, password } = value as BasicCredentials;
        text = `Basic ${btoa(`${username}:${password}`)}`;
      } else {
        text = String(value);
        assertHeaderSafe(text, scheme.kind === "apiKey" ? scheme.name : "Authorization");
      }
      if (scheme.kind === "apiKey" && scheme.in === "query") search += `${search ? "&" : "?"}${encodeQueryPart(scheme.name)}=${encodeQueryPart(text)}`;
      else if (scheme.kind === "apiKey" && scheme.in === "cookie") {
        cookies.push(`${scheme.name}=${encodeQueryPart(text)}`);
        credentialHeaders.push("cookie");
      } else {
        const header = scheme.kind === "apiKey" ? headerName(scheme.name) : "authorization";
        headers[header] = scheme.kind === "bearer" && !/^bearer /i.test(text) ? `Bearer ${text}` : text;
        credentialHeaders.push(header);
      }
    });

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

    let base = baseURL(opts, api, spec, options);
    // Trailing slashes go without a regular expression: a replace showed in profiles of a call.
    while (base.endsWith("/")) base = base.slice(0, -1);
    const url = `${base}${path}${search}`;
    // Where it can, the SDK follows redirects itself, so credentials never reach another origin.
    const init: PreparedRequest["init"] = { method: spec.method, headers, redirect: FOLLOWS_REDIRECTS_ITSELF ? "manual" : "follow" };
    if (body !== undefined) init.body = body;
    return { url, baseURL: base, credentialHeaders, init };
  };
  // Only credential functions are waited for; plain credentials finish the request at once.
  return dynamic ? Promise.all(credentials).then(finish) : finish(credentials);
}

function loggerFor(opts: ClientOptions, api: ApiSpec): RedactingLogger | undefined {
  const logger = opts.debugLogger;
  if (!logger) return undefined;
  const keyNames = (where: string) => Object.values(api.securitySchemes).flatMap((s) => (s.kind === "apiKey" && s.in === where ? [s.name] : []));
  return redactingLogger(logger, keyNames("header"), keyNames("query"));
}

/** Runs attempts until one is final: a response not to retry, an error not to retry, or the time budget is spent. */
async function sendWithRetries(
  opts: ClientOptions, api: ApiSpec, spec: OperationSpec, prepared: PreparedRequest, options: RequestOptions,
): Promise<Received> {
  const policy = options.retries ?? opts.retryConfig;
  const retrying = policy?.strategy === "backoff";
  const hooks = ([] as SDKHooks[]).concat(opts.hooks ?? []);
  const logger = loggerFor(opts, api);
  // Reading the clock costs a little, and only a retry needs it.
  const started = retrying ? Date.now() : 0;
  for (let attempt = 1; ; attempt++) {
    const context: HookContext = { operationId: spec.operationId, baseURL: prepared.baseURL, attempt };
    const outcome = await attemptOnce(opts, spec, prepared, options, hooks, context, logger);
    const response = outcome.received?.response;
    const retryable = retrying && (response
      ? (options.retryCodes ?? DEFAULT_RETRY_CODES).some((code) => statusMatches(code, response.status))
      : outcome.error instanceof ConnectionError && policy.retryConnectionErrors === true);
    // Most calls end here: the wait is worked out only when a retry may follow.
    const backoff = retryable ? { ...DEFAULT_BACKOFF, ...policy.backoff } : undefined;
    const fromServer = backoff && response ? retryAfterMs(response.headers.get("retry-after"), Date.now()) : undefined;
    // Retry-After can lengthen the wait, never shorten it below the backoff ("Retry-After: 0" must not spin).
    const wait = backoff ? Math.min(backoff.maxInterval, Math.max(fromServer ?? 0, backoffDelay(attempt - 1, backoff))) : 0;
    if (!backoff || Date.now() - started + wait > backoff.maxElapsedTime) {
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
  opts: ClientOptions, spec: OperationSpec, prepared: PreparedRequest, options: RequestOptions,
  hooks: SDKHooks[], context: HookContext, logger: RedactingLogger | undefined,
): Promise<{ received: Received; error?: undefined } | { received?: undefined; error: unknown }> {
  const signal = options.signal;
  if (signal?.aborted) throw new RequestAbortedError(`${spec.operationId} was aborted before it was sent`, { cause: signal.reason });
  const timeoutMs = options.timeoutMs ?? opts.timeoutMs;
  const timed = timeoutMs !== undefined && timeoutMs > 0;
  // Without a timeout or a signal nothing can abort the call: no controller, timer, listener or race.
  const controller = timed || signal ? new AbortController() : undefined;
  let init = prepared.init;
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  let aborted: Promise<never> | undefined;
  if (controller) {
    init = { ...init, signal: controller.signal };
    onAbort = () => controller.abort(signal?.reason);
    // A signal fires "abort" once at most: its listeners need no { once: true }.
    signal?.addEventListener("abort", onAbort);
    if (timed) {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    }
    // Node's fetch holds the link from our signal to the request only weakly, so after a garbage
    // collection an abort may never reach it; racing against the signal ends the wait regardless.
    aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener("abort", () => reject(controller.signal.reason));
    });
    aborted.catch(() => undefined);
  }
  const race = <T>(work: Promise<T>): Promise<T> => {
    if (!aborted) return work;
    work.catch(() => undefined);
    return Promise.race([work, aborted]);
  };
  const startedAt = logger ? Date.now() : 0;
  try {
    const fetcher = opts.fetcher;
    let request: Request | undefined;
    // A Request object is made only when something will look at it: it costs time in Node's fetch.
    if (fetcher !== undefined || hooks.length > 0 || logger !== undefined) {
      request = await runBeforeRequest(hooks, context, new Request(prepared.url, init));
      logger?.request(request, context.attempt);
    }
    let received: Received;
    let response: Response | undefined;
    try {
      response = await race(request ? (fetcher ?? fetch)(request) : fetch(prepared.url, init));
      // With redirect "follow" (browsers) fetch has followed them already.
      if (REDIRECT_STATUSES.includes(response.status)) {
        const send = (url: string, next: RequestInit) => (fetcher ? fetcher(new Request(url, next)) : fetch(url, next));
        // Headers is iterable, though the DOM library the SDK compiles against does not say so.
        const from = request ? { ...init, headers: Object.fromEntries(request.headers as unknown as Iterable<[string, string]>) } : init;
        response = await race(followRedirects(response, request?.url ?? prepared.url, from, prepared.credentialHeaders, send));
      }
      // Read the body now, inside the timeout, so a slow body times out too.
      received = new Received(response, await race(response.arrayBuffer()));
    } catch (error) {
      response?.body?.cancel().catch(() => undefined);
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
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}

const NULL_BODY_STATUSES = [101, 204, 205, 304];
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const MAX_REDIRECTS = 20;
// Browsers hide a redirect's target from script ("opaqueredirect"), so there the runtime lets fetch follow.
const FOLLOWS_REDIRECTS_ITSELF = typeof (globalThis as { document?: unknown }).document === "undefined";

/**
 * Follows redirects by hand: credential headers are dropped when the target is another origin,
 * and 303 (or 301/302 after a POST) turns the request into a GET without a body, as browsers do.
 */
async function followRedirects(
  response: Response, url: string, current: RequestInit, credentialHeaders: string[],
  send: (url: string, init: RequestInit) => Promise<Response>,
): Promise<Response> {
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

/** A response with its body already read, as bytes; its text, headers and a fresh Response are made when asked for. */
class Received {
  // Plain properties, not #private ones: compiled below ES2022 (by a bundler, say) those cost a WeakMap entry per response.
  private record: Record<string, string[]> | undefined;
  private raw: Response | undefined;

  constructor(readonly response: Response, readonly bytes: ArrayBuffer) {}

  get text(): string {
    return utf8.decode(this.bytes);
  }

  /** Headers by lower-case name; reading every header of a fresh undici response costs a few microseconds. */
  get headers(): Record<string, string[]> {
    if (!this.record) {
      const headers = this.response.headers;
      const record: Record<string, string[]> = (this.record = {});
      headers.forEach((value, name) => {
        record[name] = name === "set-cookie" && typeof headers.getSetCookie === "function" ? headers.getSetCookie() : [value];
      });
    }
    return this.record;
  }

  /** A readable Response with the same status, headers and bytes. */
  get rawResponse(): Response {
    return (this.raw ??= new Response(NULL_BODY_STATUSES.includes(this.response.status) ? null : this.bytes, this.response));
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

/**
 * A successful call's result. headers and rawResponse are own, enumerable properties, as the result
 * types promise, made when first read: most callers look at neither.
 */
class SuccessResult {
  readonly #received: Received;
  [field: string]: unknown;

  constructor(statusCode: number, contentType: string, received: Received) {
    this.statusCode = statusCode;
    this.contentType = contentType;
    this.#received = received;
    Object.defineProperty(this, "headers", SuccessResult.#headers);
    Object.defineProperty(this, "rawResponse", SuccessResult.#rawResponse);
  }

  // Getters shared by every result: a getter made per result would give each result a shape of its own, which is slow.
  static #headers = { get(this: SuccessResult) { return this.#received.headers; }, enumerable: true };
  static #rawResponse = { get(this: SuccessResult) { return this.#received.rawResponse; }, enumerable: true };
}

function decode(spec: OperationSpec, received: Received): unknown {
  const response = received.response;
  const contentType = response.headers.get("content-type") ?? "";
  const status = response.status;
  const details = (): HTTPDetails => ({ statusCode: status, contentType, headers: response.headers, body: received.text, rawResponse: received.rawResponse });
  const success = status >= 200 && status < 300 ? pick(spec.responses, status) : undefined;
  if (success) {
    const result = new SuccessResult(status, contentType, received);
    if (success.contentType === undefined || success.field === undefined) return result;
    if (!contentTypeMatches(success.contentType, contentType)) throw new SDKError("Unexpected content type", details());
    result[success.field] = success.decode
      ? success.decode(received.bytes, contentType)
      : decodeBody(received.text, details, success.contentType, success.schema);
    return result;
  }
  const failure = pick(spec.errors, status);
  if (failure && contentTypeMatches(failure.contentType, contentType)) {
    const http = details();
    throw failure.create(decodeBody(http.body, () => http, failure.contentType, failure.schema), http);
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
