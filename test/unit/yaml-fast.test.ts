import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { joinPointer } from "../../generator/diagnostics.ts";
import { MAX_NESTING } from "../../generator/load/load.ts";
import { parseYamlFast } from "../../generator/load/yaml-fast.ts";
import { parseYamlFull } from "../../generator/load/yaml-full.ts";
import { GenerationError } from "../../generator/diagnostics.ts";

// The fast reader is only allowed to disagree with the full one by giving up.

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

/** What the full reader makes of a text: its data, or the fact that it refuses it or warns. */
function fullRead(source: string): { data: unknown; lineOf(pointer: string): number | undefined } | "refused" {
  try {
    const parsed = parseYamlFull("spec.yaml", source);
    return parsed.warnings.length > 0 ? "refused" : parsed;
  } catch (error) {
    if (error instanceof GenerationError) return "refused";
    throw error;
  }
}

/** Every pointer to a mapping or list in a value. */
function containerPointers(root: unknown): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[root, ""]];
  while (stack.length > 0) {
    const [value, pointer] = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    found.push(pointer);
    for (const [key, child] of Object.entries(value)) stack.push([child, joinPointer(pointer, key)]);
  }
  return found;
}

function expectAgreement(source: string, label: string): "fast" | "gave up" {
  const fast = parseYamlFast(source, MAX_NESTING + 1);
  if (fast === undefined) return "gave up";
  const full = fullRead(source);
  expect(full, `${label}: the fast reader accepted what the full reader refuses or warns about`).not.toBe("refused");
  if (full === "refused") return "fast";
  expect(isDeepStrictEqual(fast.data, full.data), `${label}: both readers give the same data`).toBe(true);
  for (const pointer of containerPointers(full.data)) {
    expect(fast.lineOf(pointer), `${label} #${pointer}`).toBe(full.lineOf(pointer));
  }
  return "fast";
}

describe("fast YAML reader", () => {
  const files = [...yamlFiles("test/fixtures"), ...yamlFiles("node_modules/@readme/oas-examples")];

  it("reads every YAML fixture and example spec as the full reader does, lines of mappings and lists included", () => {
    const outcomes = files.map((file) => expectAgreement(readFileSync(file, "utf8"), file));
    // Only the documents with anchors or duplicate keys are left to the full reader.
    expect(outcomes.filter((o) => o === "gave up").length).toBeLessThanOrEqual(5);
    expect(files.length).toBeGreaterThan(500);
  });

  it("takes the Plex specs", () => {
    for (const file of ["test/fixtures/plex-2026-01/plex-api-spec.yaml", "test/fixtures/plex-2025-09/pms-spec.yaml"]) {
      expect(parseYamlFast(readFileSync(file, "utf8"), MAX_NESTING + 1), file).toBeDefined();
    }
  });

  it("answers undefined for pointers that end at a scalar, so the full reader gives their line", () => {
    const fast = parseYamlFast("info:\n  title: t\n  version: '1'\npaths: {}\n", 10)!;
    expect(fast.lineOf("/info")).toBe(2);
    expect(fast.lineOf("/paths")).toBe(4);
    expect(fast.lineOf("/info/title")).toBeUndefined();
  });

  // Scalars whose reading differs between YAML 1.1, YAML 1.2 and js-yaml's own defaults, and
  // constructs the full reader refuses or warns about.
  const snippets: Record<string, string> = {
    "core numbers": "a: [0o17, 0x1F, 017, +12, -0, 1e3, 1.5E-2, .5, 5., .inf, -.inf, +.inf, .nan, .NaN, 1_000, 0b101, 1:20]\n",
    "core booleans and nulls": "a: [true, True, TRUE, yes, no, on, off, y, n, ~, null, Null, NULL, '', tRUE]\n",
    "timestamps stay strings": "a: 2001-12-14\nb: 2001-12-14t21:59:43.10-05:00\n",
    "keys that are not strings": "200: a\n1.50: b\ntrue: c\n~: d\nnull: e\n",
    "quoted and escaped": "a: \"\\u00e9\\t\\x41\"\nb: 'it''s'\nc: \"line\\\n  next\"\n",
    "quoted scalar continued at the key's column": "c: \"line\nnext\"\n",
    "flow list continued at the key's column": "a:\n  b: [1,\n  2]\n",
    "flow map closed at the key's column": "a:\n  b: {x: 1,\n   y: 2\n  }\n",
    "escaped line break before an empty line": "a: \"x\\\n\n  y\"\n",
    "block list item under its parent's column": "h:\n      -\n- x\n",
    "pair with a list key inside a flow list": "[1,\n [a]: b\n 2]\n",
    "indented document": "   a: 1\n",
    "block scalar with a tab line": "a: |\n    x\n \t\n",
    "block scalars": "a: |\n  one\n  two\nb: >-\n  folded\n  text\n\n  para\nc: |+\n  kept\n\nd: x\n",
    "plain multi-line": "a: one\n  two\n\n  three\n",
    "merge key": "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n",
    "a written merge key without aliases": "c:\n  <<: {x: 1}\n",
    "proto key": "__proto__: {polluted: true}\nconstructor: x\n",
    "explicit tags": "a: !!str 12\nb: !!int '7'\nc: !custom x\n",
    "binary tag": "a: !!binary aGVsbG8=\n",
    "anchors and aliases": "a: &x [1]\nb: *x\n",
    "alias without anchor": "a: *x\n",
    "duplicate keys": "a: 1\na: 2\n",
    "collection as key": "? [a, b]\n: c\n",
    "flow collection as key": "{[a]: 1}\n",
    "complex plain key": "? a\n: b\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "document markers": "---\na: 1\n...\n",
    "directive": "%YAML 1.1\n---\na: yes\n",
    "tabs as indentation": "a:\n\tb: 1\n",
    "tab after value": "a: 1\t\nb:\t2\n",
    "comments everywhere": "# top\na: # after key\n  # inside\n  b: 1 # after value\n  c:\n    - 1 # item\n    # between\n    - {d: 2} # flow\n",
    "flow in block": "a: {b: [1, 2, {c: d}], e: 'f'}\nf: [ ]\n",
    "compact sequences": "a:\n- b: 1\n  c: [2]\n- - 3\n  - 4\n",
    "empty values": "a:\nb: ~\nc: []\nd: {}\n",
    "long implicit key": `${"k".repeat(1500)}: v\n`,
    "unicode": "名前: \"値 🎉\"\n",
    "scalar document": "just text\n",
    "empty document": "",
    "only a comment": "# nothing\n",
    "bad indentation": "a:\n  b: 1\n c: 2\n",
    "unclosed flow": "a: [1, 2\n",
    "unclosed quote": "a: \"open\n",
    "colon in plain scalar": "a: b:c\nd: http://x/y\n",
    "keys with spaces and quotes": "\"a b\": 1\n'c: d': 2\n? e\n",
  };

  for (const [name, source] of Object.entries(snippets)) {
    it(`${name}: read alike or left to the full reader`, () => {
      expectAgreement(source, name);
    });
  }

  it("takes ordinary documents rather than giving up on them", () => {
    for (const name of ["core numbers", "core booleans and nulls", "quoted and escaped", "block scalars", "comments everywhere", "flow in block", "compact sequences", "unicode"]) {
      expect(parseYamlFast(snippets[name]!, 10), name).toBeDefined();
    }
  });

  it("gives up on anchors, tags, directives and several documents", () => {
    for (const name of ["anchors and aliases", "merge key", "explicit tags", "binary tag", "directive", "two documents", "duplicate keys", "alias without anchor"]) {
      expect(parseYamlFast(snippets[name]!, 10), name).toBeUndefined();
    }
  });

  it("gives up beyond the nesting limit", () => {
    const deep = `${"[".repeat(40)}${"]".repeat(40)}`;
    expect(parseYamlFast(deep, 30)).toBeUndefined();
    expect(parseYamlFast(deep, 50)).toBeDefined();
  });

  it("agrees on generated documents, their indentation disturbed on one line (seeded)", () => {
    const key = fc.constantFrom("a", "200", "x-y", "k k", "#h", "-", "?", "1.5", "true", "~", "é");
    const text = fc.constantFrom("text", "a long text that the dumper wraps over several lines at this width", "line1\nline2\n", "  lead", "x: y", "# no", "- item", "[1]", "'q'", "\"d\"", "", "12", "1e3", "null", "tab\there", "trail ");
    const { value } = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, text, fc.integer(), fc.double({ noNaN: true }), fc.boolean(), fc.constant(null),
        fc.array(tie("value"), { maxLength: 3 }), fc.dictionary(key, tie("value"), { maxKeys: 3 })),
    }));
    const documents = fc.record({
      data: fc.dictionary(key, value, { minKeys: 1, maxKeys: 4 }),
      lineWidth: fc.constantFrom(20, 40, 80),
      flow: fc.boolean(),
      indent: fc.constantFrom(2, 4),
      indentSeq: fc.boolean(),
      line: fc.nat(),
      shift: fc.constantFrom(-3, -2, -1, 0, 1, 2),
      crlf: fc.boolean(),
    }).map(({ data, lineWidth, flow, indent, indentSeq, line, shift, crlf }) => {
      const lines = stringify(data, { lineWidth, minContentWidth: 5, indent, indentSeq, collectionStyle: flow ? "flow" : "any" }).split("\n");
      const at = line % lines.length;
      lines[at] = shift >= 0 ? " ".repeat(shift) + lines[at]! : lines[at]!.replace(new RegExp(`^ {0,${-shift}}`), "");
      return lines.join(crlf ? "\r\n" : "\n");
    });
    let taken = 0;
    fc.assert(fc.property(documents, (source) => {
      if (expectAgreement(source, JSON.stringify(source)) === "fast") taken++;
    }), { numRuns: 3000, seed: 20261129 });
    expect(taken).toBeGreaterThan(2000);
  });
});
