import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generate } from "../../generator/pipeline.ts";
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

  it("the Plex spec has none of them", async () => {
    const { warnings } = await generate(await plexConfig());
    expect(warnings.filter((w) => /not supported yet/.test(w.message))).toEqual([]);
  });
});
