import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.ts";
import { buildIr } from "../../generator/ir/build.ts";
import { plexConfig } from "../helpers/generate.ts";

const SPEC = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /up:
    post:
      operationId: upload
      requestBody:
        content:
          application/xml:
            schema: {type: object, properties: {file: {type: string}}}
      responses:
        "200":
          description: ok
          content:
            application/vnd.api+xml:
              schema: {type: string}
`;

const TYPESCRIPT_ONLY = `openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /up:
    post:
      operationId: upload
      requestBody:
        content:
          multipart/form-data:
            schema: {type: object, properties: {file: {type: string, format: binary}}}
      responses:
        "200":
          description: ok
          content:
            image/png:
              schema: {type: string, format: binary}
`;

describe("features not supported yet", () => {
  it("are reported as warnings with file, line and pointer, never dropped silently", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-unsupported-"));
    const spec = path.join(dir, "api.yaml");
    await writeFile(spec, SPEC);
    const { warnings } = await generate(await plexConfig({ spec }));
    expect(warnings.map((w) => [w.severity, w.pointer, w.line])).toEqual(
      expect.arrayContaining([
        ["warning", "/paths/~1up/post/requestBody/content/application~1xml", 10],
        ["warning", "/paths/~1up/post/responses/200/content/application~1vnd.api+xml", 16],
      ]),
    );
    expect(warnings.find((w) => w.pointer.endsWith("application~1xml"))?.message).toMatch(/application\/xml are not supported yet/);
  });

  it("multipart bodies, which the Python, Go, C# and PHP SDKs pass as text, are warned about for them", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-unsupported-"));
    const spec = path.join(dir, "api.yaml");
    await writeFile(spec, TYPESCRIPT_ONLY);
    const { warnings } = await generate(await plexConfig({ spec }));
    // The default config's Python overlay, written for spec/, warns about this spec too: only the spec's own warnings count here.
    expect(warnings.filter((w) => w.file === spec).map((w) => [w.pointer, w.line, w.message])).toEqual([
      ["/paths/~1up/post/requestBody/content/multipart~1form-data", 10, "request bodies of type multipart/form-data are not supported yet by the Python, Go, C# and PHP SDKs: they pass the body as text (the TypeScript SDK supports them)"],
    ]);
    const doc = parse(TYPESCRIPT_ONLY) as Record<string, unknown>;
    expect(buildIr(doc, "api.yaml", { targets: ["typescript"] }).warnings).toEqual([]);
    expect(buildIr(doc, "api.yaml", { targets: ["typescript", "python"] }).warnings.map((w) => w.message)).toEqual([
      "request bodies of type multipart/form-data are not supported yet by the Python SDK: it passes the body as text (the TypeScript SDK supports them)",
    ]);
  });

  it("a discriminator on an allOf base, and bodies offered in several media types, are warned about", () => {
    const doc = parse(`openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /pets:
    post:
      operationId: addPet
      requestBody:
        content:
          application/json: {schema: {$ref: "#/components/schemas/Pet"}}
          application/xml: {schema: {$ref: "#/components/schemas/Pet"}}
      responses:
        "200":
          description: ok
          content:
            application/json: {schema: {$ref: "#/components/schemas/Pet"}}
            text/plain: {schema: {type: string}}
        "201":
          description: a picture
          content:
            image/png: {schema: {type: string, format: binary}}
            image/jpeg: {schema: {type: string, format: binary}}
        "202":
          description: the same JSON under two names
          content:
            application/json: {schema: {$ref: "#/components/schemas/Pet"}}
            application/vnd.pets+json: {schema: {$ref: "#/components/schemas/Pet"}}
components:
  schemas:
    Pet:
      type: object
      required: [petType]
      properties: {petType: {type: string}}
      discriminator: {propertyName: petType}
    Cat:
      allOf:
        - $ref: "#/components/schemas/Pet"
        - {type: object, properties: {lives: {type: integer}}}
`) as Record<string, unknown>;
    const warnings = buildIr(doc, "api.yaml", { targets: ["typescript"] }).warnings.map((w) => [w.pointer, w.message]);
    expect(warnings).toEqual(expect.arrayContaining([
      ["/components/schemas/Pet/discriminator", expect.stringMatching(/^a discriminator without oneOf or anyOf .* not supported yet/)],
      ["/paths/~1pets/post/requestBody/content", "request bodies in several media types (application/json, application/xml) are not supported yet: the SDK sends application/json only"],
      ["/paths/~1pets/post/responses/200/content", "responses in several media types (application/json, text/plain) are not supported yet: the SDK reads application/json only"],
    ]));
    // Bytes are read alike whatever their type, and JSON of one schema too: no warning for those choices.
    expect(warnings.filter(([pointer]) => pointer!.includes("/201/") || pointer!.includes("/202/"))).toEqual([]);
    expect(warnings.filter(([pointer]) => pointer === "/components/schemas/Pet/discriminator")).toHaveLength(1);
  });

  it("a problem of a shared component is told once, not once per operation using it", () => {
    const doc = parse(`openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /a:
    get:
      operationId: getA
      responses: {"200": {description: ok}, "400": {$ref: "#/components/responses/BadRequest"}}
  /b:
    get:
      operationId: getB
      responses: {"200": {description: ok}, "400": {$ref: "#/components/responses/BadRequest"}}
components:
  responses:
    BadRequest:
      description: bad
      content:
        application/json: {schema: {type: object, properties: {message: {type: string}}}}
        application/scim+json: {schema: {type: object, properties: {detail: {type: string}}}}
`) as Record<string, unknown>;
    const warnings = buildIr(doc, "api.yaml", { targets: ["typescript"] }).warnings;
    expect(warnings.map((w) => w.pointer)).toEqual(["/components/responses/BadRequest/content"]);
  });

  it("the Plex spec has none of them", async () => {
    const { warnings } = await generate(await plexConfig());
    expect(warnings.filter((w) => /not supported yet/.test(w.message))).toEqual([]);
  });
});
