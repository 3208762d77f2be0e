// The IR and TypeScript plan for operation-level features: binary and multipart bodies, operation
// name overrides, operation servers' variables as client options, parameter merging.
import { describe, expect, it } from "vitest";
import type { GeneratorConfig } from "../../generator/config.ts";
import { buildIr } from "../../generator/ir/build.ts";
import { planTypeScript } from "../../generator/targets/typescript/plan.ts";

type Doc = Record<string, unknown>;

const BINARY = { kind: "primitive", name: "string", format: "binary" };
const NO_CONTENT = { "204": { description: "done" } };

function document(paths: Doc): Doc {
  return { openapi: "3.1.0", info: { title: "T", version: "1" }, paths };
}

const config = { targets: { typescript: { packageName: "t", packageVersion: "0.1.0", maxMethodParams: 4 } } } as unknown as GeneratorConfig;

describe("binary and multipart bodies", () => {
  const doc = document({
    "/up": {
      put: {
        operationId: "up",
        // The schema of a binary media type does not matter: the body is bytes.
        requestBody: { content: { "image/*": { schema: { type: "object" } } } },
        responses: { "200": { description: "bytes", content: { "application/pdf": {} } } },
      },
      post: {
        operationId: "form",
        requestBody: { content: { "multipart/form-data": { schema: { type: "object", properties: { f: { type: "string", format: "binary" } } } } } },
        responses: NO_CONTENT,
      },
    },
  });

  it("are bytes (a string of format binary) for binary media types, whatever the schema", () => {
    const { api } = buildIr(doc, "t.yaml", { targets: ["typescript"] });
    const up = api.operations.find((o) => o.operationId === "up")!;
    expect(up.body?.type).toEqual(BINARY);
    expect(up.responses[0]!.body?.type).toEqual(BINARY);
  });

  it("warn only for targets that pass them as text", () => {
    expect(buildIr(doc, "t.yaml", { targets: ["typescript"] }).warnings).toEqual([]);
    // Python and Go send and return binary bodies, not multipart ones.
    for (const [target, name] of [["python", "Python"], ["go", "Go"]]) {
      const warnings = buildIr(doc, "t.yaml", { targets: ["typescript", target!] }).warnings;
      expect(warnings.map((w) => w.pointer)).toEqual(["/paths/~1up/post/requestBody/content/multipart~1form-data"]);
      expect(warnings.every((w) => new RegExp(` by the ${name} SDK: it passes the body as text`).test(w.message))).toBe(true);
    }
  });

  it("plan Blob downloads", () => {
    const view = planTypeScript(buildIr(doc, "t.yaml", { targets: ["typescript"] }).api, config);
    const up = view.groups.flatMap((g) => g.operations).find((o) => o.op.operationId === "up")!;
    expect(up.bodyFields).toMatchObject([{ name: "body", binary: true, contentType: "application/pdf" }]);
  });
});

describe("operation names", () => {
  it("x-speakeasy-name-override names the method, unique within its tag only", () => {
    const list = (tag: string) => ({ get: { tags: [tag], operationId: `list${tag}`, "x-speakeasy-name-override": "list", responses: NO_CONTENT } });
    const { api } = buildIr(document({ "/a": list("A"), "/b": list("B"), "/c": { get: { operationId: "list", responses: NO_CONTENT } } }), "t.yaml");
    expect(api.operations.map((o) => [o.operationId, o.nameOverride])).toEqual([["listA", "list"], ["listB", "list"], ["list", undefined]]);
    const view = planTypeScript(api, config);
    expect(view.groups.map((g) => g.operations.map((o) => [g.tag?.propertyName, o.methodName, o.funcName]))).toEqual([
      [["a", "list", "aList"]],
      [["b", "list", "bList"]],
      [[undefined, "list", "list"]],
    ]);
  });
});

describe("servers and parameters of operations", () => {
  const doc = document({
    "/x/{id}": {
      servers: [{ url: "https://{region}.example.com", variables: { region: { default: "eu", enum: ["eu", "us"] } } }],
      parameters: [
        { name: "id", in: "path", required: true, schema: { type: "string" } },
        { name: "X-Mode", in: "header", schema: { type: "string" } },
        { name: "mode", in: "query", schema: { type: "string" } },
      ],
      get: {
        operationId: "getX",
        parameters: [{ name: "x-mode", in: "header", required: true, schema: { type: "integer" } }],
        responses: NO_CONTENT,
      },
    },
  });

  it("an operation's parameter replaces the path item's of the same name (headers without case) and location", () => {
    const op = buildIr(doc, "t.yaml").api.operations[0]!;
    expect(op.params.map((p) => [p.in, p.wireName, p.required])).toEqual([
      ["path", "id", true], ["query", "mode", false], ["header", "x-mode", true],
    ]);
    expect(op.servers?.[0]?.url).toBe("https://{region}.example.com");
  });

  it("the variables of a path item's or operation's servers are client options", () => {
    const view = planTypeScript(buildIr(doc, "t.yaml").api, config);
    expect(view.options).toEqual([{ kind: "serverVariable", name: "region", variable: "region", default: "eu", values: ["eu", "us"] }]);
  });
});
