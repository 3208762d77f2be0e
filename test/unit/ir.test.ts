import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { GenerationError, type Diagnostic } from "../../generator/diagnostics.ts";
import { buildIr } from "../../generator/ir/build.ts";
import { deriveOperationId, statusName } from "../../generator/ir/names.ts";
import type { Api, EnumDef, NamedType, ObjectDef, Operation, Type } from "../../generator/ir/types.ts";
import { loadSpec } from "../../generator/load/load.ts";
import { extraPropertyType } from "../../generator/ir/walk.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PLEX = path.join(REPO_ROOT, "spec/plex-authentication.yaml");

type Doc = Record<string, unknown>;

const OK = { "200": { description: "ok" } };
const json = (schema: unknown, description = "a response") => ({ description, content: { "application/json": { schema } } });
const ref = (key: string) => ({ $ref: `#/components/schemas/${key}` });
const C = (key: string) => `/components/schemas/${key}`;
const string: Type = { kind: "primitive", name: "string" };
const integer: Type = { kind: "primitive", name: "integer" };
const unknown: Type = { kind: "primitive", name: "unknown" };
const refTo = (target: string): Type => ({ kind: "ref", target });
const nullable = (inner: Type): Type => ({ kind: "nullable", inner });

function document(paths: Doc, extra: Doc = {}, openapi = "3.1.0"): Doc {
  return { openapi, info: { title: "Test API", version: "1.0.0" }, paths, ...extra };
}

/** A document where every component schema is the 200 body of `GET /<key>`, so each is reached. */
function schemasDoc(schemas: Doc, openapi = "3.1.0"): Doc {
  const paths = Object.fromEntries(Object.keys(schemas).map((k) => [`/${k}`, { get: { operationId: `get${k}`, responses: { "200": json(ref(k)) } } }]));
  return document(paths, { components: { schemas } }, openapi);
}

function build(doc: Doc): Api {
  return buildIr(doc, "test.yaml").api;
}

function typeById(api: Api, id: string): NamedType {
  const def = api.types.find((t) => t.id === id);
  if (!def) throw new Error(`no type ${id}; have ${api.types.map((t) => t.id).join(", ")}`);
  return def;
}

function objectById(api: Api, id: string): ObjectDef {
  const def = typeById(api, id);
  if (def.kind !== "object") throw new Error(`${id} is a ${def.kind}`);
  return def;
}

function enumById(api: Api, id: string): EnumDef {
  const def = typeById(api, id);
  if (def.kind !== "enum") throw new Error(`${id} is a ${def.kind}`);
  return def;
}

/** The type of property `prop` of component `key` (a one-property holder object in the cases below). */
function propType(api: Api, key: string, prop: string): Type {
  const p = objectById(api, C(key)).properties.find((x) => x.name === prop);
  if (!p) throw new Error(`no property ${prop} on ${key}`);
  return p.type;
}

function op(api: Api, operationId: string): Operation {
  const found = api.operations.find((o) => o.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId}`);
  return found;
}

function errorsOf(doc: Doc): Diagnostic[] {
  let caught: unknown;
  try {
    buildIr(doc, "test.yaml");
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected buildIr to throw").toBeInstanceOf(GenerationError);
  return (caught as GenerationError).diagnostics;
}

/** Named types reachable from a type, following refs through object properties, bases and aliases. */
function reachable(api: Api, start: Type, seen = new Set<string>()): Set<string> {
  const visit = (t: Type): void => {
    switch (t.kind) {
      case "ref": {
        if (seen.has(t.target)) return;
        seen.add(t.target);
        const def = api.types.find((d) => d.id === t.target);
        if (def?.kind === "object") {
          def.bases.forEach((b) => visit(refTo(b)));
          def.properties.forEach((p) => visit(p.type));
        } else if (def?.kind === "alias") visit(def.type);
        return;
      }
      case "array": return visit(t.items);
      case "nullable": return visit(t.inner);
      case "map": return visit(t.values);
      case "union": return t.variants.forEach(visit);
      case "intersection": return t.parts.forEach(visit);
      default: return;
    }
  };
  visit(start);
  return seen;
}

describe("buildIr: nullability", () => {
  const cases: Array<{ name: string; openapi: string; schema: unknown; want: Type }> = [
    { name: "3.0 nullable: true", openapi: "3.0.3", schema: { type: "string", nullable: true }, want: nullable(string) },
    { name: "3.0 nullable: false", openapi: "3.0.3", schema: { type: "string", nullable: false }, want: string },
    { name: "3.0 nullable $ref via allOf", openapi: "3.0.3", schema: { nullable: true, allOf: [ref("Target")] }, want: nullable(refTo(C("Target"))) },
    { name: "3.1 type: [string, null]", openapi: "3.1.0", schema: { type: ["string", "null"] }, want: nullable(string) },
    { name: "3.1 type: [null, integer]", openapi: "3.1.0", schema: { type: ["null", "integer"], format: "int64" }, want: nullable({ kind: "primitive", name: "integer", format: "int64" }) },
    { name: "3.1 oneOf [$ref, null]", openapi: "3.1.0", schema: { oneOf: [ref("Target"), { type: "null" }] }, want: nullable(refTo(C("Target"))) },
    { name: "3.1 anyOf [null, $ref]", openapi: "3.1.0", schema: { anyOf: [{ type: "null" }, ref("Target")] }, want: nullable(refTo(C("Target"))) },
    { name: "3.1 type: [string, integer, null]", openapi: "3.1.0", schema: { type: ["string", "integer", "null"] }, want: nullable({ kind: "union", variants: [string, integer] }) },
    { name: "3.1 array of nullable items", openapi: "3.1.0", schema: { type: "array", items: { type: ["string", "null"] } }, want: { kind: "array", items: nullable(string) } },
  ];

  it.each(cases)("$name", ({ openapi, schema, want }) => {
    const api = build(schemasDoc({ Holder: { type: "object", properties: { value: schema } }, Target: { type: "object", properties: { id: { type: "string" } } } }, openapi));
    expect(propType(api, "Holder", "value")).toEqual(want);
  });

  // A nullable component object or enum keeps its definition; the null is carried by its uses.
  it.each([
    { name: "3.0 nullable object", openapi: "3.0.3", schema: { type: "object", nullable: true, properties: { a: { type: "string" } } }, kind: "object" },
    { name: "3.1 [object, null]", openapi: "3.1.0", schema: { type: ["object", "null"], properties: { a: { type: "string" } } }, kind: "object" },
    { name: "3.0 nullable enum", openapi: "3.0.3", schema: { type: "string", nullable: true, enum: ["a", "b"] }, kind: "enum" },
    { name: "3.1 enum with null", openapi: "3.1.0", schema: { type: ["string", "null"], enum: ["a", "b", null] }, kind: "enum" },
  ])("keeps the definition of a nullable component ($name)", ({ openapi, schema, kind }) => {
    const api = build(schemasDoc({ N: schema }, openapi));
    // No alias may be defined as itself.
    for (const def of api.types) {
      if (def.kind === "alias") expect(reachable(api, def.type), def.id).not.toContain(def.id);
    }
    const body = op(api, "getN").responses[0]!.body!.type;
    const defs = [...reachable(api, body)].map((id) => typeById(api, id));
    expect(defs.map((d) => d.kind)).toContain(kind);
  });
});

describe("buildIr: allOf", () => {
  it("merges [$ref Base, inline object] into an object extending Base", () => {
    const api = build(schemasDoc({
      Base: { type: "object", required: ["id"], properties: { id: { type: "string" } } },
      Derived: {
        description: "A derived thing",
        allOf: [ref("Base"), { type: "object", required: ["name"], properties: { name: { type: "string" }, count: { type: "integer" } } }],
      },
    }));
    const derived = objectById(api, C("Derived"));
    expect(derived.bases).toEqual([C("Base")]);
    expect(derived.properties.map((p) => [p.name, p.required, p.type])).toEqual([
      ["count", false, integer],
      ["name", true, string],
    ]);
    expect(derived.docs.description).toBe("A derived thing");
    expect(objectById(api, C("Base")).properties.map((p) => p.name)).toEqual(["id"]);
  });

  it("merges several bases in order", () => {
    const api = build(schemasDoc({
      A: { type: "object", properties: { a: { type: "string" } } },
      B: { type: "object", properties: { b: { type: "string" } } },
      AB: { allOf: [ref("B"), ref("A"), { properties: { own: { type: "string" } } }] },
    }));
    const ab = objectById(api, C("AB"));
    expect(ab.bases).toEqual([C("B"), C("A")]);
    expect(ab.properties.map((p) => p.name)).toEqual(["own"]);
  });

  const collapse: Array<{ name: string; schema: unknown; want: Type; description?: string }> = [
    { name: "[$ref, {description}]", schema: { allOf: [ref("X"), { description: "The x" }] }, want: refTo(C("X")), description: "The x" },
    { name: "[$ref] alone", schema: { allOf: [ref("X")] }, want: refTo(C("X")) },
    { name: "[$ref] with a sibling description", schema: { allOf: [ref("X")], description: "Outer" }, want: refTo(C("X")), description: "Outer" },
    { name: "[{description}, $ref, {example}]", schema: { allOf: [{ description: "First" }, ref("X"), { example: { a: "1" } }] }, want: refTo(C("X")), description: "First" },
  ];

  it.each(collapse)("collapses $name to the reference", ({ schema, want, description }) => {
    const api = build(schemasDoc({ X: { type: "object", properties: { a: { type: "string" } } }, Holder: { type: "object", properties: { x: schema } } }));
    expect(propType(api, "Holder", "x")).toEqual(want);
    const prop = objectById(api, C("Holder")).properties[0]!;
    expect(prop.docs.description).toBe(description);
    // No new named type appears for the wrapper.
    expect(api.types.map((t) => t.id).sort()).toEqual([C("Holder"), C("X")]);
  });

  it("intersects when a part is not an object", () => {
    const api = build(schemasDoc({
      Str: { type: "string", minLength: 1 },
      Holder: { type: "object", properties: { v: { allOf: [ref("Str"), { maxLength: 3, type: "string" }] } } },
    }));
    expect(propType(api, "Holder", "v")).toEqual({ kind: "intersection", parts: [refTo(C("Str")), string] });
  });
});

describe("buildIr: enums, const and maps", () => {
  it.each([
    {
      name: "string enum",
      schema: { type: "string", enum: ["b", "a", "b"] },
      want: { base: "string", members: [{ value: "b" }, { value: "a" }], open: false },
    },
    {
      name: "integer enum with x-speakeasy-enums name hints",
      schema: { type: "integer", enum: [0, 1], "x-speakeasy-enums": ["DISABLE", "ENABLE"] },
      want: { base: "integer", members: [{ value: 0, nameHint: "DISABLE" }, { value: 1, nameHint: "ENABLE" }], open: false },
    },
    {
      name: "untyped whole-number enum",
      schema: { enum: [1, 2, 3] },
      want: { base: "integer", members: [{ value: 1 }, { value: 2 }, { value: 3 }], open: false },
    },
    {
      name: "number enum",
      schema: { type: "number", enum: [0.5, 1] },
      want: { base: "number", members: [{ value: 0.5 }, { value: 1 }], open: false },
    },
    {
      name: "open enum (x-speakeasy-unknown-values: allow)",
      schema: { type: "string", enum: ["active", "unsubscribed"], "x-speakeasy-unknown-values": "allow" },
      want: { base: "string", members: [{ value: "active" }, { value: "unsubscribed" }], open: true },
    },
  ])("$name", ({ schema, want }) => {
    const api = build(schemasDoc({ E: schema }));
    const def = enumById(api, C("E"));
    expect({ base: def.base, members: def.members, open: def.open }).toEqual(want);
    expect(def.hint).toEqual({ kind: "component", key: "E" });
  });

  it.each([
    { name: "3.1 enum listing null", openapi: "3.1.0", schema: { type: ["string", "null"], enum: ["x", null] } },
    { name: "3.0 nullable enum", openapi: "3.0.3", schema: { type: "string", nullable: true, enum: ["x"] } },
    { name: "enum listing null without a null type", openapi: "3.1.0", schema: { enum: ["x", null] } },
  ])("an inline $name is a nullable enum", ({ openapi, schema }) => {
    const api = build(schemasDoc({ Holder: { type: "object", properties: { e: schema } } }, openapi));
    const id = `${C("Holder")}/properties/e`;
    expect(propType(api, "Holder", "e")).toEqual(nullable(refTo(id)));
    expect(enumById(api, id).members).toEqual([{ value: "x" }]);
  });

  it.each([
    { name: "string", schema: { const: "fixed" }, want: { kind: "literal", value: "fixed" } },
    { name: "number", schema: { const: 42 }, want: { kind: "literal", value: 42 } },
    { name: "boolean", schema: { type: "boolean", const: true }, want: { kind: "literal", value: true } },
  ] satisfies Array<{ name: string; schema: unknown; want: Type }>)("const $name becomes a literal", ({ schema, want }) => {
    const api = build(schemasDoc({ Holder: { type: "object", properties: { c: schema } } }));
    expect(propType(api, "Holder", "c")).toEqual(want);
  });

  it.each([
    { name: "type: object", schema: { type: "object" }, want: { kind: "map", values: unknown } },
    { name: "additionalProperties: true", schema: { type: "object", additionalProperties: true }, want: { kind: "map", values: unknown } },
    { name: "additionalProperties: {}", schema: { additionalProperties: {} }, want: { kind: "map", values: unknown } },
    { name: "additionalProperties: integer", schema: { type: "object", additionalProperties: { type: "integer" } }, want: { kind: "map", values: integer } },
    { name: "additionalProperties: $ref", schema: { type: "object", additionalProperties: ref("V") }, want: { kind: "map", values: refTo(C("V")) } },
  ] satisfies Array<{ name: string; schema: unknown; want: Type }>)("free-form object ($name) becomes a map", ({ schema, want }) => {
    const api = build(schemasDoc({ V: { type: "object", properties: { v: { type: "string" } } }, Holder: { type: "object", properties: { m: schema } } }));
    expect(propType(api, "Holder", "m")).toEqual(want);
    expect(api.types.map((t) => t.id).sort()).toEqual([C("Holder"), C("V")]);
  });

  it("keeps declared properties and additionalProperties together", () => {
    const api = build(schemasDoc({ O: { type: "object", properties: { a: { type: "string" } }, additionalProperties: { type: "integer" } } }));
    const def = objectById(api, C("O"));
    expect(def.properties.map((p) => p.name)).toEqual(["a"]);
    expect(def.additional).toEqual(integer);
  });

  it("gives every target one rule for the type of undeclared properties: the object's own, else its allOf bases'", () => {
    const extras = { type: "object", additionalProperties: { type: "string" } };
    const api = build(schemasDoc({
      Extras: extras,
      Anything: { type: "object", properties: { id: { type: "string" } }, additionalProperties: true },
      Closed: { type: "object", properties: { id: { type: "string" } }, additionalProperties: false },
      Ints: { type: "object", additionalProperties: { type: "integer" } },
      Plain: { type: "object", properties: { id: { type: "string" } } },
      Derived: { allOf: [{ type: "object", properties: { n: { type: "integer" } } }, ref("Extras")] },
      Again: { allOf: [ref("Derived"), { type: "object", properties: { m: { type: "integer" } } }] },
      Open: { allOf: [ref("Extras"), { properties: { n: { type: "integer" } } }], additionalProperties: true },
      Shut: { allOf: [ref("Extras"), { properties: { n: { type: "integer" } } }], additionalProperties: false },
      AnyBase: { allOf: [ref("Anything"), { properties: { n: { type: "integer" } } }] },
      AnyAndTyped: { allOf: [ref("Anything"), ref("Extras")] },
      ClosedBase: { allOf: [ref("Closed"), { properties: { n: { type: "integer" } } }] },
      PlainBase: { allOf: [ref("Plain"), { properties: { n: { type: "integer" } } }] },
      TwoTyped: { allOf: [ref("Extras"), ref("Ints")] },
    }));
    const lookup = (id: string) => api.types.find((t) => t.id === id);
    const extra = (key: string) => extraPropertyType(objectById(api, C(key)), lookup);
    expect(extra("Derived")).toEqual(string);
    expect(extra("Again")).toEqual(string);
    expect(extra("Open")).toEqual(unknown);
    expect(extra("Shut")).toBeUndefined();
    expect(extra("AnyBase")).toEqual(unknown);
    expect(extra("AnyAndTyped")).toEqual(string);
    expect(extra("ClosedBase")).toBeUndefined();
    expect(extra("PlainBase")).toBeUndefined();
    expect(extra("TwoTyped")).toEqual({ kind: "intersection", parts: [string, integer] });
    // What the IR records stays what each schema declares itself.
    expect(objectById(api, C("Derived")).additional).toBeUndefined();
  });

  it("keeps additionalProperties written in an inline allOf part as the object's own, unless one is written beside the allOf", () => {
    const part = (additionalProperties: unknown) => ({ type: "object", properties: { n: { type: "integer" } }, additionalProperties });
    const { api, warnings } = buildIr(schemasDoc({
      Base: { type: "object", properties: { id: { type: "string" } } },
      Extras: { type: "object", additionalProperties: { type: "string" } },
      InPart: { allOf: [ref("Base"), part({ type: "integer" })] },
      Beside: { allOf: [ref("Base"), part({ type: "integer" })], additionalProperties: { type: "string" } },
      OverBase: { allOf: [ref("Extras"), part({ type: "integer" })] },
      OnlyExtras: { allOf: [ref("Base"), { additionalProperties: { type: "integer" } }] },
      AnyPart: { allOf: [ref("Base"), part(true), part({})] },
      Narrowed: { allOf: [ref("Base"), { additionalProperties: { type: "number" } }, part({ type: "integer" })] },
      Shut: { allOf: [ref("Base"), part(false), part({ type: "integer" })] },
      Same: { allOf: [ref("Base"), part({ type: "integer" }), { additionalProperties: { type: "integer" } }] },
    }), "test.yaml");
    const def = (key: string) => objectById(api, C(key));
    expect(def("InPart").additional).toEqual(integer);
    expect(def("InPart").bases).toEqual([C("Base")]);
    expect(def("Beside").additional).toEqual(string);
    expect(def("OverBase").additional).toEqual(integer);
    // A part of only additionalProperties merges too (it made an intersection with a map before).
    expect(def("OnlyExtras").additional).toEqual(integer);
    expect(def("AnyPart").additional).toBe("any");
    expect(def("Narrowed").additional).toEqual(integer);
    expect(def("Shut").additional).toBe(false);
    expect(def("Same").additional).toEqual(integer);
    expect(warnings.map((w) => [w.pointer, w.message])).toEqual([
      [`${C("Narrowed")}/allOf/2/additionalProperties`, expect.stringContaining("allOf parts declare different additionalProperties (allOf/1, allOf/2): an undeclared property must match each")],
      [`${C("Shut")}/allOf/2/additionalProperties`, expect.stringContaining("(allOf/1, allOf/2): one of them is false, so the object keeps no undeclared property")],
    ]);
  });
});

describe("buildIr: stable order", () => {
  it("sorts properties by name regardless of key order", () => {
    const props = { zeta: { type: "string" }, alpha: { type: "integer" }, Mid: { type: "boolean" }, _under: { type: "string" }, "b-dash": { type: "string" } };
    const reversed = Object.fromEntries(Object.entries(props).reverse());
    const a = build(schemasDoc({ O: { type: "object", properties: props } }));
    const b = build(schemasDoc({ O: { type: "object", properties: reversed } }));
    expect(objectById(a, C("O")).properties.map((p) => p.name)).toEqual(["Mid", "_under", "alpha", "b-dash", "zeta"]);
    expect(a).toEqual(b);
  });

  it("sorts operations by path, then by method", () => {
    const given = {
      "/b": { post: { responses: OK }, get: { responses: OK } },
      "/a/{id}": { delete: { parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: OK } },
      "/a": { patch: { responses: OK }, put: { responses: OK }, get: { responses: OK }, delete: { responses: OK }, post: { responses: OK } },
    };
    const reversed = Object.fromEntries(Object.entries(given).reverse().map(([k, v]) => [k, Object.fromEntries(Object.entries(v).reverse())]));
    const want = [
      ["get", "/a"], ["put", "/a"], ["post", "/a"], ["delete", "/a"], ["patch", "/a"],
      ["delete", "/a/{id}"],
      ["get", "/b"], ["post", "/b"],
    ];
    const a = build(document(given));
    const b = build(document(reversed));
    expect(a.operations.map((o) => [o.method, o.path])).toEqual(want);
    expect(a).toEqual(b);
  });

  it("sorts named types by id", () => {
    const api = build(schemasDoc({ Zed: { type: "object", properties: { a: { type: "string" } } }, Abc: { type: "string", enum: ["x"] } }));
    const ids = api.types.map((t) => t.id);
    expect(ids).toEqual([...ids].sort());
  });
});

describe("buildIr: operationId", () => {
  it.each([
    { method: "get", path: "/users", want: "getUsers" },
    { method: "get", path: "/users/{userId}/posts", want: "getUsersByUserIdPosts" },
    { method: "post", path: "/v2/sign-in", want: "postV2SignIn" },
    { method: "delete", path: "/items/{item_id}", want: "deleteItemsByItemId" },
    { method: "get", path: "/", want: "get" },
    { method: "put", path: "/X-Plex/resources.json", want: "putXPlexResourcesJson" },
  ])("derives $want from $method $path", ({ method, path: p, want }) => {
    expect(deriveOperationId(method, p)).toBe(want);
  });

  it("derives missing or empty operationIds, the same in every build", () => {
    const paths = {
      "/users/{id}": { get: { parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: OK } },
      "/x": { get: { operationId: "", responses: OK }, post: { operationId: "createX", responses: OK } },
    };
    const first = build(document(paths));
    expect(first.operations.map((o) => o.operationId)).toEqual(["getUsersById", "getX", "createX"]);
    // Adding an unrelated operation does not change the others' ids.
    const more = build(document({ "/a": { get: { responses: OK } }, ...paths }));
    expect(more.operations.map((o) => o.operationId)).toEqual(["getA", "getUsersById", "getX", "createX"]);
  });

  it("keeps operationIds as written", () => {
    const api = build(document({ "/a": { get: { operationId: "post-users-sign-in-data", responses: OK } } }));
    expect(api.operations[0]!.operationId).toBe("post-users-sign-in-data");
    expect(api.operations[0]!.id).toBe("/paths/~1a/get");
  });

  it.each([
    {
      name: "two written ids",
      paths: { "/a": { get: { operationId: "same", responses: OK } }, "/b": { get: { operationId: "same", responses: OK } } },
      pointer: "/paths/~1b/get/operationId",
      message: /duplicate operationId "same", also used at \/paths\/~1a\/get/,
    },
    {
      name: "two methods of one path",
      paths: { "/a": { post: { operationId: "same", responses: OK }, get: { operationId: "same", responses: OK } } },
      pointer: "/paths/~1a/post/operationId",
      message: /duplicate operationId "same", also used at \/paths\/~1a\/get/,
    },
  ])("rejects a duplicate operationId ($name) at the second one", ({ paths, pointer, message }) => {
    const diagnostics = errorsOf(document(paths));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.pointer).toBe(pointer);
    expect(diagnostics[0]!.file).toBe("test.yaml");
    expect(diagnostics[0]!.message).toMatch(message);
  });
});

describe("buildIr: parameters", () => {
  const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };

  it.each([
    {
      name: "a template parameter that is not declared",
      paths: { "/a/{id}": { get: { responses: OK } } },
      want: [["/paths/~1a~1{id}/get", /path parameter \{id\} is in the path but not declared/]],
    },
    {
      name: "a declared path parameter not in the template",
      paths: { "/a": { get: { parameters: [idParam], responses: OK } } },
      want: [["/paths/~1a/get/parameters", /path parameter "id" is declared but not in the path/]],
    },
    {
      name: "a template parameter declared in the query instead",
      paths: { "/a/{id}": { get: { parameters: [{ ...idParam, in: "query" }], responses: OK } } },
      want: [["/paths/~1a~1{id}/get", /\{id\} is in the path but not declared/]],
    },
    {
      name: "a misspelt path parameter",
      paths: { "/a/{id}": { get: { parameters: [{ ...idParam, name: "ID" }], responses: OK } } },
      want: [
        ["/paths/~1a~1{id}/get", /\{id\} is in the path but not declared/],
        ["/paths/~1a~1{id}/get/parameters", /"ID" is declared but not in the path/],
      ],
    },
  ])("rejects $name", ({ paths, want }) => {
    const diagnostics = errorsOf(document(paths));
    expect(diagnostics.map((d) => d.pointer)).toEqual(want.map(([p]) => p));
    diagnostics.forEach((d, i) => expect(d.message).toMatch(want[i]![1] as RegExp));
  });

  it("accepts path parameters declared on the path item, and lets the operation override them", () => {
    const api = build(document({
      "/a/{id}": {
        parameters: [idParam, { name: "q", in: "query", schema: { type: "string" } }],
        get: { parameters: [{ name: "q", in: "query", required: true, schema: { type: "integer" } }], responses: OK },
      },
    }));
    expect(api.operations[0]!.params.map((p) => [p.wireName, p.in, p.required, p.type])).toEqual([
      ["id", "path", true, string],
      ["q", "query", true, integer],
    ]);
  });

  it("puts x-speakeasy-globals parameters in api.globals", () => {
    const api = build(document({ "/a": { get: { responses: OK } } }, {
      "x-speakeasy-globals": { parameters: [{ name: "X-Tenant", in: "header", schema: { type: "string" } }, { $ref: "#/components/parameters/Region" }] },
      components: { parameters: { Region: { name: "region", in: "query", required: true, schema: { type: "string", enum: ["eu", "us"] } } } },
    }));
    expect(api.globals.map((g) => [g.id, g.wireName, g.in, g.required])).toEqual([
      ["/x-speakeasy-globals/parameters/0", "X-Tenant", "header", false],
      ["/components/parameters/Region", "region", "query", true],
    ]);
    expect(api.operations[0]!.params).toEqual([]);
  });

  it("has no globals without the extension", () => {
    expect(build(document({ "/a": { get: { responses: OK } } })).globals).toEqual([]);
  });
});

describe("buildIr: security and servers", () => {
  const api = build(document(
    {
      "/a": {
        get: { security: [], responses: OK },
        post: { responses: OK },
        put: { security: [{ key: [] }, { zeta: [], alpha: ["scope"] }], servers: [{ url: "https://op.example.com" }], responses: OK },
      },
      "/b": { servers: [{ url: "https://item.example.com" }], get: { responses: OK }, post: { servers: [{ url: "https://own.example.com" }], responses: OK } },
    },
    {
      security: [{ key: [] }],
      servers: [{ url: "https://{region}.example.com/{version}", variables: { version: { default: "v1" }, region: { default: "eu", enum: ["eu", "us"], description: "Region" } } }],
      components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" }, alpha: { type: "http", scheme: "Bearer" }, zeta: { type: "oauth2", flows: {} } } },
    },
  ));

  it.each([
    { name: "security: [] is no security", method: "get", path: "/a", want: [] },
    { name: "no security inherits", method: "post", path: "/a", want: "inherit" },
    { name: "alternatives keep their order, schemes within one are sorted", method: "put", path: "/a", want: [["key"], ["alpha", "zeta"]] },
  ])("$name", ({ method, path: p, want }) => {
    const found = api.operations.find((o) => o.method === method && o.path === p)!;
    expect(found.security).toEqual(want);
  });

  it("reads the document's security and schemes", () => {
    expect(api.security).toEqual([["key"]]);
    expect(api.securitySchemes).toEqual([
      { key: "alpha", kind: "http", scheme: "bearer" },
      { key: "key", kind: "apiKey", in: "header", wireName: "X-Key" },
      { key: "zeta", kind: "oauth2" },
    ]);
  });

  it.each([
    { name: "operation servers are kept", method: "put", path: "/a", want: [{ url: "https://op.example.com", variables: [] }] },
    { name: "path-item servers apply to the operation", method: "get", path: "/b", want: [{ url: "https://item.example.com", variables: [] }] },
    { name: "operation servers win over path-item servers", method: "post", path: "/b", want: [{ url: "https://own.example.com", variables: [] }] },
    { name: "no servers of its own", method: "get", path: "/a", want: undefined },
  ])("$name", ({ method, path: p, want }) => {
    const found = api.operations.find((o) => o.method === method && o.path === p)!;
    expect(found.servers).toEqual(want);
  });

  it("orders server variables as they appear in the URL", () => {
    expect(api.servers).toEqual([
      {
        url: "https://{region}.example.com/{version}",
        variables: [
          { name: "region", default: "eu", enum: ["eu", "us"], description: "Region" },
          { name: "version", default: "v1" },
        ],
      },
    ]);
  });

  it("defaults to one relative server", () => {
    expect(build(document({})).servers).toEqual([{ url: "/", variables: [] }]);
  });
});

describe("buildIr: responses", () => {
  const errorBody = {
    type: "object",
    properties: {
      errors: {
        type: "array",
        items: { type: "object", properties: { code: { type: "integer" }, message: { type: "string", "x-speakeasy-error-message": true } } },
      },
    },
  };
  const api = build(document(
    {
      "/a": {
        get: {
          operationId: "getA",
          responses: {
            "200": json(ref("Thing")),
            "400": json({ ...errorBody, "x-speakeasy-name-override": "BadInput" }),
            "401": json(errorBody),
            "404": { description: "text", content: { "text/plain": { schema: { type: "string" } } } },
            "409": { description: "no body" },
            "418": json({ type: "object", properties: { detail: { type: "string", "x-speakeasy-error-message": true } } }),
            "422": { $ref: "#/components/responses/Invalid" },
            "5XX": json({ type: "object", properties: { msg: { type: "string" } } }),
            default: json(ref("Err")),
          },
        },
      },
      "/b": { get: { operationId: "getB", responses: { "201": json({ allOf: [ref("Thing"), { type: "object", properties: { extra: { type: "string" } } }] }), "204": { description: "empty" } } } },
      "/c": { get: { operationId: "getC", responses: { "200": json({ type: "object", properties: { x: { type: "string" } } }) } } },
      "/d": { get: { operationId: "getD", responses: { default: json(ref("Thing")) } } },
      "/e": { get: { operationId: "getE", responses: { "200": json({ type: "array", items: ref("Thing") }) } } },
    },
    {
      components: {
        schemas: {
          Thing: { type: "object", properties: { id: { type: "string" } } },
          Err: { type: "object", properties: { error: ref("ErrInner") } },
          ErrInner: { type: "object", properties: { text: { type: "string", "x-speakeasy-error-message": true } } },
        },
        responses: { Invalid: json({ "x-speakeasy-name-override": "ValidationFailed", type: "object", properties: { reason: { type: "string" } } }, "invalid") },
      },
    },
  ));

  it("sends JSON error bodies to op.errors with a name hint and message path", () => {
    expect(op(api, "getA").errors.map((e) => [e.status, e.nameHint, e.messagePath, e.body.contentType])).toEqual([
      ["400", "BadInput", ["errors", "*", "message"], "application/json"],
      ["401", "Unauthorized", ["errors", "*", "message"], "application/json"],
      ["418", "Status418", ["detail"], "application/json"],
      ["422", "ValidationFailed", undefined, "application/json"],
      ["5XX", "ServerError", undefined, "application/json"],
      ["default", "Error", ["error", "text"], "application/json"],
    ]);
    expect(op(api, "getA").errors.find((e) => e.status === "422")!.docs.description).toBe("invalid");
  });

  it("keeps only 2xx responses as responses", () => {
    expect(op(api, "getA").responses.map((r) => r.status)).toEqual(["200"]);
    expect(op(api, "getB").responses.map((r) => [r.status, r.body !== undefined])).toEqual([["201", true], ["204", false]]);
  });

  it("treats `default` as the success response when there is no 2xx", () => {
    expect(op(api, "getD").responses.map((r) => r.status)).toEqual(["default"]);
    expect(op(api, "getD").errors).toEqual([]);
  });

  it.each([
    { name: "a $ref to a component schema", operationId: "getA", want: "Thing" },
    { name: "allOf starting with a component $ref", operationId: "getB", want: "Thing" },
    { name: "an inline object", operationId: "getC", want: undefined },
    { name: "an array of a component", operationId: "getE", want: undefined },
    { name: "a default response with a component $ref", operationId: "getD", want: "Thing" },
  ])("bodyNameHint for $name is $want", ({ operationId, want }) => {
    expect(op(api, operationId).responses[0]!.bodyNameHint).toBe(want);
  });

  it.each([
    ["400", "BadRequest"], ["401", "Unauthorized"], ["404", "NotFound"], ["429", "TooManyRequests"], ["4XX", "ClientError"],
    ["4xx", "ClientError"], ["5XX", "ServerError"], ["default", "Error"], ["418", "Status418"], ["599", "Status599"],
  ])("statusName(%s) is %s", (status, want) => {
    expect(statusName(status)).toBe(want);
  });
});

describe("buildIr: recursive schemas", () => {
  it("ends a self-reference (Node.children: Node[]) at a ref", () => {
    const api = build(schemasDoc({ Node: { type: "object", properties: { value: { type: "string" }, children: { type: "array", items: ref("Node") } } } }));
    expect(api.types.map((t) => t.id)).toEqual([C("Node")]);
    expect(propType(api, "Node", "children")).toEqual({ kind: "array", items: refTo(C("Node")) });
  });

  it("ends mutual references", () => {
    const api = build(schemasDoc({
      A: { type: "object", properties: { b: ref("B") } },
      B: { type: "object", properties: { a: { oneOf: [ref("A"), { type: "null" }] } } },
    }));
    expect(propType(api, "A", "b")).toEqual(refTo(C("B")));
    expect(propType(api, "B", "a")).toEqual(nullable(refTo(C("A"))));
  });

  it("ends a cycle through an inline schema", () => {
    const inner = `${C("Tree")}/properties/child`;
    const api = build(schemasDoc({
      Tree: { type: "object", properties: { child: { type: "object", properties: { next: { $ref: `#${inner}` }, label: { type: "string" } } } } },
    }));
    expect(propType(api, "Tree", "child")).toEqual(refTo(inner));
    expect(objectById(api, inner).properties.map((p) => [p.name, p.type])).toEqual([["label", string], ["next", refTo(inner)]]);
  });

  it("ends a cycle through an alias", () => {
    const api = build(schemasDoc({ List: { type: "array", items: ref("List") } }));
    const list = typeById(api, C("List"));
    expect(list).toMatchObject({ kind: "alias", type: { kind: "array", items: refTo(C("List")) } });
  });
});

describe("buildIr: the Plex authentication spec", async () => {
  const loaded = await loadSpec(PLEX);
  const { api, warnings } = buildIr(loaded.document as unknown as Record<string, unknown>, loaded.file);

  it("has the four operations, by path", () => {
    expect(warnings).toEqual([]);
    expect(api.operations.map((o) => [o.operationId, o.method, o.path])).toEqual([
      ["getSourceConnectionInformation", "get", "/security/resources"],
      ["getTransientToken", "get", "/security/token"],
      ["getTokenDetails", "get", "/user"],
      ["post-users-sign-in-data", "post", "/users/signin"],
    ]);
  });

  it("has the five X-Plex globals", () => {
    expect(api.globals.map((g) => [g.wireName, g.in])).toEqual([
      ["X-Plex-Client-Identifier", "header"],
      ["X-Plex-Product", "header"],
      ["X-Plex-Device", "header"],
      ["X-Plex-Version", "header"],
      ["X-Plex-Platform", "header"],
    ]);
    expect(api.globals.map((g) => g.required)).toEqual([true, false, false, false, false]);
  });

  it("sends the two plex.tv operations to plex.tv", () => {
    const withServers = api.operations.filter((o) => o.servers !== undefined);
    expect(withServers.map((o) => [o.operationId, o.servers])).toEqual([
      ["getTokenDetails", [{ url: "https://plex.tv/api/v2", variables: [] }]],
      ["post-users-sign-in-data", [{ url: "https://plex.tv/api/v2", variables: [] }]],
    ]);
    expect(api.servers.map((s) => [s.url, s.variables.map((v) => [v.name, v.default])])).toEqual([
      ["{protocol}://{ip}:{port}", [["protocol", "https"], ["ip", "10.10.10.47"], ["port", "32400"]]],
    ]);
  });

  it("signs in without security and inherits it elsewhere", () => {
    expect(api.operations.map((o) => o.security)).toEqual(["inherit", "inherit", "inherit", []]);
    expect(api.security).toEqual([["accessToken"]]);
    expect(api.securitySchemes).toEqual([{ key: "accessToken", kind: "apiKey", in: "header", wireName: "X-Plex-Token", description: "Plex Authentication Token" }]);
  });

  it("gives every operation its BadRequest and Unauthorized errors", () => {
    for (const o of api.operations) {
      expect(o.errors.map((e) => [e.status, e.nameHint, e.messagePath])).toEqual([
        ["400", "BadRequest", ["errors", "*", "message"]],
        ["401", "Unauthorized", ["errors", "*", "message"]],
      ]);
    }
  });

  it("names the account bodies after UserPlexAccount", () => {
    expect(op(api, "getTokenDetails").responses.map((r) => [r.status, r.bodyNameHint])).toEqual([["200", "UserPlexAccount"]]);
    expect(op(api, "post-users-sign-in-data").responses.map((r) => [r.status, r.bodyNameHint])).toEqual([["201", "UserPlexAccount"]]);
    const signIn = op(api, "post-users-sign-in-data").responses[0]!.body!.type;
    expect(signIn.kind).toBe("ref");
    const def = objectById(api, (signIn as { target: string }).target);
    expect(def.bases).toEqual([C("UserPlexAccount")]);
    expect(def.properties.map((p) => [p.name, p.required])).toEqual([["pastSubscriptions", true], ["trials", true]]);
  });

  it("reads the sign-in form body", () => {
    const body = op(api, "post-users-sign-in-data").body!;
    expect(body.contentType).toBe("application/x-www-form-urlencoded");
    const def = objectById(api, (body.type as { target: string }).target);
    expect(def.properties.map((p) => [p.name, p.required])).toEqual([
      ["login", true], ["password", true], ["rememberMe", false], ["verificationCode", false],
    ]);
  });

  it("keeps the PlexBoolean name hints and the open enums", () => {
    expect(enumById(api, C("PlexBoolean")).members).toEqual([{ value: 0, nameHint: "DISABLE" }, { value: 1, nameHint: "ENABLE" }]);
    expect(enumById(api, `${C("UserPlexAccount")}/properties/mailingListStatus`).open).toBe(true);
  });
});
