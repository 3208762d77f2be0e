// A small API that every mutation of test/diff/mutations.test.ts starts from: two tags, positional
// and body-taking methods, closed, open and request-only enums, errors, servers, a credential and a global.
import type { GeneratorConfig } from "../../generator/config.ts";
import type { TargetName } from "../../generator/config.ts";
import { buildIr } from "../../generator/ir/build.ts";
import { diffSurfaces, surfacesOf } from "../../generator/diff/index.ts";
import type { DiffReport } from "../../generator/diff/report.ts";
import type { Api } from "../../generator/ir/types.ts";

export type Doc = Record<string, any>;

export function baseSpec(): Doc {
  return {
    openapi: "3.1.0",
    info: { title: "Acme", version: "1.0.0" },
    servers: [
      { url: "https://{region}.acme.test", variables: { region: { default: "eu", enum: ["eu", "us"] } } },
      { url: "https://backup.acme.test" },
    ],
    security: [{ apiKey: [] }],
    "x-speakeasy-globals": { parameters: [{ name: "X-Client", in: "header", schema: { type: "string" } }] },
    tags: [{ name: "users" }, { name: "pets" }],
    paths: {
      "/users/{id}": {
        get: {
          operationId: "getUser",
          tags: ["users"],
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: "verbose", in: "query", schema: { type: "boolean", default: false } },
            { name: "limit", in: "query", schema: { type: "integer" } },
          ],
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/User" } } } },
            "404": { description: "not found", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
          },
        },
      },
      "/users": {
        post: {
          operationId: "createUser",
          tags: ["users"],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/NewUser" } } } },
          responses: { "201": { description: "created", content: { "application/json": { schema: { $ref: "#/components/schemas/User" } } } } },
        },
      },
      "/pets": {
        get: {
          operationId: "listPets",
          tags: ["pets"],
          parameters: [
            { name: "page", in: "query", required: true, schema: { type: "integer" } },
            { name: "kind", in: "query", schema: { $ref: "#/components/schemas/PetKind" } },
          ],
          responses: {
            "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Pet" } } } } },
          },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "X-Api-Key" } },
      schemas: {
        User: {
          type: "object",
          required: ["id", "name", "nickname"],
          properties: {
            id: { type: "integer" },
            name: { type: "string" },
            email: { type: "string" },
            verified: { type: "boolean" },
            nickname: { type: ["string", "null"] },
            address: { type: "object", properties: { city: { type: "string" }, street: { type: "string" } } },
          },
        },
        NewUser: {
          type: "object",
          required: ["name"],
          properties: {
            name: { type: "string" },
            age: { type: "integer", default: 18 },
            role: { $ref: "#/components/schemas/Role" },
          },
        },
        Role: { type: "string", enum: ["admin", "member"] },
        Pet: {
          type: "object",
          required: ["name", "kind"],
          properties: {
            name: { type: "string" },
            kind: { $ref: "#/components/schemas/PetKind" },
            status: { $ref: "#/components/schemas/PetStatus" },
          },
        },
        PetKind: { type: "string", enum: ["cat", "dog"] },
        PetStatus: { type: "string", enum: ["available", "sold"], "x-speakeasy-unknown-values": "allow" },
        Error: { type: "object", properties: { message: { type: "string" } } },
      },
    },
  };
}

export const TARGETS: TargetName[] = ["typescript", "python", "go", "csharp"];

export const CONFIG: GeneratorConfig = {
  spec: "acme.json",
  output: "out",
  clientName: "Acme",
  targets: {
    typescript: { packageName: "acme", packageVersion: "1.0.0", maxMethodParams: 4 },
    python: { packageName: "acme", packageVersion: "1.0.0" },
    go: { modulePath: "example.com/acme", packageName: "acme" },
    csharp: { namespace: "Acme", packageVersion: "1.0.0" },
  },
  globals: [],
  overlays: [],
  targetOverlays: {},
  changelog: true,
  source: "",
};

function apis(doc: Doc): Map<TargetName, Api> {
  const { api } = buildIr(structuredClone(doc), "acme.json");
  return new Map(TARGETS.map((t) => [t, api]));
}

/** The diff of two documents, built in memory (no schema validation). Go counts as 1.x here, like the others. */
export function diffDocs(before: Doc, after: Doc): DiffReport {
  return diffSurfaces(CONFIG, surfacesOf(CONFIG, apis(before)), surfacesOf(CONFIG, apis(after)), { go: "1.0.0" });
}
