import { SDKValidationError } from "./errors.js";

/**
 * How a parameter is written on the wire (OpenAPI style and explode). Left out, style is the
 * location's default (simple for path and header, form for query and cookie) and explode is false.
 */
export interface ParamStyle {
  name: string;
  style?: string;
  explode?: boolean;
}

type Scalar = string | number | boolean | bigint;

function scalar(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value as Scalar);
}

function entries(value: object): Array<[string, unknown]> {
  return Object.entries(value).filter(([, v]) => v !== undefined);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Percent-encodes everything but unreserved characters; "." and ".." can never act as path segments. */
export function encodePathSegment(value: string): string {
  const encoded = encodeQueryPart(value);
  return encoded === "." || encoded === ".." ? encoded.replace(/\./g, "%2E") : encoded;
}

/** Percent-encodes a query name or value, sub-delimiters included. */
export function encodeQueryPart(value: string): string {
  const encoded = encodeURIComponent(value);
  // Testing first is cheaper: most values have none of these, and a replace with a callback is slow.
  return /[!'()*]/.test(encoded) ? encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) : encoded;
}

/** A path parameter value in simple, label or matrix style. */
export function serializePathParam(value: unknown, p: ParamStyle): string {
  const enc = (v: unknown) => encodePathSegment(scalar(v));
  const list = (items: string[], sep: string) => items.join(sep);
  if (p.style === "label") {
    if (Array.isArray(value)) return `.${list(value.map(enc), p.explode ? "." : ",")}`;
    if (isPlainObject(value)) {
      const kv = entries(value);
      return `.${p.explode ? kv.map(([k, v]) => `${enc(k)}=${enc(v)}`).join(".") : kv.flatMap(([k, v]) => [enc(k), enc(v)]).join(",")}`;
    }
    return `.${enc(value)}`;
  }
  if (p.style === "matrix") {
    const key = encodePathSegment(p.name);
    if (Array.isArray(value)) return p.explode ? value.map((v) => `;${key}=${enc(v)}`).join("") : `;${key}=${list(value.map(enc), ",")}`;
    if (isPlainObject(value)) {
      const kv = entries(value);
      return p.explode ? kv.map(([k, v]) => `;${enc(k)}=${enc(v)}`).join("") : `;${key}=${kv.flatMap(([k, v]) => [enc(k), enc(v)]).join(",")}`;
    }
    return `;${key}=${enc(value)}`;
  }
  if (Array.isArray(value)) return list(value.map(enc), ",");
  if (isPlainObject(value)) {
    const kv = entries(value);
    return p.explode ? kv.map(([k, v]) => `${enc(k)}=${enc(v)}`).join(",") : kv.flatMap(([k, v]) => [enc(k), enc(v)]).join(",");
  }
  return enc(value);
}

/** Query string pairs (already encoded) for one parameter in form, spaceDelimited, pipeDelimited or deepObject style. */
export function serializeQueryParam(value: unknown, p: ParamStyle): string[] {
  const key = encodeQueryPart(p.name);
  const enc = (v: unknown) => encodeQueryPart(scalar(v));
  if (p.style === "deepObject" && isPlainObject(value)) {
    return entries(value).flatMap(([k, v]) =>
      Array.isArray(v)
        ? v.map((item) => `${key}%5B${encodeQueryPart(k)}%5D=${enc(item)}`)
        : [`${key}%5B${encodeQueryPart(k)}%5D=${enc(v)}`],
    );
  }
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined && v !== null);
    if (p.explode) return items.map((v) => `${key}=${enc(v)}`);
    const sep = p.style === "spaceDelimited" ? "%20" : p.style === "pipeDelimited" ? "%7C" : ",";
    return [`${key}=${items.map(enc).join(sep)}`];
  }
  if (isPlainObject(value)) {
    const kv = entries(value);
    if (p.explode) return kv.map(([k, v]) => `${encodeQueryPart(k)}=${enc(v)}`);
    return [`${key}=${kv.flatMap(([k, v]) => [encodeQueryPart(k), enc(v)]).join(",")}`];
  }
  return [`${key}=${enc(value)}`];
}

/** A header value in simple style; CR and LF are refused so no header can be smuggled in. */
export function serializeHeaderValue(value: unknown, p: ParamStyle): string {
  let text: string;
  if (Array.isArray(value)) text = value.map(scalar).join(",");
  else if (isPlainObject(value)) {
    const kv = entries(value);
    text = p.explode ? kv.map(([k, v]) => `${k}=${scalar(v)}`).join(",") : kv.flatMap(([k, v]) => [k, scalar(v)]).join(",");
  } else text = scalar(value);
  assertHeaderSafe(text, p.name);
  return text;
}

export function assertHeaderSafe(text: string, name: string): void {
  if (/[\r\n\0]/.test(text)) throw new SDKValidationError("header values must not contain CR, LF or NUL", `header ${name}`);
}

/** One cookie pair, `name=value`, values percent-encoded. */
export function serializeCookie(value: unknown, p: ParamStyle): string {
  const text = Array.isArray(value) ? value.map(scalar).join(",") : scalar(value);
  return `${p.name}=${encodeQueryPart(text)}`;
}

/** An application/json body. */
export function encodeJson(body: unknown): string {
  return JSON.stringify(body);
}

/** An application/x-www-form-urlencoded body: arrays repeat their key, nested objects are sent as JSON. */
export function encodeForm(body: unknown): string {
  if (!isPlainObject(body)) throw new SDKValidationError("a form body must be an object", "body");
  const pairs: string[] = [];
  for (const [key, value] of entries(body)) {
    if (value === null) continue;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) pairs.push(`${encodeForForm(key)}=${encodeForForm(scalar(item))}`);
  }
  return pairs.join("&");
}

function encodeForForm(text: string): string {
  return encodeQueryPart(text).replace(/%20/g, "+");
}

/** A text body (text/plain and other non-JSON, non-form types), sent as it is. */
export function encodeText(body: unknown): string {
  return typeof body === "string" ? body : String(body);
}

/** A name or file name in a part's Content-Disposition, quoted as browsers do: `"`, CR and LF percent-encoded. */
function dispositionName(text: string): string {
  return `"${text.replace(/"/g, "%22").replace(/\r/g, "%0D").replace(/\n/g, "%0A")}"`;
}

/**
 * A multipart/form-data body: a Blob or Uint8Array is a file part, an array repeats its field,
 * an object is sent as JSON, null and undefined are left out. It is a Blob whose type carries the
 * boundary, not a FormData, so a retry or a redirect sends the same bytes under the same boundary.
 */
export function encodeMultipart(body: unknown): Blob {
  if (!isPlainObject(body)) throw new SDKValidationError("a multipart body must be an object", "body");
  const boundary = `----sdkgen${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
  const parts: BlobPart[] = [];
  for (const [key, value] of entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === null || item === undefined) continue;
      const file = item instanceof Blob || ArrayBuffer.isView(item);
      let head = `--${boundary}\r\nContent-Disposition: form-data; name=${dispositionName(key)}`;
      if (file) head += `; filename=${dispositionName((item as Partial<File>).name ?? key)}\r\nContent-Type: ${(item as Partial<Blob>).type || "application/octet-stream"}`;
      parts.push(`${head}\r\n\r\n`, file ? (item as BlobPart) : scalar(item), "\r\n");
    }
  }
  parts.push(`--${boundary}--\r\n`);
  return new Blob(parts, { type: `multipart/form-data; boundary=${boundary}` });
}

/** A binary body (application/octet-stream, image/*, ...): a Blob, Uint8Array or string, sent as it is. */
export function encodeBinary(body: unknown): BodyInit {
  return body as BodyInit;
}

/** A binary response body, as a Blob of the response's content type. */
export function decodeBlob(bytes: ArrayBuffer, contentType: string): Blob {
  return new Blob([bytes], { type: contentType });
}
