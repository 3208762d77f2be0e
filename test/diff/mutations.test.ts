// One edit of a small spec at a time, and what `sdkgen diff` must say of it in each target: the rules
// found (every one, no more) and whether each breaks callers. Written from what each SDK does, not
// read back from the rule table, so a wrong entry in the table fails here.
import { describe, expect, it } from "vitest";
import type { TargetName } from "../../generator/config.ts";
import type { RuleId } from "../../generator/diff/rules.ts";
import { baseSpec, diffDocs, TARGETS, type Doc } from "./base-spec.ts";

type Found = Partial<Record<RuleId, boolean>>;
/** `all` holds for every target not named; a named target's own entry replaces it ({} = no change there). */
type Want = { all?: Found } & Partial<Record<TargetName, Found>>;

interface Mutation {
  category: string;
  name: string;
  mutate: (doc: Doc) => void;
  want: Want;
}

const B = true;
const NB = false;
const getUser = (d: Doc) => d.paths["/users/{id}"].get;
const listPets = (d: Doc) => d.paths["/pets"].get;
const schemas = (d: Doc) => d.components.schemas;
const param = (op: Doc, name: string) => (op.parameters as Doc[]).find((p) => p.name === name)!;

const MUTATIONS: Mutation[] = [
  // Operations
  {
    category: "operations", name: "method added",
    mutate: (d) => { d.paths["/users"].get = { operationId: "listUsers", tags: ["users"], responses: { "200": { description: "ok" } } }; },
    want: { all: { "operation.added": NB } },
  },
  { category: "operations", name: "method removed", mutate: (d) => { delete d.paths["/pets"]; }, want: { all: { "operation.removed": B } } },
  {
    category: "operations", name: "operationId changed: method renamed (its error class too)",
    mutate: (d) => { getUser(d).operationId = "fetchUser"; },
    want: { all: { "operation.renamed": B, "error.renamed": B } },
  },
  { category: "operations", name: "method moved to another tag", mutate: (d) => { listPets(d).tags = ["users"]; }, want: { all: { "operation.moved": B } } },
  {
    category: "operations", name: "path changed, operationId kept",
    mutate: (d) => { d.paths["/animals"] = d.paths["/pets"]; delete d.paths["/pets"]; },
    want: { all: { "operation.path-changed": NB } },
  },
  {
    // Only the TypeScript target names methods after x-speakeasy-name-override; the others keep the operationId's.
    category: "operations", name: "method name override added",
    mutate: (d) => { getUser(d)["x-speakeasy-name-override"] = "get"; },
    want: { all: {}, typescript: { "operation.renamed": B } },
  },
  {
    // A fifth parameter: TypeScript and Python switch to one request object; Go and C# take one more argument.
    category: "operations", name: "parameters beyond maxMethodParams",
    mutate: (d) => {
      getUser(d).parameters.push({ name: "a", in: "query", schema: { type: "string" } }, { name: "b", in: "query", schema: { type: "string" } });
    },
    want: {
      typescript: { "operation.signature-changed": B, "field.added.optional": NB },
      python: { "operation.signature-changed": B, "field.added.optional": NB },
      go: { "input.added.optional": B },
      csharp: { "input.added.optional": NB },
    },
  },

  // Parameters
  {
    category: "parameters", name: "optional parameter added last",
    mutate: (d) => { getUser(d).parameters.push({ name: "sort", in: "query", schema: { type: "string" } }); },
    want: { all: { "input.added.optional": NB }, go: { "input.added.optional": B } },
  },
  {
    category: "parameters", name: "optional parameter added in the middle",
    mutate: (d) => { getUser(d).parameters.splice(2, 0, { name: "q", in: "query", schema: { type: "string" } }); },
    want: {
      typescript: { "input.added.optional": NB, "input.moved.positional": B },
      python: { "input.added.optional": NB, "input.moved.keyword": NB },
      go: { "input.added.optional": B, "input.moved.positional": B },
      csharp: { "input.added.optional": NB, "input.moved.keyword": NB },
    },
  },
  {
    // Required arguments come first in TypeScript, Python and C#; Go keeps the spec's order.
    category: "parameters", name: "required parameter added",
    mutate: (d) => { getUser(d).parameters.push({ name: "tenant", in: "query", required: true, schema: { type: "string" } }); },
    want: {
      typescript: { "input.added.required": B, "input.moved.positional": B },
      python: { "input.added.required": B, "input.moved.keyword": NB },
      go: { "input.added.required": B },
      csharp: { "input.added.required": B, "input.moved.keyword": NB },
    },
  },
  { category: "parameters", name: "parameter removed", mutate: (d) => { getUser(d).parameters.pop(); }, want: { all: { "input.removed": B } } },
  {
    category: "parameters", name: "optional parameter became required",
    mutate: (d) => { param(getUser(d), "verbose").required = true; },
    want: { all: { "input.became-required": B } },
  },
  {
    category: "parameters", name: "required parameter became optional",
    mutate: (d) => { param(listPets(d), "page").required = false; },
    want: { all: { "input.became-optional": NB }, go: { "input.became-optional.pointer": B } },
  },
  {
    // Arguments passed by position (TypeScript's, Go's) do not name the parameter; keyword arguments do.
    category: "parameters", name: "parameter renamed by x-speakeasy-name-override",
    mutate: (d) => { param(getUser(d), "limit")["x-speakeasy-name-override"] = "maxResults"; },
    want: {
      typescript: { "input.renamed.positional": NB }, go: { "input.renamed.positional": NB },
      python: { "input.renamed": B }, csharp: { "input.renamed": B },
    },
  },
  {
    // TypeScript has one number type: nothing changes there.
    category: "parameters", name: "type widened: integer to number",
    mutate: (d) => { param(listPets(d), "page").schema = { type: "number" }; },
    want: { all: { "input.type.widened.number": NB }, typescript: {}, go: { "input.type.widened.number": B } },
  },
  {
    category: "parameters", name: "type widened: enum to string",
    mutate: (d) => { param(listPets(d), "kind").schema = { type: "string" }; },
    want: { all: { "input.type.widened.enum": NB }, go: { "input.type.widened.enum": B }, csharp: { "input.type.widened.enum": B } },
  },
  {
    category: "parameters", name: "type narrowed: string to enum",
    mutate: (d) => { param(getUser(d), "id").schema = { type: "string", enum: ["me", "admin"] }; },
    want: { all: { "input.type.narrowed": B } },
  },
  {
    category: "parameters", name: "type changed: string to boolean",
    mutate: (d) => { param(getUser(d), "id").schema = { type: "boolean" }; },
    want: { all: { "input.type.changed": B } },
  },
  {
    category: "parameters", name: "default changed",
    mutate: (d) => { param(getUser(d), "verbose").schema.default = true; },
    want: { all: { "input.default.changed": NB } },
  },
  {
    category: "parameters", name: "parameter accepts null",
    mutate: (d) => { param(getUser(d), "limit").schema = { type: ["integer", "null"] }; },
    want: { all: { "input.nullable.added": NB } },
  },

  // Request body fields
  {
    category: "request fields", name: "optional field added",
    mutate: (d) => { schemas(d).NewUser.properties.bio = { type: "string" }; },
    want: { all: { "field.added.optional": NB } },
  },
  {
    category: "request fields", name: "required field added",
    mutate: (d) => { schemas(d).NewUser.properties.email = { type: "string" }; schemas(d).NewUser.required.push("email"); },
    want: { all: { "input.added.required": B } },
  },
  { category: "request fields", name: "field removed", mutate: (d) => { delete schemas(d).NewUser.properties.age; }, want: { all: { "input.removed": B } } },
  {
    category: "request fields", name: "field became required",
    mutate: (d) => { schemas(d).NewUser.required.push("age"); },
    want: { all: { "input.became-required": B } },
  },
  {
    category: "request fields", name: "field became optional",
    mutate: (d) => { schemas(d).NewUser.required = []; },
    want: { all: { "input.became-optional": NB }, go: { "input.became-optional.pointer": B } },
  },
  {
    category: "request fields", name: "field type widened: integer to number",
    mutate: (d) => { schemas(d).NewUser.properties.age = { type: "number", default: 18 }; },
    want: { all: { "input.type.widened.number": NB }, typescript: {}, go: { "input.type.widened.number": B } },
  },
  {
    category: "request fields", name: "field default changed",
    mutate: (d) => { schemas(d).NewUser.properties.age.default = 21; },
    want: { all: { "input.default.changed": NB } },
  },
  {
    // Go passes the body by pointer whether or not it is required: its signature does not change.
    category: "request fields", name: "request body became optional",
    mutate: (d) => { d.paths["/users"].post.requestBody.required = false; },
    want: { all: { "input.became-optional": NB } },
  },

  // Response fields (User is the response of two methods: each reports it)
  {
    category: "response fields", name: "field added",
    mutate: (d) => { schemas(d).User.properties.createdAt = { type: "string" }; },
    want: { all: { "output.added": NB } },
  },
  { category: "response fields", name: "field removed", mutate: (d) => { delete schemas(d).User.properties.email; }, want: { all: { "output.removed": B } } },
  {
    category: "response fields", name: "required field became optional",
    mutate: (d) => { schemas(d).User.required = ["id", "nickname"]; },
    want: { all: { "output.became-optional": B } },
  },
  {
    category: "response fields", name: "optional string became required",
    mutate: (d) => { schemas(d).User.required.push("email"); },
    want: { all: { "output.became-required": NB }, go: { "output.became-required.pointer": B } },
  },
  {
    category: "response fields", name: "optional boolean became required",
    mutate: (d) => { schemas(d).User.required.push("verified"); },
    want: { all: { "output.became-required": NB }, go: { "output.became-required.pointer": B }, csharp: { "output.became-required.value-type": B } },
  },
  {
    category: "response fields", name: "field became nullable",
    mutate: (d) => { schemas(d).User.properties.name = { type: ["string", "null"] }; },
    want: { all: { "output.nullable.added": B } },
  },
  {
    category: "response fields", name: "field no longer nullable",
    mutate: (d) => { schemas(d).User.properties.nickname = { type: "string" }; },
    want: { all: { "output.nullable.removed": NB }, go: { "output.nullable.removed.pointer": B } },
  },
  {
    category: "response fields", name: "type widened: integer to number",
    mutate: (d) => { schemas(d).User.properties.id = { type: "number" }; },
    want: { all: { "output.type.widened": B }, typescript: {} },
  },
  {
    category: "response fields", name: "type narrowed: string to enum",
    mutate: (d) => { schemas(d).Pet.properties.name = { type: "string", enum: ["rex", "tom"] }; },
    want: { all: { "output.type.narrowed.enum": NB }, go: { "output.type.narrowed.enum": B }, csharp: { "output.type.narrowed.enum": B } },
  },
  {
    category: "response fields", name: "type narrowed: number to integer",
    mutate: (d) => { schemas(d).User.properties.id = { type: "number" }; },
    // Applied backwards below: from number to integer.
    want: { all: { "output.type.narrowed.number": NB }, typescript: {}, go: { "output.type.narrowed.number": B } },
  },
  {
    category: "response fields", name: "type changed: integer to string",
    mutate: (d) => { schemas(d).User.properties.id = { type: "string" }; },
    want: { all: { "output.type.changed": B } },
  },
  {
    // Aliases are transparent in every target (type aliases; Go `type X = Y`; C# writes the aliased type).
    category: "response fields", name: "type replaced by an alias of the same type",
    mutate: (d) => { schemas(d).Timestamp = { type: "integer" }; schemas(d).User.properties.id = { $ref: "#/components/schemas/Timestamp" }; },
    want: { all: {} },
  },
  {
    category: "response fields", name: "nested field removed",
    mutate: (d) => { delete schemas(d).User.properties.address.properties.city; },
    want: { all: { "output.removed": B } },
  },

  // Enums
  {
    category: "enums", name: "value added to a closed enum of responses",
    mutate: (d) => { schemas(d).PetKind.enum.push("bird"); },
    want: { all: { "enum.value-added.response": B } },
  },
  {
    category: "enums", name: "value added to an open enum",
    mutate: (d) => { schemas(d).PetStatus.enum.push("pending"); },
    want: { all: { "enum.value-added.open": NB } },
  },
  {
    category: "enums", name: "value added to a closed enum of requests only",
    mutate: (d) => { schemas(d).Role.enum.push("guest"); },
    want: { all: { "enum.value-added.request": NB } },
  },
  { category: "enums", name: "value removed", mutate: (d) => { schemas(d).Role.enum = ["admin"]; }, want: { all: { "enum.value-removed": B } } },
  {
    category: "enums", name: "closed enum became open",
    mutate: (d) => { schemas(d).PetKind["x-speakeasy-unknown-values"] = "allow"; },
    want: { all: { "enum.opened": B }, go: { "enum.opened": NB } },
  },
  {
    category: "enums", name: "open enum became closed",
    mutate: (d) => { delete schemas(d).PetStatus["x-speakeasy-unknown-values"]; },
    want: { all: { "enum.closed": B } },
  },

  // Errors
  {
    category: "errors", name: "error status added",
    mutate: (d) => { getUser(d).responses["401"] = { description: "no", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }; },
    want: { all: { "error.added": B } },
  },
  { category: "errors", name: "error status removed", mutate: (d) => { delete getUser(d).responses["404"]; }, want: { all: { "error.removed": B } } },
  {
    category: "errors", name: "error class renamed by x-speakeasy-name-override",
    mutate: (d) => {
      getUser(d).responses["404"].content["application/json"].schema = { "x-speakeasy-name-override": "Missing", type: "object", properties: { message: { type: "string" } } };
    },
    want: { all: { "error.renamed": B } },
  },

  // Servers
  { category: "servers", name: "server added", mutate: (d) => { d.servers.push({ url: "https://third.acme.test" }); }, want: { all: { "server.added": NB } } },
  { category: "servers", name: "server removed", mutate: (d) => { d.servers.pop(); }, want: { all: { "server.removed": B } } },
  { category: "servers", name: "server URL changed", mutate: (d) => { d.servers[1].url = "https://spare.acme.test"; }, want: { all: { "server.changed": B } } },
  {
    category: "servers", name: "server variable default changed",
    mutate: (d) => { d.servers[0].variables.region.default = "us"; },
    want: { all: { "option.default-changed": NB } },
  },

  // Security and client options
  {
    // Go names a single credential WithSecurity, and each of several WithSecurity<Scheme>: the old option is renamed.
    category: "security", name: "security scheme added, not required",
    mutate: (d) => { d.components.securitySchemes.bearer = { type: "http", scheme: "bearer" }; },
    want: { all: { "option.added": NB }, go: { "option.added": NB, "option.renamed": B } },
  },
  {
    category: "security", name: "security alternative added to a method",
    mutate: (d) => { listPets(d).security = [{ apiKey: [] }, {}]; },
    want: { all: { "security.relaxed": NB } },
  },
  {
    category: "security", name: "security requirement changed to another scheme",
    mutate: (d) => { d.components.securitySchemes.bearer = { type: "http", scheme: "bearer" }; d.security = [{ bearer: [] }]; },
    want: { all: { "option.added": NB, "security.changed": B }, go: { "option.added": NB, "option.renamed": B, "security.changed": B } },
  },
  {
    category: "security", name: "credential's header changed",
    mutate: (d) => { d.components.securitySchemes.apiKey.name = "X-Key"; },
    want: { all: { "option.changed": B } },
  },
  {
    // Python and C# name global options after x-speakeasy-name-override; TypeScript and Go after the wire name.
    category: "security", name: "global option renamed by x-speakeasy-name-override",
    mutate: (d) => { d["x-speakeasy-globals"].parameters[0]["x-speakeasy-name-override"] = "clientName"; },
    want: { all: {}, python: { "option.renamed": B }, csharp: { "option.renamed": B } },
  },
  {
    category: "security", name: "global option added",
    mutate: (d) => { d["x-speakeasy-globals"].parameters.push({ name: "X-Device", in: "header", schema: { type: "string" } }); },
    want: { all: { "option.added": NB } },
  },
];

/** Mutations checked backwards (the mutated spec is the old one). */
const BACKWARDS = new Set(["response fields: type narrowed: number to integer"]);

function found(changes: Array<{ target: string; rule: string; breaking: boolean }>, target: TargetName): Record<string, boolean | "mixed"> {
  const out: Record<string, boolean | "mixed"> = {};
  for (const c of changes) {
    if (c.target !== target) continue;
    out[c.rule] = out[c.rule] === undefined || out[c.rule] === c.breaking ? c.breaking : "mixed";
  }
  return out;
}

describe("spec mutations, classified per target", () => {
  it("has at least 40 single-edit mutations", () => {
    expect(MUTATIONS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(MUTATIONS.map((m) => `${m.category}: ${m.name}`)).size).toBe(MUTATIONS.length);
  });

  describe.each([...new Set(MUTATIONS.map((m) => m.category))])("%s", (category) => {
    it.each(MUTATIONS.filter((m) => m.category === category).map((m) => [m.name, m] as const))("%s", (_name, m) => {
      const mutated = baseSpec();
      m.mutate(mutated);
      const [before, after] = BACKWARDS.has(`${m.category}: ${m.name}`) ? [mutated, baseSpec()] : [baseSpec(), mutated];
      const report = diffDocs(before, after);
      for (const target of TARGETS) {
        const want = m.want[target] ?? m.want.all ?? {};
        expect({ target, rules: found(report.changes, target) }).toEqual({ target, rules: want });
      }
    });
  });
});

describe("the diff as a whole", () => {
  it("of a spec with itself is empty", () => {
    const report = diffDocs(baseSpec(), baseSpec());
    expect(report.changes).toEqual([]);
    expect(report.bump).toBe("none");
  });

  it("does not depend on the key order of either spec", () => {
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed);
      if (value === null || typeof value !== "object") return value;
      return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversed(v)]));
    };
    expect(diffDocs(baseSpec(), reversed(baseSpec()) as Doc).changes).toEqual([]);
    const mutated = baseSpec();
    MUTATIONS.find((m) => m.name === "required parameter added")!.mutate(mutated);
    schemas(mutated).PetKind.enum.push("bird");
    const straight = diffDocs(baseSpec(), mutated);
    expect(straight.changes.length).toBeGreaterThan(4);
    expect(diffDocs(reversed(baseSpec()) as Doc, reversed(mutated) as Doc)).toEqual(straight);
  });

  it("names each change in the target's own terms", () => {
    const mutated = baseSpec();
    schemas(mutated).User.properties.address.properties.zip = { type: "string" };
    // User is read from two methods; a change of its fields is named once, by the first method (by name) that reads it.
    const surfaces = diffDocs(baseSpec(), mutated).changes.map((c) => [c.target, c.surface]);
    expect(surfaces).toEqual([
      ["typescript", "sdk.users.createUser(): response.user.address.zip"],
      ["python", "sdk.users.create_user(): response.user.address.zip"],
      ["go", "s.Users.CreateUser(): response.User.Address.Zip"],
      ["csharp", "sdk.Users.CreateUserAsync(): response.User.Address.Zip"],
    ]);
  });

  it("suggests a semver bump, breaking meaning minor below 1.0.0", () => {
    const removed = baseSpec();
    delete removed.paths["/pets"];
    const added = baseSpec();
    added.servers.push({ url: "https://x.test" });
    const defaulted = baseSpec();
    param(getUser(defaulted), "verbose").schema.default = true;
    expect(diffDocs(baseSpec(), removed).bump).toBe("major");
    expect(diffDocs(baseSpec(), added).bump).toBe("minor");
    expect(diffDocs(baseSpec(), defaulted).bump).toBe("patch");
  });
});
