/** Base of every error the SDK raises, so one `instanceof` check catches them all. */
export class SDKBaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** What the server answered, attached to errors raised for an HTTP response. */
export interface HTTPDetails {
  statusCode: number;
  contentType: string;
  headers: Headers;
  body: string;
  rawResponse: Response;
}

/** An error raised for an HTTP response: carries its status, headers, body text and the raw Response. */
export class HTTPError extends SDKBaseError implements HTTPDetails {
  declare readonly statusCode: number;
  declare readonly contentType: string;
  declare readonly headers: Headers;
  declare readonly body: string;
  declare readonly rawResponse: Response;

  constructor(message: string, http: HTTPDetails, options?: { cause?: unknown }) {
    super(message, options);
    const { statusCode, contentType, headers, body, rawResponse } = http;
    Object.assign(this, { statusCode, contentType, headers, body, rawResponse });
  }
}

/** A response the API description does not declare: another status, or another content type. */
export class SDKError extends HTTPError {
  constructor(message: string, http: HTTPDetails) {
    // The body stays out of the message: it may hold credentials (plex.tv echoes the account token).
    super(`${message}: Status ${http.statusCode} Content-Type ${JSON.stringify(http.contentType)}`, http);
  }
}

/** The response body did not have the shape the API description promises. */
export class ResponseValidationError extends HTTPError {
  readonly path: string;
  constructor(message: string, path: string, http: HTTPDetails, options?: { cause?: unknown }) {
    super(`Response validation failed at ${path}: ${message}`, http, options);
    this.path = path;
  }
}

/** The input was rejected before any request was sent. */
export class SDKValidationError extends SDKBaseError {
  readonly path: string;
  constructor(message: string, path: string) {
    super(`Invalid input at ${path}: ${message}`);
    this.path = path;
  }
}

/** The server could not be reached, or the connection broke. */
export class ConnectionError extends SDKBaseError {}

/** The request took longer than its timeout. */
export class RequestTimeoutError extends SDKBaseError {}

/** The caller's AbortSignal ended the request. */
export class RequestAbortedError extends SDKBaseError {}

/**
 * The text at a path in an error body, for the error's message; "*" steps into every
 * item of an array and the texts found are joined.
 */
export function messageAt(data: unknown, path: readonly string[]): string | undefined {
  let values: unknown[] = [data];
  for (const step of path) {
    values = values.flatMap((v) => {
      if (step === "*") return Array.isArray(v) ? v : [];
      return typeof v === "object" && v !== null && Object.prototype.hasOwnProperty.call(v, step) ? [(v as Record<string, unknown>)[step]] : [];
    });
  }
  const texts = values.filter((v): v is string => typeof v === "string" && v !== "");
  return texts.length > 0 ? texts.join("; ") : undefined;
}
