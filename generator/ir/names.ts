import { camelCase, pascalCase } from "../naming/case.ts";

/** A stable operationId for an operation that has none: method plus the path's words. */
export function deriveOperationId(method: string, path: string): string {
  const parts = path
    .split("/")
    .filter((s) => s !== "")
    .map((s) => (s.startsWith("{") && s.endsWith("}") ? `By ${s.slice(1, -1)}` : s));
  return camelCase(`${method} ${parts.join(" ")}`) || method;
}

const STATUS_NAMES: Record<string, string> = {
  "400": "BadRequest", "401": "Unauthorized", "402": "PaymentRequired", "403": "Forbidden", "404": "NotFound",
  "405": "MethodNotAllowed", "406": "NotAcceptable", "408": "RequestTimeout", "409": "Conflict", "410": "Gone",
  "412": "PreconditionFailed", "413": "PayloadTooLarge", "415": "UnsupportedMediaType", "422": "UnprocessableEntity",
  "423": "Locked", "429": "TooManyRequests", "500": "InternalServerError", "501": "NotImplemented", "502": "BadGateway",
  "503": "ServiceUnavailable", "504": "GatewayTimeout", "4XX": "ClientError", "5XX": "ServerError", "default": "Error",
};

/** The conventional name of an HTTP status, used to name error types. */
export function statusName(status: string): string {
  return STATUS_NAMES[status.toUpperCase()] ?? STATUS_NAMES[status] ?? `Status${pascalCase(status)}`;
}
