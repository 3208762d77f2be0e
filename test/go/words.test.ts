// Go literals, comments and names made from spec text: nothing can end a literal or a comment early.
import { describe, expect, it } from "vitest";
import { alignRows, commentLines, exportedName, goString, localName, tagLiteral } from "../../generator/targets/go/words.ts";

describe("Go words", () => {
  it("quotes any string as a Go literal of printable ASCII", () => {
    expect(goString('a"b\\c\n\r\t')).toBe('"a\\"b\\\\c\\n\\r\\t"');
    expect(goString("\u2028\u2029\ufeff\0")).toBe('"\\u2028\\u2029\\ufeff\\x00"');
    expect(goString("\\/")).toBe('"\\\\/"');
    expect(goString("😀")).toBe('"\\U0001f600"');
    expect(goString("\ud800x\udc00")).toBe('"\\ufffdx\\ufffd"');
    expect(goString("ä")).toBe('"\\u00e4"');
  });

  it("keeps every comment line behind //, without control characters or gofmt-sensitive shapes", () => {
    expect(commentLines("a */ b\r\nc\u2028d\n\n\n  - item\n# heading\n[x]: http://y\0")).toEqual([
      "// a * / b", "// c", "// d", "//", "// - item", "// \u200b# heading", "// \u200b[x]: http://y",
    ]);
    expect(commentLines("\n\n")).toEqual([]);
  });

  it("keeps gofmt from turning a line alone between paragraphs into a heading", () => {
    const text = (line: string) => `Intro.\n\n${line}\n\nMore text.`;
    expect(commentLines(text("An Open Source OpenAPI Specification for Plex"))[2]).toBe("// \u200bAn Open Source OpenAPI Specification for Plex");
    expect(commentLines(text("Plex's v1.2 API, 2025"))[2]).toBe("// \u200bPlex's v1.2 API, 2025");
    // Not headings (each checked with gofmt): lower case, closing punctuation, a colon, a bare "." or "'", or nothing after the line.
    for (const line of ["an open spec", "A sentence.", "Note: this", "Ends with v1. Then more", "Its' own", "Plex's v1.2 API, 2025 (beta)"]) {
      expect(commentLines(text(line))[2], line).toBe(`// ${line}`);
    }
    expect(commentLines("Intro.\n\nLast Line")[2]).toBe("// Last Line");
  });

  it("makes exported and local names", () => {
    expect(exportedName("X-Plex-Client-Identifier")).toBe("XPlexClientIdentifier");
    expect(exportedName("1st")).toBe("X1St");
    expect(exportedName("")).toBe("X");
    expect(localName("type")).toBe("type_");
    expect(localName("string")).toBe("string_");
    expect(localName("X-Plex-Product")).toBe("xPlexProduct");
  });

  it("writes struct tags raw unless they hold a backquote", () => {
    expect(tagLiteral('json:"a"')).toBe('`json:"a"`');
    expect(tagLiteral('json:"a`b"')).toBe('"json:\\"a`b\\""');
  });

  it("aligns columns as gofmt does", () => {
    expect(alignRows([["A", "int", "`x`"], ["Bbb", "*string", "`y`"]])).toEqual(["\tA   int     `x`", "\tBbb *string `y`"]);
  });
});
