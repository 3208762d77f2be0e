import { serverURLFrom, type ClientCore, type Credential, type BasicCredentials, type RequestOptions, type ServerSpec } from "./config.js";
import {
  assertHeaderSafe, encodeForm, serializeCookie, serializeHeaderValue, serializePathParam, serializeQueryParam, type ParamStyle,
} from "./encodings.js";
import {
  ConnectionError, HTTPError, RequestAbortedError, RequestTimeoutError, ResponseValidationError, SDKBaseError, SDKError,
  SDKValidationError, type HTTPDetails,
} from "./errors.js";
import { err, ok, type Result } from "./result.js";

export interface ParamSpec extends ParamStyle {
  in: "path" | "query" | "header" | "cookie";
}

export interface ResponseSpec {
  /** "200", "2XX" or "default". */
  status: string;
  /** Declared content type of the body, absent when the response has none. */
  contentType?: string;
  /** Response property the decoded body is exposed under. */
  field?: string;
  /** Checks and normalises the decoded body; throws a ValidationIssue on a mismatch. */
  validate?: (value: unknown) => unknown;
}

export interface ErrorSpec {
  status: string;
  contentType: string;
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
  body?: { contentType: string; required: boolean };
  accept: string;
  responses: ResponseSpec[];
  errors: ErrorSpec[];
}

export interface OperationInput {
  /** Values of `params`, by position. */
  params: unknown[];
  body?: unknown;
}

/** Response metadata every operation's result carries. */
export interface ResponseMeta {
  statusCode: number;
  contentType: string;
  headers: Record<string, string[]>;
  rawResponse: Response;
}

/** Sends one operation and decodes its answer. Never throws: every failure comes back as an error result. */
export async function invoke<T, E extends SDKBaseError>(
  client: ClientCore,
  spec: OperationSpec,
  input: OperationInput,
  options: RequestOptions = {},
): Promise<Result<T, E | SDKBaseError>> {
  try {
    const request = await buildRequest(client, spec, input, options);
    const timeoutMs = options.timeoutMs ?? client._options.timeoutMs;
    return ok((await send(client, spec, request, timeoutMs, options.signal)) as T);
  } catch (error) {
    if (error instanceof SDKBaseError) return err(error);
    return err(new SDKBaseError(`Unexpected error in ${spec.operationId}: ${String(error)}`, { cause: error }));
  }
}

function baseURL(client: ClientCore, spec: OperationSpec, options: RequestOptions): string {
  if (options.serverURL) return options.serverURL;
  const opts = client._options;
  if (spec.servers && spec.servers.length > 0) return serverURLFrom(spec.servers[0]!, {});
  if (opts.serverURL) return opts.serverURL;
  const servers = client._api.servers;
  const server = servers[opts.serverIdx ?? 0];
  if (!server) throw new SDKValidationError(`no server at index ${String(opts.serverIdx)}`, "serverIdx");
  return serverURLFrom(server, opts);
}

async function buildRequest(client: ClientCore, spec: OperationSpec, input: OperationInput, options: RequestOptions): Promise<Request> {
  let path = spec.path;
  const query: string[] = [];
  const headers = new Headers();
  const cookies: string[] = [];
  headers.set("Accept", spec.accept);

  const apply = (param: ParamSpec, value: unknown) => {
    if (value === undefined || value === null) return;
    if (param.in === "path") path = path.split(`{${param.name}}`).join(serializePathParam(value, param));
    else if (param.in === "query") query.push(...serializeQueryParam(value, param));
    else if (param.in === "header") headers.set(param.name, serializeHeaderValue(value, param));
    else cookies.push(serializeCookie(value, param));
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
    apply(param, value);
  });
  await applySecurity(client, spec, headers, query, cookies);

  let body: string | undefined;
  if (spec.body && input.body !== undefined) {
    headers.set("Content-Type", spec.body.contentType);
    body = /json/i.test(spec.body.contentType) ? JSON.stringify(input.body) : encodeForm(input.body);
  } else if (spec.body?.required) {
    throw new SDKValidationError("a request body is required", "body");
  }
  if (cookies.length > 0) headers.set("Cookie", cookies.join("; "));
  new Headers(options.headers).forEach((value, name) => {
    assertHeaderSafe(value, name);
    headers.set(name, value);
  });

  const base = baseURL(client, spec, options).replace(/\/+$/, "");
  const url = `${base}${path}${query.length > 0 ? `?${query.join("&")}` : ""}`;
  return new Request(url, { method: spec.method, headers, ...(body === undefined ? {} : { body }) });
}

async function resolveCredential<T>(credential: Credential<T> | undefined): Promise<T | undefined> {
  return typeof credential === "function" ? await (credential as () => T | Promise<T>)() : credential;
}

async function applySecurity(client: ClientCore, spec: OperationSpec, headers: Headers, query: string[], cookies: string[]): Promise<void> {
  const alternatives = spec.security ?? client._api.security;
  const schemes = client._api.securitySchemes;
  // The first alternative whose every scheme has a credential is used.
  const chosen = alternatives.find((alt) => alt.every((key) => schemes[key] && client._options[schemes[key].option] !== undefined));
  for (const key of chosen ?? []) {
    const scheme = schemes[key]!;
    const value = await resolveCredential(client._options[scheme.option] as Credential<unknown>);
    if (value === undefined || value === null) continue;
    if (scheme.kind === "basic") {
      const { username, password } = value as BasicCredentials;
      headers.set("Authorization", `Basic ${btoa(`${username}:${password}`)}`);
      continue;
    }
    const text = String(value);
    assertHeaderSafe(text, scheme.kind === "apiKey" ? scheme.name : "Authorization");
    if (scheme.kind === "bearer") headers.set("Authorization", /^bearer /i.test(text) ? text : `Bearer ${text}`);
    else if (scheme.in === "header") headers.set(scheme.name, text);
    else if (scheme.in === "query") query.push(...serializeQueryParam(text, { name: scheme.name, style: "form", explode: true }));
    else cookies.push(serializeCookie(text, { name: scheme.name, style: "form", explode: true }));
  }
}

async function send(
  client: ClientCore, spec: OperationSpec, request: Request, timeoutMs: number | undefined, signal: AbortSignal | undefined,
): Promise<unknown> {
  const controller = new AbortController();
  const timedOut = { value: false };
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) throw new RequestAbortedError("the request was aborted before it was sent", { cause: signal.reason });
  signal?.addEventListener("abort", onAbort, { once: true });
  const timer = timeoutMs !== undefined && timeoutMs > 0
    ? setTimeout(() => {
        timedOut.value = true;
        controller.abort();
      }, timeoutMs)
    : undefined;
  try {
    const fetcher = client._options.fetcher ?? ((r: Request) => fetch(r));
    const response = await fetcher(new Request(request, { signal: controller.signal }));
    return await decode(spec, response);
  } catch (error) {
    if (error instanceof SDKBaseError) throw error;
    if (timedOut.value) throw new RequestTimeoutError(`${spec.operationId} timed out after ${String(timeoutMs)} ms`, { cause: error });
    if (signal?.aborted) throw new RequestAbortedError(`${spec.operationId} was aborted`, { cause: signal.reason });
    throw new ConnectionError(`${spec.operationId}: ${describe(error)}`, { cause: error });
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

function describe(error: unknown): string {
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

function statusMatches(declared: string, status: number): boolean {
  if (declared === String(status)) return true;
  return /^[1-5]XX$/i.test(declared) && declared[0] === String(status)[0];
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

async function decode(spec: OperationSpec, response: Response): Promise<unknown> {
  const contentType = response.headers.get("content-type") ?? "";
  const status = response.status;
  const details = async (): Promise<HTTPDetails> => ({
    statusCode: status, contentType, headers: response.headers, body: await response.text(), rawResponse: response,
  });
  const success = status >= 200 && status < 300 ? pick(spec.responses, status) : undefined;
  if (success) {
    const meta: ResponseMeta = { statusCode: status, contentType, headers: headerRecord(response.headers), rawResponse: response };
    if (success.contentType === undefined || success.field === undefined) return meta;
    if (!contentTypeMatches(success.contentType, contentType)) throw new SDKError("Unexpected content type", await details());
    const http = await details();
    const value = parseBody(http, success.contentType);
    return { ...meta, [success.field]: success.validate ? validated(success.validate, value, http) : value };
  }
  const failure = pick(spec.errors, status);
  if (failure && contentTypeMatches(failure.contentType, contentType)) {
    const http = await details();
    throw failure.create(parseBody(http, failure.contentType), http);
  }
  throw new SDKError(status >= 200 && status < 300 ? "Unexpected status code" : "API error occurred", await details());
}

function parseBody(http: HTTPDetails, declared: string): unknown {
  if (!/json/i.test(declared)) return http.body;
  try {
    return JSON.parse(http.body) as unknown;
  } catch (error) {
    throw new ResponseValidationError("the body is not valid JSON", "$", http, { cause: error });
  }
}

/** A validator's complaint: where the value went wrong and why. */
export class ValidationIssue extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

function validated(validate: (value: unknown) => unknown, value: unknown, http: HTTPDetails): unknown {
  try {
    return validate(value);
  } catch (error) {
    if (error instanceof ValidationIssue) throw new ResponseValidationError(error.message, error.path, http, { cause: error });
    throw error;
  }
}
