// BundledFiles: a pointer into a bundled document is followed back to the file it was written in.
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { SpecFile } from "../../generator/load/origin.ts";
import { BundledFiles } from "../../generator/load/origin.ts";

const ROOT = path.resolve("/specs");
const at = (rel: string) => path.join(ROOT, rel);

/** Files as written; a "line" is the pointer's depth, plus 100 outside the entry file (enough to tell files apart). */
const FILES: Record<string, unknown> = {
  "entry.yaml": {
    paths: {
      "/pets": { $ref: "./paths/pets.yaml" },
      "/owners": { get: { responses: { 200: { content: { "application/json": { schema: { $ref: "models.yaml#/Owner" } } } } } } },
      "/lost": { $ref: "./missing.yaml" },
    },
    components: { schemas: { Local: { type: "string" } } },
  },
  "paths/pets.yaml": { get: { responses: { 200: { content: { "application/json": { schema: { $ref: "../models.yaml#/Pet" } } } } } } },
  "models.yaml": {
    Pet: { type: "object", properties: { owner: { $ref: "#/Owner" }, tag: { $ref: "#/Tag" } } },
    Owner: { type: "object", properties: { name: { type: "strin" } } },
    Tag: { $ref: "#/Label" },
    Label: { type: "string", enum: [1] },
    Loop: { $ref: "#/Loop" },
  },
};

function read(absolute: string): SpecFile | undefined {
  const rel = path.relative(ROOT, absolute).split(path.sep).join("/");
  const data = FILES[rel];
  return data === undefined ? undefined : { data, lineOf: (pointer) => pointer.split("/").length + (rel === "entry.yaml" ? 0 : 100) };
}

const { locate, nameOf } = new BundledFiles(at("entry.yaml"), read);
const shown = (rel: string) => path.relative(process.cwd(), at(rel));

describe("BundledFiles.locate", () => {
  it("follows a path item $ref, then a schema $ref into a third file", () => {
    expect(locate("/paths/~1pets/get/responses/200/content/application~1json/schema/properties/owner/properties/name/type")).toEqual({
      file: shown("models.yaml"), pointer: "/Owner/properties/name/type", line: 105,
    });
  });

  it("follows $refs that lead to $refs, within the referred file", () => {
    expect(locate("/paths/~1pets/get/responses/200/content/application~1json/schema/properties/tag/enum/0")).toEqual({
      file: shown("models.yaml"), pointer: "/Label/enum/0", line: 104,
    });
  });

  it("reports a pointer at the $ref itself where the $ref is written", () => {
    expect(locate("/paths/~1owners/get/responses/200/content/application~1json/schema/$ref")).toEqual({
      file: "/specs/entry.yaml", pointer: "/paths/~1owners/get/responses/200/content/application~1json/schema/$ref", line: 10,
    });
    expect(locate("/paths/~1pets/get")).toMatchObject({ file: shown("paths/pets.yaml"), pointer: "/get" });
  });

  it("keeps pointers of the entry file's own content there", () => {
    expect(locate("/components/schemas/Local/type")).toEqual({ file: "/specs/entry.yaml", pointer: "/components/schemas/Local/type", line: 5 });
  });

  it("falls back to the entry file and the bundle's pointer when the way cannot be followed", () => {
    for (const pointer of ["/paths/~1lost/get", "/paths/~1nowhere/get", "/paths/~1pets/get/responses/404"]) {
      expect(locate(pointer)).toEqual({ file: "/specs/entry.yaml", pointer, line: pointer.split("/").length });
    }
  });
});

describe("BundledFiles.locate on a cycle of $refs", () => {
  it("gives up after a bounded number of steps", () => {
    const loop = new BundledFiles(at("models.yaml"), read).locate;
    expect(loop("/Loop/type")).toEqual({ file: "/specs/models.yaml", pointer: "/Loop/type", line: 103 });
  });
});

describe("BundledFiles.nameOf", () => {
  it("names content by the file it is, or the key it sits under in its file", () => {
    expect(nameOf("/paths/~1pets")).toBe("pets");
    expect(nameOf("/paths/~1pets/get/responses/200/content/application~1json/schema")).toBe("Pet");
    expect(nameOf("/paths/~1pets/get/responses/200/content/application~1json/schema/properties/tag")).toBe("Label");
  });

  it("gives no name to the entry file's own content, nor to content deeper in a file", () => {
    expect(nameOf("/components/schemas/Local")).toBeUndefined();
    expect(nameOf("/paths/~1pets/get/responses")).toBeUndefined();
    expect(nameOf("/paths/~1lost")).toBeUndefined();
  });
});
