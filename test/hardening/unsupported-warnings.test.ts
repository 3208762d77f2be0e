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
          multipart/form-data:
            schema: {type: object, properties: {file: {type: string, format: binary}}}
      responses:
        "200":
          description: ok
          content:
            application/octet-stream:
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
        ["warning", "/paths/~1up/post/requestBody/content/multipart~1form-data", 10],
        ["warning", "/paths/~1up/post/responses/200/content/application~1octet-stream", 16],
      ]),
    );
    expect(warnings.find((w) => w.pointer.endsWith("multipart~1form-data"))?.message).toMatch(/multipart\/form-data are not supported yet/);
  });

  it("the Plex spec has none of them", async () => {
    const { warnings } = await generate(await plexConfig());
    expect(warnings.filter((w) => /not supported yet/.test(w.message))).toEqual([]);
  });
});
