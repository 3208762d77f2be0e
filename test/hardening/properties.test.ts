// Property-based hardening (fast-check, fixed seeds so every run sees the same cases):
// 1. random small valid OpenAPI 3.1 documents generate SDKs that type-check under --strict;
// 2. the runtime validator accepts conforming values unchanged, rejects a mutated value at exactly
//    the mutated path, fills in defaults and nothing else, and never touches Object.prototype.
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { generate } from "../../generator/pipeline.ts";
import * as runtime from "../../generator/targets/typescript/runtime/schema.ts";

const { ValidationIssue } = runtime;

/**
 * Schemas as data, so properties can generate, inspect and print them; toRuntime builds the
 * runtime's descriptors from them with its own builders, as generated models do.
 */
type Schema =
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

interface Prop {
  readonly s: Schema;
  readonly r?: boolean;
  readonly d?: unknown;
}

const built = new WeakMap<Schema, runtime.Schema>();

function toRuntime(schema: Schema): runtime.Schema {
  const cached = built.get(schema);
  if (cached) return cached;
  const make = (): runtime.Schema => {
    switch (schema.t) {
      case "string": return runtime.$string;
      case "number": return runtime.$number;
      case "integer": return runtime.$integer;
      case "boolean": return runtime.$boolean;
      case "null": return runtime.$null;
      case "unknown": return runtime.$unknown;
      case "literal": return runtime.$literal(schema.value);
      case "enum": return runtime.$enum(schema.values, schema.open);
      case "array": return runtime.$array(toRuntime(schema.items));
      case "map": return runtime.$map(toRuntime(schema.values));
      case "nullable": return runtime.$nullable(toRuntime(schema.inner));
      case "union": return runtime.$union(...schema.variants.map(toRuntime));
      case "all": return runtime.$all(...schema.parts.map(toRuntime));
      case "ref": return runtime.$lazy(() => toRuntime(schema.get()));
      case "object": {
        const props = objectOf(Object.keys(schema.props).map((k) => {
          const p = schema.props[k]!;
          return [k, (p.r ? runtime.$req : runtime.$opt)(toRuntime(p.s), p.d)];
        })) as Record<string, runtime.Prop>;
        return runtime.$object(props, ...(schema.bases ?? []).map((base) => runtime.$lazy(() => toRuntime(base()))));
      }
    }
  };
  const result = make();
  built.set(schema, result);
  return result;
}

function validate(schema: Schema, value: unknown, path: string, options: runtime.ValidateOptions): unknown {
  return runtime.validate(toRuntime(schema), value, path, options);
}
import { openApiDocument } from "../helpers/openapi-arbitrary.ts";
import { typecheckBatch } from "../helpers/tsc.ts";

const SEED = 42;
const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// 1. Generated code type-checks
// ---------------------------------------------------------------------------------------------

/** Writes a document and a config next to it, then generates in memory. */
async function generateDocument(doc: unknown, dir: string): Promise<Map<string, string>> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "spec.json"), JSON.stringify(doc, null, 2));
  const configFile = path.join(dir, "sdkgen.yaml");
  await writeFile(configFile, "spec: spec.json\noutput: out\ntargets:\n  typescript:\n    packageName: prop-sdk\n");
  return (await generate(await loadConfig(configFile, {}))).files;
}

describe("random valid documents", () => {
  it("generate without refusal (80 documents)", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "sdkgen-prop-gen-"));
    temps.push(root);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(openApiDocument, async (doc) => {
        try {
          await generateDocument(doc, path.join(root, `d${n++}`));
        } catch (error) {
          throw new Error(`generation refused a valid document:\n${JSON.stringify(doc, null, 2)}\n${String(error)}\n${JSON.stringify((error as { diagnostics?: unknown }).diagnostics ?? null)}`);
        }
      }),
      { seed: SEED, numRuns: 80 },
    );
  });

  it("generate SDKs that type-check under --strict (15 packages, one tsc run)", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "sdkgen-prop-tsc-"));
    temps.push(root);
    const docs = fc.sample(openApiDocument, { seed: SEED + 1, numRuns: 15 });
    const outputs: Array<Map<string, string>> = [];
    for (const [i, doc] of docs.entries()) outputs.push(await generateDocument(doc, path.join(root, "specs", `p${i}`)));
    const { output, failing } = await typecheckBatch(root, outputs);
    expect((await readdir(root)).filter((f) => /^p\d+$/.test(f))).toHaveLength(docs.length);
    if (output !== "") {
      const report = failing.map((i) => `--- document p${i} ---\n${JSON.stringify(docs[i], null, 2)}`).join("\n");
      expect.fail(`generated packages do not type-check:\n${output.slice(0, 6000)}\n${report}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Runtime validator
// ---------------------------------------------------------------------------------------------

const KEYS = ["a", "b", "a-b", "class", "1st", "__proto__", "constructor", "", "héllo", "toString", "x.y"];
/** Extra keys the generated object schemas never declare (objects are open). */
const EXTRA_KEYS = ["extra", "__proto__x", "valueOf"];

/** An object from entries, with every key (even "__proto__") an own data property, as JSON.parse makes them. */
function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

const primitive: fc.Arbitrary<Schema> = fc.constantFrom<Schema>({ t: "string" }, { t: "number" }, { t: "integer" }, { t: "boolean" }, { t: "null" }, { t: "unknown" });
const literal: fc.Arbitrary<Schema> = fc.oneof(fc.string({ maxLength: 4 }), fc.integer(), fc.boolean(), fc.constant(null)).map((value) => ({ t: "literal", value }));
const enumS: fc.Arbitrary<Schema> = fc.tuple(
  fc.oneof(fc.uniqueArray(fc.string({ maxLength: 4 }), { minLength: 1, maxLength: 3 }), fc.uniqueArray(fc.integer({ min: -9, max: 9 }), { minLength: 1, maxLength: 3 })),
  fc.boolean(),
).map(([values, open]) => ({ t: "enum", values, open }));

function propsArb(inner: fc.Arbitrary<Schema>, withDefaults: boolean): fc.Arbitrary<Record<string, Prop>> {
  return fc
    .uniqueArray(fc.tuple(fc.constantFrom(...KEYS), inner, fc.boolean()), { maxLength: 4, selector: ([k]) => k })
    .chain((entries) =>
      fc.tuple(...entries.map(([k, s, r]) => (withDefaults ? fc.option(valueOf(s), { nil: undefined, freq: 2 }) : fc.constant(undefined)).map((d) => [k, { s, ...(r ? { r: true } : {}), ...(d !== undefined ? { d } : {}) }] as [string, Prop]))),
    )
    .map((entries) => objectOf(entries) as Record<string, Prop>);
}

/** Schemas of nesting depth at most `depth`. Unions only hold primitives so their variants' types are known. */
function schemaArb(depth: number, withDefaults = false): fc.Arbitrary<Schema> {
  if (depth === 0) return fc.oneof(primitive, literal, enumS);
  const inner = schemaArb(depth - 1, withDefaults);
  const object = propsArb(inner, withDefaults).map((props): Schema => ({ t: "object", props }));
  return fc.oneof(
    { arbitrary: fc.oneof(primitive, literal, enumS), weight: 3 },
    { arbitrary: inner.map((items): Schema => ({ t: "array", items })), weight: 1 },
    { arbitrary: inner.map((values): Schema => ({ t: "map", values })), weight: 1 },
    { arbitrary: inner.map((s): Schema => ({ t: "nullable", inner: s })), weight: 1 },
    { arbitrary: inner.map((s): Schema => ({ t: "ref", get: () => s })), weight: 1 },
    { arbitrary: fc.uniqueArray(fc.constantFrom<Schema>({ t: "string" }, { t: "integer" }, { t: "boolean" }, { t: "null" }), { minLength: 1, maxLength: 3 }).map((variants): Schema => ({ t: "union", variants })), weight: 1 },
    { arbitrary: object, weight: 3 },
    // An object extending a base: own properties override the base's.
    { arbitrary: fc.tuple(object, object).map(([base, own]): Schema => ({ t: "object", props: (own as { props: Record<string, Prop> }).props, bases: [() => ({ t: "ref", get: () => base })] })), weight: 1 },
    // allOf of objects with disjoint properties.
    {
      arbitrary: fc.tuple(object, object).map(([a, b]): Schema => {
        const bProps = (b as { props: Record<string, Prop> }).props;
        const aProps = objectOf(Object.entries((a as { props: Record<string, Prop> }).props).filter(([k]) => !Object.prototype.hasOwnProperty.call(bProps, k))) as Record<string, Prop>;
        return { t: "all", parts: [{ t: "object", props: aProps }, { t: "ref", get: () => b }] };
      }),
      weight: 1,
    },
  );
}

function resolve(schema: Schema): Schema {
  let s = schema;
  while (s.t === "ref") s = s.get();
  return s;
}

/** Every property of an object schema, bases first, own properties overriding. */
function mergedProps(schema: Extract<Schema, { t: "object" }>): Array<[string, Prop]> {
  const merged = new Map<string, Prop>();
  for (const base of schema.bases ?? []) {
    const b = resolve(base());
    if (b.t === "object") for (const [k, p] of mergedProps(b)) merged.set(k, p);
  }
  for (const k of Object.keys(schema.props)) merged.set(k, schema.props[k]!);
  return [...merged];
}

/** Values conforming to `schema`. With `extras`, objects may carry undeclared keys. */
function valueOf(schema: Schema, extras = true): fc.Arbitrary<unknown> {
  switch (schema.t) {
    case "string": return fc.string({ maxLength: 5 });
    case "number": return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "integer": return fc.integer();
    case "boolean": return fc.boolean();
    case "null": return fc.constant(null);
    case "unknown": return fc.jsonValue({ maxDepth: 2 });
    case "literal": return fc.constant(schema.value);
    case "enum": {
      const known = fc.constantFrom(...schema.values);
      if (!schema.open) return known;
      return fc.oneof(known, typeof schema.values[0] === "string" ? fc.string({ maxLength: 4 }) : fc.integer());
    }
    case "array": return fc.array(valueOf(schema.items, extras), { maxLength: 3 });
    case "map": return fc.uniqueArray(fc.tuple(fc.constantFrom(...KEYS), valueOf(schema.values, extras)), { maxLength: 3, selector: ([k]) => k }).map(objectOf);
    case "nullable": return fc.oneof(fc.constant(null), valueOf(schema.inner, extras));
    case "ref": return valueOf(schema.get(), extras);
    case "union": return fc.oneof(...schema.variants.map((v) => valueOf(v, extras)));
    case "all": return fc.tuple(...schema.parts.map((p) => valueOf(p, false))).map((parts) => objectOf(parts.flatMap((p) => Object.entries(p as object))));
    case "object": {
      const props = mergedProps(schema).map(([k, p]) =>
        (p.r ? valueOf(p.s, extras).map((v) => [[k, v]]) : fc.option(valueOf(p.s, extras), { nil: undefined }).map((v) => (v === undefined ? [] : [[k, v]]))) as fc.Arbitrary<Array<[string, unknown]>>,
      );
      const extra = extras ? fc.uniqueArray(fc.tuple(fc.constantFrom(...EXTRA_KEYS), fc.jsonValue({ maxDepth: 1 })), { maxLength: 2, selector: ([k]) => k }) : fc.constant([]);
      return fc.tuple(fc.tuple(...props), extra).map(([ps, ex]) => objectOf([...ps.flat(), ...ex]));
    }
  }
}

const schemaAndValue = (depth: number, withDefaults = false) =>
  schemaArb(depth, withDefaults).chain((schema) => valueOf(schema).map((value) => ({ schema, value })));

/** A JSON-ish description of a schema for failure messages (refs and bases expanded once). */
function show(schema: Schema): unknown {
  const s = resolve(schema);
  switch (s.t) {
    case "array": return { t: "array", items: show(s.items) };
    case "map": return { t: "map", values: show(s.values) };
    case "nullable": return { t: "nullable", inner: show(s.inner) };
    case "union": return { t: "union", variants: s.variants.map(show) };
    case "all": return { t: "all", parts: s.parts.map(show) };
    case "object": return { t: "object", props: Object.fromEntries(mergedProps(s).map(([k, p]) => [k, { ...p, s: show(p.s) }])) };
    default: return s;
  }
}

type JsonType = "string" | "number" | "boolean" | "null" | "array" | "object";
const SAMPLES: Record<JsonType, unknown> = { string: "wrong", number: 1.5, boolean: true, null: null, array: [], object: {} };
const jsonType = (v: unknown): JsonType => (v === null ? "null" : Array.isArray(v) ? "array" : (typeof v as JsonType));

/** The JSON types a schema may accept; "any" for unknown. */
function accepted(schema: Schema): Set<JsonType> | "any" {
  const s = resolve(schema);
  switch (s.t) {
    case "unknown": return "any";
    case "string": case "boolean": case "null": case "array": return new Set([s.t]);
    case "number": case "integer": return new Set(["number"]);
    case "literal": return new Set([jsonType(s.value)]);
    case "enum": return new Set(s.values.map(jsonType));
    case "map": case "object": case "all": return new Set(["object"]);
    case "nullable": {
      const inner = accepted(s.inner);
      return inner === "any" ? "any" : new Set([...inner, "null"]);
    }
    case "union": {
      const out = new Set<JsonType>();
      for (const v of s.variants) {
        const a = accepted(v);
        if (a === "any") return "any";
        a.forEach((t) => out.add(t));
      }
      return out;
    }
  }
  return "any";
}

interface Mutation {
  /** Keys from the root to the mutated value ([] = the root itself). */
  keys: Array<string | number>;
  /** The replacement, or "delete" for removing a required property. */
  replacement: { value: unknown } | "delete";
  expectedPath: string;
}

const pathOf = (keys: Array<string | number>) => `$${keys.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("")}`;

/** Every mutation point of a conforming value: a wrong-typed replacement or a missing required property. */
function mutations(schema: Schema, value: unknown, keys: Array<string | number> = []): Mutation[] {
  const out: Mutation[] = [];
  const ok = accepted(schema);
  if (ok !== "any") {
    for (const t of Object.keys(SAMPLES) as JsonType[]) {
      if (!ok.has(t)) out.push({ keys, replacement: { value: SAMPLES[t] }, expectedPath: pathOf(keys) });
    }
  }
  const s = resolve(schema);
  if (value === null && s.t === "nullable") return out;
  const inner = s.t === "nullable" ? resolve(s.inner) : s;
  if (inner.t === "array") (value as unknown[]).forEach((v, i) => out.push(...mutations(inner.items, v, [...keys, i])));
  if (inner.t === "map") for (const k of Object.keys(value as object)) out.push(...mutations(inner.values, (value as Record<string, unknown>)[k], [...keys, k]));
  const objects = inner.t === "object" ? [inner] : inner.t === "all" ? inner.parts.map(resolve).filter((p) => p.t === "object") : [];
  for (const o of objects) {
    for (const [k, p] of mergedProps(o as Extract<Schema, { t: "object" }>)) {
      const record = value as Record<string, unknown>;
      if (Object.prototype.hasOwnProperty.call(record, k)) {
        out.push(...mutations(p.s, record[k], [...keys, k]));
        if (p.r) out.push({ keys: [...keys, k], replacement: "delete", expectedPath: pathOf([...keys, k]) });
      }
    }
  }
  return out;
}

function applyMutation(root: unknown, m: Mutation): unknown {
  if (m.keys.length === 0) return m.replacement === "delete" ? undefined : m.replacement.value;
  const copy = structuredClone(root);
  let parent = copy as Record<string | number, unknown>;
  for (const k of m.keys.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  const last = m.keys[m.keys.length - 1]!;
  if (m.replacement === "delete") delete parent[last];
  else Object.defineProperty(parent, last, { value: m.replacement.value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** What applyDefaults must produce: absent properties with a default get a copy of it; nothing else changes. */
function withDefaults(schema: Schema, value: unknown): unknown {
  const s = resolve(schema);
  if (value === null || typeof value !== "object") return value;
  switch (s.t) {
    case "nullable": return withDefaults(s.inner, value);
    case "array": return (value as unknown[]).map((v) => withDefaults(s.items, v));
    case "map": return objectOf(Object.entries(value).map(([k, v]) => [k, withDefaults(s.values, v)]));
    case "all": return s.parts.reduce<unknown>((v, p) => withDefaults(p, v), value);
    case "union": return value; // union variants are primitives here
    case "object": {
      const out = objectOf(Object.entries(value));
      for (const [k, p] of mergedProps(s)) {
        if (Object.prototype.hasOwnProperty.call(out, k)) Object.defineProperty(out, k, { value: withDefaults(p.s, out[k]), enumerable: true, writable: true, configurable: true });
        else if (p.d !== undefined) Object.defineProperty(out, k, { value: structuredClone(p.d), enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
    default: return value;
  }
}

/** Deep equality that tells -0 from 0 and sees "__proto__" own keys (JSON text of a canonical walk). */
function canonical(v: unknown): string {
  if (Object.is(v, -0)) return "-0";
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object") return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  return JSON.stringify(v);
}

describe("runtime validator", () => {
  it("returns conforming values unchanged (applyDefaults: false)", () => {
    fc.assert(
      fc.property(schemaAndValue(3), ({ schema, value }) => {
        const before = structuredClone(value);
        const result = validate(schema, value, "$", { applyDefaults: false });
        expect(result).toBe(value);
        expect(canonical(value)).toBe(canonical(before));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("rejects a mutated value at exactly the mutated path", () => {
    const cases = schemaAndValue(3)
      .map(({ schema, value }) => ({ schema, value, all: mutations(schema, value) }))
      .filter(({ all }) => all.length > 0)
      .chain(({ schema, value, all }) => fc.constantFrom(...all).map((mutation) => ({ schema, value, mutation })));
    fc.assert(
      fc.property(cases, ({ schema, value, mutation }) => {
        const mutated = applyMutation(value, mutation);
        let caught: unknown;
        try {
          validate(schema, mutated, "$", { applyDefaults: false });
        } catch (error) {
          caught = error;
        }
        if (!(caught instanceof ValidationIssue)) {
          throw new Error(`not rejected: schema ${JSON.stringify(show(schema))} value ${JSON.stringify(mutated)} mutation ${JSON.stringify(mutation)}`);
        }
        expect(caught.path).toBe(mutation.expectedPath);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it("with applyDefaults fills absent properties with exactly their default, and nothing else", () => {
    fc.assert(
      fc.property(schemaAndValue(3, true), ({ schema, value }) => {
        const expected = withDefaults(schema, structuredClone(value));
        const result = validate(schema, value, "$", { applyDefaults: true });
        expect(canonical(result)).toBe(canonical(expected));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("defaults are copies: filling one value never shares the default with the next", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 2 }).filter((d) => d !== null && typeof d === "object"), (d) => {
        const schema: Schema = { t: "object", props: { p: { s: { t: "unknown" }, d } } };
        const a = validate(schema, {}, "$", { applyDefaults: true }) as { p: unknown };
        const b = validate(schema, {}, "$", { applyDefaults: true }) as { p: unknown };
        expect(a.p).not.toBe(d);
        expect(a.p).not.toBe(b.p);
        expect(canonical(a.p)).toBe(canonical(d));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it("JSON with __proto__ keys never changes Object.prototype", () => {
    const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
    const protoSchema: Schema = {
      t: "object",
      props: objectOf([
        ["__proto__", { s: { t: "unknown" }, d: { polluted: "default" } }],
        ["constructor", { s: { t: "unknown" }, d: { prototype: { polluted: "ctor" } } }],
      ]) as Record<string, Prop>,
    };
    // JSON text whose objects carry "__proto__" keys, parsed as a response body would be.
    const withProto = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(withProto).join(",")}]`;
      if (v !== null && typeof v === "object") {
        const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${withProto(x)}`);
        return `{"__proto__":{"polluted":"yes","constructor":{"prototype":{"polluted":"ctor"}}}${entries.map((e) => `,${e}`).join("")}}`;
      }
      return JSON.stringify(v);
    };
    const hostile = fc.jsonValue({ maxDepth: 3 }).map(withProto);
    fc.assert(
      fc.property(hostile, schemaArb(2, true), (text, schema) => {
        for (const s of [schema, protoSchema, { t: "map", values: protoSchema } as Schema]) {
          for (const applyDefaults of [false, true]) {
            const value: unknown = JSON.parse(text);
            try {
              validate(s, value, "$", { applyDefaults });
            } catch (error) {
              if (!(error instanceof ValidationIssue)) throw error;
            }
            expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
            expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
          }
        }
        const filled = validate(protoSchema, {}, "$", { applyDefaults: true }) as object;
        expect(Object.getPrototypeOf(filled)).toBe(Object.prototype);
        expect(Object.prototype.hasOwnProperty.call(filled, "__proto__")).toBe(true);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});
