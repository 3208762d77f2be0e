import fc from "fast-check";
import path from "node:path/posix";
import { describe, expect, it } from "vitest";
import { relativePath } from "../../generator/docs/doc-paths.ts";

describe("relativePath", () => {
  it("is path.relative from the page's folder, for any path", () => {
    const segment = fc.constantFrom("docs", "models", "a", "A", "..", ".", "...", "", "x.md", "README.md");
    const pagePath = fc.array(segment, { minLength: 1, maxLength: 5 }).map((s) => s.join("/"));
    const maybeAbsolute = fc.tuple(fc.boolean(), pagePath).map(([abs, p]) => (abs ? `/${p}` : p));
    fc.assert(fc.property(maybeAbsolute, maybeAbsolute, (from, to) => {
      expect(relativePath(from, to)).toBe(path.relative(path.dirname(from), to));
    }), { numRuns: 5000 });
  });
});
