/**
 * Schema descriptors, built by the small functions at the end of this file and exported by
 * generated models next to their types. Each descriptor knows how to compile its own checker,
 * so a bundle holds only the kinds of check its models use. A named model's descriptor is built
 * on first use ($lazy), so descriptors may refer to each other in any order, even in cycles, and
 * bundlers drop the ones nobody uses.
 */
export interface Schema {
  /** Builds the checker; called once per descriptor (see checkerFor). */
  readonly compile: () => Checker;
}

export interface ObjectSchema extends Schema {
  readonly props: Readonly<Record<string, Prop>>;
  readonly bases: readonly Schema[];
}

/** A descriptor built on first use (see $lazy). */
export interface LazySchema extends Schema {
  readonly get: () => Schema;
}

export interface Prop {
  readonly s: Schema;
  /** Required property. */
  readonly r: boolean;
  /** Default applied when the property is absent; undefined when there is none. */
  readonly d: unknown;
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
function allProps(schema: ObjectSchema): Array<[string, Prop]> {
  let props = propsCache.get(schema);
  if (props === undefined) {
    // A Map, so a property named "__proto__" is a property like any other.
    const merged = new Map<string, Prop>();
    for (const base of schema.bases) {
      let resolved = base;
      while ("get" in resolved) resolved = (resolved as LazySchema).get();
      if ("props" in resolved) for (const [name, prop] of allProps(resolved as ObjectSchema)) merged.set(name, prop);
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
export type Checker = (value: unknown, stack: PathStack, defaults: boolean) => void;

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
    compiled = schema.compile();
    checkers.set(schema, compiled);
    checker = compiled;
  }
  return checker;
}

/** Sets an own data property, even for keys such as "__proto__", without touching any prototype. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A descriptor of a type checked by `typeof`-like tests alone. */
function leaf(test: (v: unknown) => boolean, expected: string): Schema {
  return { compile: () => (v, stack) => {
    if (!test(v)) failAt(stack, expected, v);
  } };
}

export const $string: Schema = /* @__PURE__ */ leaf((v) => typeof v === "string", "a string");
export const $number: Schema = /* @__PURE__ */ leaf((v) => typeof v === "number" && Number.isFinite(v), "a number");
export const $integer: Schema = /* @__PURE__ */ leaf((v) => Number.isInteger(v), "an integer");
export const $boolean: Schema = /* @__PURE__ */ leaf((v) => typeof v === "boolean", "a boolean");
/** Binary data: a Blob (or File), a Uint8Array or a string of bytes. */
export const $binary: Schema = /* @__PURE__ */ leaf((v) => v instanceof Blob || v instanceof Uint8Array || typeof v === "string", "binary data (a Blob, Uint8Array or string)");
export const $null: Schema = /* @__PURE__ */ leaf((v) => v === null, "null");
export const $unknown: Schema = { compile: () => () => undefined };

export function $literal(value: string | number | boolean | null): Schema {
  return leaf((v) => v === value, JSON.stringify(value));
}

/** An enum; an open one also takes unknown values of its members' type. */
export function $enum(values: readonly (string | number)[], open: boolean): Schema {
  return {
    compile: () => {
      const known = new Set<unknown>(values);
      const openType = open ? typeof values[0] : undefined;
      const expected = `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
      return (v, stack) => {
        if (!known.has(v) && typeof v !== openType) failAt(stack, expected, v);
      };
    },
  };
}

export function $nullable(inner: Schema): Schema {
  return {
    compile: () => {
      const check = checkerFor(inner);
      return (v, stack, defaults) => {
        if (v !== null) check(v, stack, defaults);
      };
    },
  };
}

/**
 * A descriptor built when it is first used. Generated models wrap every named descriptor in it,
 * marked pure: nothing runs when a module loads, and an unused model costs no bytes.
 */
export function $lazy(build: () => Schema): LazySchema {
  let built: Schema | undefined;
  const get = () => (built ??= build());
  // The checker is the built descriptor's own: no extra call per value checked.
  return { get, compile: () => checkerFor(get()) };
}

export function $array(items: Schema): Schema {
  return {
    compile: () => {
      const check = checkerFor(items);
      return (v, stack, defaults) => {
        if (!Array.isArray(v)) return failAt(stack, "an array", v);
        for (let i = 0; i < v.length; i++) {
          stack.push(i);
          check(v[i], stack, defaults);
          stack.pop();
        }
      };
    },
  };
}

/** A free-form object whose values all have one schema. */
export function $map(values: Schema): Schema {
  return {
    compile: () => {
      const check = checkerFor(values);
      return (v, stack, defaults) => {
        if (!isObject(v)) return failAt(stack, "an object", v);
        for (const key of Object.keys(v)) {
          stack.push(key);
          check(v[key], stack, defaults);
          stack.pop();
        }
      };
    },
  };
}

export function $union(...variants: Schema[]): Schema {
  return {
    compile: () => {
      const checks = variants.map(checkerFor);
      return (v, stack, defaults) => {
        const issues: string[] = [];
        for (const check of checks) {
          try {
            // A dry run first: a variant that fails must not leave defaults behind in the value.
            check(v, [...stack], false);
            if (defaults) check(v, stack, true);
            return;
          } catch (error) {
            if (!(error instanceof ValidationIssue)) throw error;
            issues.push(error.message);
          }
        }
        throw new ValidationIssue(pathText(stack), `matches no variant (${issues.join("; ")})`);
      };
    },
  };
}

/**
 * A union told apart by one property (a discriminator): the value of `property` picks the variant
 * from `mapping`, so a value is checked against that variant alone. A value the mapping does not
 * know is tried against `others` (variants the mapping leaves out), and fails when there are none.
 */
export function $discriminated(property: string, mapping: ReadonlyArray<readonly [string, Schema]>, ...others: Schema[]): Schema {
  return {
    compile: () => {
      // A Map, so values such as "__proto__" or "constructor" find only their own variant.
      const byValue = new Map(mapping.map(([value, s]) => [value, checkerFor(s)] as const));
      const rest = others.length > 0 ? checkerFor($union(...others)) : undefined;
      const expected = `one of ${[...byValue.keys()].map((k) => JSON.stringify(k)).join(", ")}`;
      return (v, stack, defaults) => {
        if (!isObject(v)) return failAt(stack, "an object", v);
        const tag = Object.prototype.hasOwnProperty.call(v, property) ? v[property] : undefined;
        const check = typeof tag === "string" ? byValue.get(tag) : undefined;
        if (check !== undefined) return check(v, stack, defaults);
        if (rest !== undefined) return rest(v, stack, defaults);
        if (tag === undefined) throw new ValidationIssue(pathText(stack, property), `is required but missing (it tells the variant: ${expected})`);
        stack.push(property);
        failAt(stack, `${expected} (the variant's discriminator)`, tag);
      };
    },
  };
}

/** Every part must match (allOf). */
export function $all(...parts: Schema[]): Schema {
  return {
    compile: () => {
      const checks = parts.map(checkerFor);
      return (v, stack, defaults) => {
        for (const check of checks) check(v, stack, defaults);
      };
    },
  };
}

/** A required property, with the default filled in when a response leaves it out. */
export function $req(s: Schema, d?: unknown): Prop {
  return { s, r: true, d };
}

/** An optional property. */
export function $opt(s: Schema, d?: unknown): Prop {
  return { s, r: false, d };
}

/** An object with these properties and those of its bases (allOf of references). */
export function $object(props: Readonly<Record<string, Prop>>, ...bases: Schema[]): ObjectSchema {
  const schema: ObjectSchema = {
    props,
    bases,
    compile: () => {
      let checks: Array<{ name: string; check: Checker; required: boolean; fallback: unknown }> | undefined;
      return (v, stack, defaults) => {
        if (!isObject(v)) return failAt(stack, "an object", v);
        // Properties are compiled on first use, when every descriptor they refer to exists.
        checks ??= allProps(schema).map(([name, p]) => ({ name, check: checkerFor(p.s), required: p.r, fallback: p.d }));
        for (const prop of checks) {
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
    },
  };
  return schema;
}

/**
 * An object whose undeclared properties all have the schema `rest` (additionalProperties): the
 * object's own check, then one over the other keys. Kept apart from $object, so bundles of models
 * without typed extra properties do not carry it.
 */
export function $objectRest(rest: Schema, props: Readonly<Record<string, Prop>>, ...bases: Schema[]): ObjectSchema {
  const declaredPart = $object(props, ...bases);
  return {
    props,
    bases,
    compile: () => {
      const checkDeclared = checkerFor(declaredPart);
      let declared: Set<string> | undefined;
      let checkRest: Checker | undefined;
      return (v, stack, defaults) => {
        checkDeclared(v, stack, defaults);
        declared ??= new Set(allProps(declaredPart).map(([name]) => name));
        checkRest ??= checkerFor(rest);
        for (const key of Object.keys(v as Record<string, unknown>)) {
          if (declared.has(key)) continue;
          stack.push(key);
          checkRest((v as Record<string, unknown>)[key], stack, defaults);
          stack.pop();
        }
      };
    },
  };
}
