/**
 * Schema descriptors: plain data that generated models export next to their types, read by
 * one small validator. No code is generated per type, so bundles stay small.
 */
export type Schema =
  | { readonly t: "string" | "number" | "integer" | "boolean" | "null" | "unknown" }
  | { readonly t: "literal"; readonly value: string | number | boolean | null }
  | { readonly t: "enum"; readonly values: readonly (string | number)[]; readonly open: boolean }
  | { readonly t: "array"; readonly items: Schema }
  | { readonly t: "map"; readonly values: Schema }
  | { readonly t: "nullable"; readonly inner: Schema }
  | { readonly t: "union"; readonly variants: readonly Schema[] }
  | { readonly t: "all"; readonly parts: readonly Schema[] }
  | { readonly t: "object"; readonly props: Readonly<Record<string, Prop>>; readonly bases?: readonly (() => Schema)[] }
  | { readonly t: "ref"; readonly get: () => Schema };

export interface Prop {
  readonly s: Schema;
  /** Required property. */
  readonly r?: boolean;
  /** Default applied when the property is absent. */
  readonly d?: unknown;
}

/** A value that does not fit its schema: where, and why. */
export class ValidationIssue extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = "ValidationIssue";
  }
}

export interface ValidateOptions {
  /** Fill in declared defaults for absent properties (responses), or leave them out (requests). */
  applyDefaults: boolean;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${JSON.stringify(value)}`;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new ValidationIssue(path, `expected ${expected}, got ${describe(value)}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Collects the properties of an object schema and of every base it extends. */
function allProps(schema: Extract<Schema, { t: "object" }>): Record<string, Prop> {
  const merged: Record<string, Prop> = {};
  for (const base of schema.bases ?? []) {
    const resolved = resolve(base());
    if (resolved.t === "object") Object.assign(merged, allProps(resolved));
  }
  return Object.assign(merged, schema.props);
}

function resolve(schema: Schema): Schema {
  let current = schema;
  while (current.t === "ref") current = current.get();
  return current;
}

/**
 * Checks `value` against `schema` and returns it, with defaults filled in where asked.
 * Objects are copied, so the caller's input is never changed and "__proto__" keys stay plain data.
 */
export function validate(schema: Schema, value: unknown, path: string, options: ValidateOptions): unknown {
  switch (schema.t) {
    case "unknown":
      return value;
    case "string":
      return typeof value === "string" ? value : fail(path, "a string", value);
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? value : fail(path, "a number", value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value) ? value : fail(path, "an integer", value);
    case "boolean":
      return typeof value === "boolean" ? value : fail(path, "a boolean", value);
    case "null":
      return value === null ? value : fail(path, "null", value);
    case "literal":
      return value === schema.value ? value : fail(path, JSON.stringify(schema.value), value);
    case "enum": {
      if (schema.values.includes(value as string | number)) return value;
      const base = typeof schema.values[0];
      if (schema.open && typeof value === base) return value;
      return fail(path, `one of ${schema.values.map((v) => JSON.stringify(v)).join(", ")}`, value);
    }
    case "nullable":
      return value === null ? null : validate(schema.inner, value, path, options);
    case "ref":
      return validate(schema.get(), value, path, options);
    case "array":
      if (!Array.isArray(value)) return fail(path, "an array", value);
      return value.map((item, i) => validate(schema.items, item, `${path}[${i}]`, options));
    case "map": {
      if (!isObject(value)) return fail(path, "an object", value);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) define(out, k, validate(schema.values, v, `${path}.${k}`, options));
      return out;
    }
    case "union": {
      const issues: string[] = [];
      for (const variant of schema.variants) {
        try {
          return validate(variant, value, path, options);
        } catch (error) {
          if (!(error instanceof ValidationIssue)) throw error;
          issues.push(error.message);
        }
      }
      throw new ValidationIssue(path, `matches no variant (${issues.join("; ")})`);
    }
    case "all":
      return schema.parts.reduce<unknown>((acc, part) => {
        const checked = validate(part, value, path, options);
        return isObject(acc) && isObject(checked) ? { ...acc, ...checked } : checked;
      }, value);
    case "object": {
      if (!isObject(value)) return fail(path, "an object", value);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) define(out, k, v);
      for (const [name, prop] of Object.entries(allProps(schema))) {
        const at = `${path}.${name}`;
        if (!Object.prototype.hasOwnProperty.call(value, name) || value[name] === undefined) {
          if (options.applyDefaults && prop.d !== undefined) define(out, name, structuredClone(prop.d));
          else if (prop.r) throw new ValidationIssue(at, "is required but missing");
          continue;
        }
        define(out, name, validate(prop.s, value[name], at, options));
      }
      return out;
    }
  }
}

/** Sets an own data property, even for keys such as "__proto__", without touching any prototype. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
