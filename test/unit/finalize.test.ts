import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { finalizeFile } from "../../generator/output/finalize.ts";

/** finalizeFile as it was written before its fast paths: every replacement run on every file. */
function finalizeEverywhere(path: string, text: string): string {
  let content = text.replace(/\r\n?/g, "\n");
  if (!path.endsWith(".md")) content = content.replace(/[ \t]+$/gm, "");
  let end = content.length;
  while (end > 0 && content.charCodeAt(end - 1) === 10) end--;
  return `${content.slice(0, end)}\n`;
}

describe("finalizeFile", () => {
  it("skips a replacement only where it would change nothing", () => {
    const piece = fc.constantFrom("a", " ", "\t", "\n", "\r", "\r\n", "\u2028", "\u2029", "  x", "}\n");
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), fc.constantFrom("x.json", "x.md"), (pieces, path) => {
      const text = pieces.join("");
      expect(finalizeFile({ path, content: text }).content).toBe(finalizeEverywhere(path, text));
    }), { numRuns: 2000 });
  });
});
