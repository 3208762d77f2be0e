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

const propsCache = new WeakMap<object, Array<[string, Prop]>>();

/** The properties of an object schema and of every base it extends, computed once per schema. */
function allProps(schema: Extract<Schema, { t: "object" }>): Array<[string, Prop]> {
  let props = propsCache.get(schema);
  if (props === undefined) {
    // A Map, so a property named "__proto__" is a property like any other.
    const merged = new Map<string, Prop>();
    for (const base of schema.bases ?? []) {
      let resolved = base();
      while (resolved.t === "ref") resolved = resolved.get();
      if (resolved.t === "object") for (const [name, prop] of allProps(resolved)) merged.set(name, prop);
    }
    for (const name of Object.keys(schema.props)) merged.set(name, schema.props[name]!);
    props = [...merged];
    propsCache.set(schema, props);
  }
  return props;
}

/**
 * Checks `value` against `schema` and returns it. With applyDefaults, absent properties that
 * declare a default are filled in, in place: only for values the SDK owns (a freshly parsed body).
 * Without it the value is only read, so a caller's input is never changed.
 */
export function validate(schema: Schema, value: unknown, path: string, options: ValidateOptions): unknown {
  checkerFor(schema)(value, [path], options.applyDefaults);
  return value;
}

/** The path of the value being checked, kept as a stack and joined only when something fails. */
type PathStack = Array<string | number>;

/** Checks one value; throws ValidationIssue. Compiled once per schema, since walking descriptors per call is slow. */
type Checker = (value: unknown, stack: PathStack, defaults: boolean) => void;

function pathText(stack: PathStack, last?: string): string {
  const parts = last === undefined ? stack : [...stack, last];
  return parts.map((p, i) => (i === 0 ? String(p) : typeof p === "number" ? `[${p}]` : `.${p}`)).join("");
}

function failAt(stack: PathStack, expected: string, value: unknown): never {
  return fail(pathText(stack), expected, value);
}

const checkers = new WeakMap<Schema, Checker>();

function checkerFor(schema: Schema): Checker {
  let checker = checkers.get(schema);
  if (checker === undefined) {
    // A recursive schema reaches itself while compiling: the placeholder defers to the finished checker.
    let compiled: Checker | undefined;
    checkers.set(schema, (value, stack, defaults) => compiled!(value, stack, defaults));
    compiled = compile(schema);
    checkers.set(schema, compiled);
    checker = compiled;
  }
  return checker;
}

function compile(schema: Schema): Checker {
  switch (schema.t) {
    case "unknown":
      return () => undefined;
    case "string":
      return (v, stack) => {
        if (typeof v !== "string") failAt(stack, "a string", v);
      };
    case "number":
      return (v, stack) => {
        if (typeof v !== "number" || !Number.isFinite(v)) failAt(stack, "a number", v);
      };
    case "integer":
      return (v, stack) => {
        if (typeof v !== "number" || !Number.isInteger(v)) failAt(stack, "an integer", v);
      };
    case "boolean":
      return (v, stack) => {
        if (typeof v !== "boolean") failAt(stack, "a boolean", v);
      };
    case "null":
      return (v, stack) => {
        if (v !== null) failAt(stack, "null", v);
      };
    case "literal": {
      const expected = schema.value;
      return (v, stack) => {
        if (v !== expected) failAt(stack, JSON.stringify(expected), v);
      };
    }
    case "enum": {
      const values = new Set<unknown>(schema.values);
      const openType = schema.open ? typeof schema.values[0] : undefined;
      const expected = `one of ${schema.values.map((v) => JSON.stringify(v)).join(", ")}`;
      return (v, stack) => {
        if (!values.has(v) && typeof v !== openType) failAt(stack, expected, v);
      };
    }
    case "nullable": {
      const inner = checkerFor(schema.inner);
      return (v, stack, defaults) => {
        if (v !== null) inner(v, stack, defaults);
      };
    }
    case "ref": {
      let target: Checker | undefined;
      const get = schema.get;
      return (v, stack, defaults) => (target ??= checkerFor(get()))(v, stack, defaults);
    }
    case "array": {
      const items = checkerFor(schema.items);
      return (v, stack, defaults) => {
        if (!Array.isArray(v)) return failAt(stack, "an array", v);
        for (let i = 0; i < v.length; i++) {
          stack.push(i);
          items(v[i], stack, defaults);
          stack.pop();
        }
      };
    }
    case "map": {
      const values = checkerFor(schema.values);
      return (v, stack, defaults) => {
        if (!isObject(v)) return failAt(stack, "an object", v);
        for (const key of Object.keys(v)) {
          stack.push(key);
          values(v[key], stack, defaults);
          stack.pop();
        }
      };
    }
    case "union": {
      const variants = schema.variants.map(checkerFor);
      return (v, stack, defaults) => {
        const issues: string[] = [];
        for (const variant of variants) {
          try {
            // A dry run first: a variant that fails must not leave defaults behind in the value.
            variant(v, [...stack], false);
            if (defaults) variant(v, stack, true);
            return;
          } catch (error) {
            if (!(error instanceof ValidationIssue)) throw error;
            issues.push(error.message);
          }
        }
        throw new ValidationIssue(pathText(stack), `matches no variant (${issues.join("; ")})`);
      };
    }
    case "all": {
      const parts = schema.parts.map(checkerFor);
      return (v, stack, defaults) => {
        for (const part of parts) part(v, stack, defaults);
      };
    }
    case "object": {
      const objectSchema = schema;
      let props: Array<{ name: string; check: Checker; required: boolean; fallback: unknown }> | undefined;
      return (v, stack, defaults) => {
        if (!isObject(v)) return failAt(stack, "an object", v);
        // Properties are compiled on first use: bases may be declared after this schema.
        props ??= allProps(objectSchema).map(([name, p]) => ({ name, check: checkerFor(p.s), required: p.r === true, fallback: p.d }));
        for (const prop of props) {
          const current = Object.prototype.hasOwnProperty.call(v, prop.name) ? v[prop.name] : undefined;
          if (current === undefined) {
            if (defaults && prop.fallback !== undefined) define(v, prop.name, typeof prop.fallback === "object" ? structuredClone(prop.fallback) : prop.fallback);
            else if (prop.required) throw new ValidationIssue(pathText(stack, prop.name), "is required but missing");
            continue;
          }
          stack.push(prop.name);
          prop.check(current, stack, defaults);
          stack.pop();
        }
      };
    }
  }
}

/** Sets an own data property, even for keys such as "__proto__", without touching any prototype. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Shared descriptors of the primitive types, so generated models refer to them instead of repeating them. */
export const $string: Schema = { t: "string" };
export const $number: Schema = { t: "number" };
export const $integer: Schema = { t: "integer" };
export const $boolean: Schema = { t: "boolean" };
export const $null: Schema = { t: "null" };
export const $unknown: Schema = { t: "unknown" };
