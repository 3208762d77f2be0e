// The small pieces the hostile-strings suite relies on, each pinned on its own.
import { describe, expect, it } from "vitest";
import { NameScope } from "../../generator/naming/namer.ts";
import { cell, codeSpan } from "../../generator/docs/markdown.ts";
import { indexedValue, propertyKey, quotedKey } from "../../generator/targets/typescript/literals.ts";
import { isObjectMember } from "../../generator/targets/typescript/words.ts";
import { isShadowingTypeName } from "../../generator/naming/type-names.ts";

describe("NameScope numeric suffixes", () => {
  it("never hands out a reserved name, suffixed ones included", () => {
    const scope = new NameScope((n) => n === "constructor" || n === "constructor2");
    expect(scope.claim(["constructor"])).toBe("constructor3");
  });

  it("throws rather than loop forever when every suffix is reserved", () => {
    const scope = new NameScope((n) => n.startsWith("_"));
    expect(() => scope.claim(["_x"])).toThrow(/no free name/);
  });
});

describe("words", () => {
  it("knows Object.prototype's members, and the runtime's Schema type as a name models must not take", () => {
    for (const name of ["constructor", "toString", "valueOf", "hasOwnProperty", "__proto__"]) expect(isObjectMember(name), name).toBe(true);
    for (const name of ["then", "class", "name", "proto"]) expect(isObjectMember(name), name).toBe(false);
    expect(isShadowingTypeName("Schema")).toBe(true);
  });
});

describe("literals", () => {
  it("writes __proto__ as a computed key, quoted or not", () => {
    expect(propertyKey("__proto__")).toBe('["__proto__"]');
    expect(quotedKey("__proto__")).toBe('["__proto__"]');
    expect(quotedKey("accessToken")).toBe('"accessToken"');
    expect(propertyKey("accessToken")).toBe("accessToken");
  });

  it("keeps literal types under keys TypeScript would type from Object.prototype", () => {
    expect(indexedValue("toString", '{ t: "ref" }')).toBe('{ t: "ref" } as const');
    expect(indexedValue("constructor", "{ s: $string }")).toBe("{ s: $string } as const");
    expect(indexedValue("name", "{ s: $string }")).toBe("{ s: $string }");
  });
});

describe("Markdown cells", () => {
  it("ends no table row early on a lone CR", () => {
    expect(cell("a\rb\r\nc\nd")).toBe("a<br/>b<br/>c<br/>d");
  });

  it("gives a code span a delimiter longer than the backticks inside", () => {
    expect(codeSpan("https://x/`${y}`")).toBe("`` https://x/`${y}` ``");
    expect(codeSpan("a|b")).toBe("`a\\|b`");
  });
});
