import { isIdentifier, isObjectMember } from "./words.ts";

/**
 * A string literal that cannot end early or run code: JSON escaping plus the line and
 * paragraph separators, and "<" so the text is also safe inside an HTML script block.
 */
export function stringLiteral(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029")
    .replace(/</g, "\\u003c");
}

/** Any JSON value as a TypeScript expression. */
export function jsonLiteral(value: unknown): string {
  if (value === undefined) return "undefined";
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean" || value === null) return String(value);
  if (Array.isArray(value)) return `[${value.map(jsonLiteral).join(", ")}]`;
  if (typeof value === "object") {
    const body = Object.entries(value).map(([k, v]) => `${propertyKey(k)}: ${jsonLiteral(v)}`);
    return body.length === 0 ? "{}" : `{ ${body.join(", ")} }`;
  }
  return "undefined";
}

/**
 * A property key: bare when it is an identifier, quoted otherwise. "__proto__" is written as
 * a computed key, the only spelling that makes an own property in an object literal.
 */
export function propertyKey(name: string): string {
  return isIdentifier(name) && name !== "__proto__" ? name : quotedKey(name);
}

/**
 * The value of an entry in an object literal typed by an index signature. Under a key named like an
 * Object.prototype member ("toString") TypeScript takes that member's type as the value's context
 * instead of the index signature's, so literal types would widen ("ref" to string): `as const`
 * keeps them.
 */
export function indexedValue(key: string, value: string): string {
  return isObjectMember(key) ? `${value} as const` : value;
}

/** A property key that is always quoted (computed for "__proto__", as in propertyKey). */
export function quotedKey(name: string): string {
  return name === "__proto__" ? `[${stringLiteral(name)}]` : stringLiteral(name);
}

/** Text for a JSDoc block: nothing in it can close the comment. */
export function docText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u2028\u2029]/g, "\n")
    .replace(/\*\//g, "*\\/")
    .replace(/\/\*/g, "/\\*")
    .trim();
}
