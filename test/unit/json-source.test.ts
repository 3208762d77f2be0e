import { readFileSync } from "node:fs";
import path from "node:path";
import { isCollection, isSeq, LineCounter, parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { joinPointer, splitPointer } from "../../generator/diagnostics.ts";
import { parseJsonSource } from "../../generator/load/json-source.ts";
import { REPO_ROOT } from "../helpers/generate.ts";

/** The line the YAML reader gives a pointer: the reference for the JSON reader. */
function yamlLines(source: string): (pointer: string) => number | undefined {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: false });
  return (pointer) => {
    let node: unknown = doc.contents;
    let last = node;
    for (const segment of splitPointer(pointer)) {
      if (!isCollection(node)) break;
      const next = node.get(isSeq(node) ? Number(segment) : segment, true);
      if (next === undefined) break;
      node = next;
      last = next;
    }
    const range = (last as { range?: number[] } | null)?.range;
    return range ? lineCounter.linePos(range[0]!).line : undefined;
  };
}

function pointers(value: unknown, pointer = "", out: string[] = []): string[] {
  out.push(pointer);
  if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) pointers(v, joinPointer(pointer, k), out);
  return out;
}

describe("JSON specs read natively", () => {
  it("gives the values and lines the YAML reader gives, in any lookup order", () => {
    const source = readFileSync(path.join(REPO_ROOT, "node_modules/@readme/oas-examples/3.1/json/train-travel.json"), "utf8");
    const parsed = parseJsonSource(source)!;
    expect(parsed.data).toEqual(JSON.parse(source));
    const reference = yamlLines(source);
    const all = [...pointers(parsed.data), "/nope", "/paths/nope/get", "/servers/01", "/servers/9", "/info/title/deeper"];
    for (const pointer of [...all].reverse()) expect(parsed.lineOf(pointer), pointer).toBe(reference(pointer));
  });

  it("reads escaped keys and strings with quotes and brackets", () => {
    const source = '{\n  "a\\"b": {\n    "x~/y": ["}", "\\\\", {\n      "z": 1\n    }]\n  },\n  "c": "]"\n}\n';
    const parsed = parseJsonSource(source)!;
    expect(parsed.data).toEqual({ 'a"b': { "x~/y": ["}", "\\", { z: 1 }] }, c: "]" });
    expect(parsed.lineOf("/c")).toBe(7);
    expect(parsed.lineOf("/a\"b/x~0~1y/2/z")).toBe(4);
    expect(parsed.lineOf("/a\"b/x~0~1y/1")).toBe(3);
  });

  it("leaves duplicate keys, invalid JSON and YAML to the YAML reader", () => {
    expect(parseJsonSource('{"a": 1, "b": {"c": 1, "c": 2}}')).toBeUndefined();
    expect(parseJsonSource('{"a": 1,}')).toBeUndefined();
    expect(parseJsonSource("openapi: 3.1.0\n")).toBeUndefined();
  });
});
