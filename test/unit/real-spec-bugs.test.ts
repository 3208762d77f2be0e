// Regression tests for generator bugs found by generating SDKs from real API descriptions
// (test/real-specs): each case is the smallest document that showed the bug.
import { describe, expect, it } from "vitest";
import { type Diagnostic } from "../../generator/diagnostics.ts";
import { buildIr } from "../../generator/ir/build.ts";
import type { Api, NamedType, ObjectDef, Property, Type } from "../../generator/ir/types.ts";

type Doc = Record<string, unknown>;

const ok = { "200": { description: "ok" } };
const json = (schema: unknown) => ({ description: "ok", content: { "application/json": { schema } } });
const C = (key: string) => `/components/schemas/${key}`;

function document(paths: Doc, extra: Doc = {}, openapi = "3.1.0"): Doc {
  return { openapi, info: { title: "Test API", version: "1.0.0" }, paths, ...extra };
}

/** Every component schema as the 200 body of `GET /<key>`. */
function schemasDoc(schemas: Doc, openapi = "3.1.0"): Doc {
  const paths = Object.fromEntries(Object.keys(schemas).map((k) => [`/${k}`, { get: { operationId: `get${k}`, responses: { "200": json({ $ref: `#/components/schemas/${k}` }) } } }]));
  return document(paths, { components: { schemas } }, openapi);
}

function build(doc: Doc): { api: Api; warnings: Diagnostic[] } {
  return buildIr(doc, "test.yaml");
}

function object(api: Api, id: string): ObjectDef {
  const def: NamedType | undefined = api.types.find((t) => t.id === id);
  if (def?.kind !== "object") throw new Error(`${id} is not an object: ${JSON.stringify(def)}`);
  return def;
}

function prop(api: Api, id: string, name: string): Property {
  const p = object(api, id).properties.find((x) => x.name === name);
  if (!p) throw new Error(`no property ${name} on ${id}`);
  return p;
}

const string: Type = { kind: "primitive", name: "string" };
const refTo = (target: string): Type => ({ kind: "ref", target });

describe("boolean enums (Plex optimizedForStreaming, GitHub webhook `locked`)", () => {
  it("are the boolean type, or the one value they allow", () => {
    const { api } = build(schemasDoc({
      Holder: {
        type: "object",
        properties: {
          both: { type: "boolean", enum: [true, false] },
          onlyTrue: { type: "boolean", enum: [true] },
          orNull: { type: ["boolean", "null"], enum: [false, null] },
          untyped: { enum: [false] },
        },
      },
    }));
    expect(prop(api, C("Holder"), "both").type).toEqual({ kind: "primitive", name: "boolean" });
    expect(prop(api, C("Holder"), "onlyTrue").type).toEqual({ kind: "literal", value: true });
    expect(prop(api, C("Holder"), "orNull").type).toEqual({ kind: "nullable", inner: { kind: "literal", value: false } });
    expect(prop(api, C("Holder"), "untyped").type).toEqual({ kind: "literal", value: false });
  });

  it("leave out, with a warning, values their declared type rules out (readme schema-enums: type number, enum ['', 0, 1])", () => {
    const { api, warnings } = build(schemasDoc({ Size: { type: "number", enum: ["", 0, 1], "x-speakeasy-enums": ["Empty", "Zero", "One"] } }));
    const size = api.types.find((t) => t.id === C("Size"));
    expect(size).toMatchObject({ kind: "enum", base: "integer", members: [{ value: 0, nameHint: "Zero" }, { value: 1, nameHint: "One" }] });
    expect(warnings).toEqual([expect.objectContaining({ severity: "warning", pointer: `${C("Size")}/enum`, message: expect.stringMatching(/enum value "" can never be valid: the schema's type is number; left out/) })]);
  });

  it("type an enum of objects by the schema's other keywords, with a warning (Docker engine: ExposedPorts values are `{type: object, enum: [{}]}`)", () => {
    const { api, warnings } = build(schemasDoc({ Ports: { type: "object", additionalProperties: { type: "object", enum: [{}] } } }));
    const ports = api.types.find((t) => t.id === C("Ports"));
    expect(ports).toMatchObject({ kind: "object", additional: { kind: "map" } });
    expect(warnings).toEqual([expect.objectContaining({ severity: "warning", pointer: `${C("Ports")}/additionalProperties/enum`, message: expect.stringMatching(/an enum of objects or arrays is not supported yet/) })]);
  });

  it("make a base's optional properties required through an allOf part of only `required`; it was an intersection typed unknown", () => {
    const { api } = build(schemasDoc({
      Profile: { type: "object", required: ["id"], properties: { id: { type: "integer" }, nickname: { type: "string" } } },
      Complete: { allOf: [{ $ref: "#/components/schemas/Profile" }, { required: ["nickname", "unknown"] }] },
      Beside: { allOf: [{ $ref: "#/components/schemas/Profile" }], required: ["nickname"] },
      Same: { allOf: [{ $ref: "#/components/schemas/Profile" }, { required: ["id"] }] },
    }));
    const type = (name: string) => api.types.find((t) => t.id === C(name));
    const nickname = { name: "nickname", required: true, type: { kind: "primitive", name: "string" } };
    expect(type("Complete")).toMatchObject({ kind: "object", bases: [C("Profile")], properties: [nickname] });
    expect(type("Beside")).toMatchObject({ kind: "object", bases: [C("Profile")], properties: [nickname] });
    // Nothing to require that Profile does not: Same is Profile itself, no type of its own.
    expect(type("Same")).toBeUndefined();
  });

  it("leave out a property whose 3.1 schema is `false`, with a warning; it was refused (Vercel: a property named additionalProperties)", () => {
    const { api, warnings } = build(schemasDoc({
      Patch: { type: "object", required: ["gone"], properties: { additionalProperties: false, gone: false, name: { type: "string" }, list: { type: "array", items: false } } },
    }));
    const patch = api.types.find((t) => t.id === C("Patch"));
    expect(patch).toMatchObject({ kind: "object", properties: [{ name: "list", type: { kind: "array", items: { kind: "primitive", name: "unknown" } } }, { name: "name" }] });
    expect(warnings.map((w) => [w.pointer, w.message])).toEqual([
      [`${C("Patch")}/properties/additionalProperties`, expect.stringMatching(/schema `false` \(it must be absent\): it is left out/)],
      [`${C("Patch")}/properties/gone`, expect.stringMatching(/is required but its schema is `false`/)],
      [`${C("Patch")}/properties/list/items`, expect.stringMatching(/a `false` schema accepts no value/)],
    ]);
  });

  it("type an enum of several JSON types as the union of its values, each a literal once (it was refused)", () => {
    const { api, warnings } = build(schemasDoc({
      Size: { enum: ["small", 2, true, "small"] },
      Maybe: { enum: ["off", 2, null] },
      Typed: { type: ["string", "integer"], enum: ["max", 10, 1.5] },
    }));
    const alias = (name: string) => api.types.find((t) => t.id === C(name));
    const literals = (...values: unknown[]) => ({ kind: "union", variants: values.map((value) => ({ kind: "literal", value })) });
    expect(alias("Size")).toMatchObject({ kind: "alias", type: literals("small", 2, true) });
    expect(alias("Maybe")).toMatchObject({ kind: "alias", type: { kind: "nullable", inner: literals("off", 2) } });
    expect(alias("Typed")).toMatchObject({ kind: "alias", type: literals("max", 10) });
    expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/enum value 1\.5 can never be valid/)]);
  });
});

describe("$refs that percent-encode their pointer (swagger-parser bundles `{id}` as `%7Bid%7D`)", () => {
  it("name the same schema as the pointer spelled plainly: one type, not two", () => {
    const schema = { type: "object", properties: { a: { type: "string" } } };
    const doc = document({
      "/items/{id}": {
        get: { operationId: "getItem", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": json(schema) } },
      },
      "/copies": {
        get: { operationId: "getCopy", responses: { "200": json({ $ref: "#/paths/~1items~1%7Bid%7D/get/responses/200/content/application~1json/schema" }) } },
      },
    });
    const { api } = build(doc);
    const objects = api.types.filter((t) => t.kind === "object");
    expect(objects.map((t) => t.id)).toEqual(["/paths/~1items~1{id}/get/responses/200/content/application~1json/schema"]);
    const copy = api.operations.find((o) => o.operationId === "getCopy")!;
    expect(copy.responses[0]!.body!.type).toEqual(refTo(objects[0]!.id));
  });

  it("do not break on a key holding a bare `%`", () => {
    const { api } = build(schemasDoc({ Stats: { type: "object", properties: { "100%": { type: "object", properties: { n: { type: "integer" } } } } } }));
    expect(prop(api, C("Stats"), "100%").type).toEqual(refTo(`${C("Stats")}/properties/100%`));
  });
});

describe("allOf parts that declare one property differently (Plex Metadata, train-travel WrapperCollection)", () => {
  it("make an inherited property required when the extending part requires it, and keep it so when the base does", () => {
    const { api } = build(schemasDoc({
      Base: { type: "object", required: ["key"], properties: { key: { type: "string" }, note: { type: "string" } } },
      Derived: { allOf: [{ $ref: "#/components/schemas/Base" }, { type: "object", properties: { key: { type: "string", description: "own" } } }] },
      Stricter: { allOf: [{ $ref: "#/components/schemas/Base" }, { type: "object", required: ["note"], properties: { note: { type: "string" } } }] },
    }));
    expect(object(api, C("Derived")).bases).toEqual([C("Base")]);
    expect(prop(api, C("Derived"), "key")).toMatchObject({ required: true, type: string, docs: { description: "own" } });
    expect(prop(api, C("Stricter"), "note")).toMatchObject({ required: true, type: string });
  });

  it("narrow a plain type to the enum, literal or item type the other part gives", () => {
    const { api } = build(schemasDoc({
      Kind: { type: "string", enum: ["a", "b"] },
      Item: { type: "object", properties: { id: { type: "string" } } },
      Base: { type: "object", properties: { kind: { type: "string" }, count: { type: "number" }, data: { type: "array", items: { type: "object" } } } },
      Derived: {
        allOf: [
          { $ref: "#/components/schemas/Base" },
          { properties: { kind: { $ref: "#/components/schemas/Kind" }, count: { type: "integer" }, data: { type: "array", items: { $ref: "#/components/schemas/Item" } } } },
        ],
      },
    }));
    expect(prop(api, C("Derived"), "kind").type).toEqual(refTo(C("Kind")));
    expect(prop(api, C("Derived"), "count").type).toEqual({ kind: "primitive", name: "integer" });
    // A free-form object and an interface meet in an intersection: an interface is no Record<string, unknown>.
    expect(prop(api, C("Derived"), "data").type).toEqual({
      kind: "array", items: { kind: "intersection", parts: [refTo(C("Item")), { kind: "map", values: { kind: "primitive", name: "unknown" } }] },
    });
  });

  it("settle a property two bases declare differently, and merge one two inline parts both declare", () => {
    const { api } = build(schemasDoc({
      A: { type: "object", properties: { id: { type: "string" } } },
      B: { type: "object", required: ["id"], properties: { id: { type: "string", format: "uuid" } } },
      Both: { allOf: [{ $ref: "#/components/schemas/A" }, { $ref: "#/components/schemas/B" }] },
      Parts: { allOf: [{ $ref: "#/components/schemas/A" }, { properties: { n: { type: "number" } } }, { required: ["n"], properties: { n: { type: "integer" } } }] },
    }));
    expect(prop(api, C("Both"), "id")).toMatchObject({ required: true, type: { kind: "primitive", name: "string", format: "uuid" } });
    expect(object(api, C("Parts")).properties.filter((p) => p.name === "n")).toEqual([
      expect.objectContaining({ required: true, type: { kind: "primitive", name: "integer" } }),
    ]);
  });

  it("leave identical redeclarations and unrelated properties as they were", () => {
    const { api } = build(schemasDoc({
      Base: { type: "object", properties: { id: { type: "string" } } },
      Derived: { allOf: [{ $ref: "#/components/schemas/Base" }, { properties: { id: { type: "string" }, extra: { type: "boolean" } } }] },
    }));
    expect(object(api, C("Derived")).properties.map((p) => [p.name, p.required, p.type])).toEqual([
      ["extra", false, { kind: "primitive", name: "boolean" }],
      ["id", false, string],
    ]);
  });
});

describe("operations without `responses` (optional in OpenAPI 3.1, readme parameters-style)", () => {
  it("are read as operations that describe no response in 3.1", () => {
    const { api } = build(document({ "/ping": { post: { operationId: "ping" } } }));
    expect(api.operations[0]).toMatchObject({ operationId: "ping", responses: [], errors: [] });
  });

  it("are still an error in 3.0", () => {
    expect(() => build(document({ "/ping": { post: { operationId: "ping" } } }, {}, "3.0.3"))).toThrow(/an operation needs a `responses` object/);
  });
});

describe("a path item reused through $ref (readme server-path-level)", () => {
  it("gives each path an operation of its own, named from its own path", () => {
    const { api, warnings } = build(document({
      "/copy": { $ref: "#/paths/~1source" },
      "/source": { get: { responses: ok } },
    }));
    expect(api.operations.map((o) => [o.id, o.operationId, o.path])).toEqual([
      ["/paths/~1copy/get", "getCopy", "/copy"],
      ["/paths/~1source/get", "getSource", "/source"],
    ]);
    expect(warnings).toEqual([]);
  });

  it("keeps the written operationId where the operation is written and derives one for the copy, with a warning", () => {
    const { api, warnings } = build(document({
      "/copy": { $ref: "#/paths/~1source" },
      "/source": { get: { operationId: "listThings", responses: ok } },
    }));
    expect(api.operations.map((o) => [o.id, o.operationId])).toEqual([
      ["/paths/~1copy/get", "getCopy"],
      ["/paths/~1source/get", "listThings"],
    ]);
    expect(warnings).toEqual([expect.objectContaining({
      severity: "warning", pointer: "/paths/~1copy/$ref", message: expect.stringMatching(/operationId "listThings" is already used under \/source; here it is named "getCopy"/),
    })]);
  });
});

describe("features the SDK does not support, warned about where they are written", () => {
  it("callbacks (readme callbacks)", () => {
    const callback = { "{$request.body#/url}": { post: { responses: ok } } };
    const { warnings } = build(document({ "/subscribe": { post: { operationId: "subscribe", callbacks: { onEvent: callback }, responses: ok } } }));
    expect(warnings).toEqual([expect.objectContaining({
      severity: "warning", pointer: "/paths/~1subscribe/post/callbacks", message: expect.stringMatching(/^callbacks are not generated yet/),
    })]);
  });

  it("mutualTLS and HTTP schemes other than basic and bearer, which are left out rather than sent as bearer tokens", () => {
    const { api, warnings } = build(document({ "/a": { get: { operationId: "a", responses: ok } } }, {
      security: [{ tls: [] }, { digest: [] }, { token: [] }],
      components: { securitySchemes: { tls: { type: "mutualTLS" }, digest: { type: "http", scheme: "digest" }, token: { type: "http", scheme: "Bearer" } } },
    }));
    expect(api.securitySchemes).toEqual([{ key: "token", kind: "http", scheme: "bearer" }]);
    expect(warnings.map((w) => [w.pointer, w.message])).toEqual([
      ["/components/securitySchemes/digest", expect.stringMatching(/^HTTP authentication scheme "digest" is not supported yet: the SDK sends no credentials for it/)],
      ["/components/securitySchemes/tls", expect.stringMatching(/^mutualTLS security \(client certificates\) is not supported yet/)],
    ]);
  });
});
