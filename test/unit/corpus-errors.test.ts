// The corpus summary groups failures by their first error with names, numbers and paths taken out.
import { describe, expect, it } from "vitest";
import { classify, firstError } from "../../scripts/corpus-errors.ts";

describe("corpus error classes", () => {
  it("find each tool's first error line", () => {
    expect(firstError("typescript", "p0/typescript/src/a.ts(3,1): error TS2322: Type 'A' is not assignable to type 'B'.\nnext")).toMatch(/^p0.*TS2322/);
    expect(firstError("python", "Success?\npkg/sdk.py:12: error: Name \"x\" is not defined  [name-defined]\nFound 1 error")).toBe('pkg/sdk.py:12: error: Name "x" is not defined  [name-defined]');
    expect(firstError("go", "# example.com/m/models\nmodels/a.go:8:7: invalid use of type alias A in recursive type")).toBe("models/a.go:8:7: invalid use of type alias A in recursive type");
    expect(firstError("csharp", "  Restored x\n/t/A.cs(1,2): error CS1522: Empty switch block [/t/p.csproj]")).toBe("/t/A.cs(1,2): error CS1522: Empty switch block [/t/p.csproj]");
    expect(firstError("php", "Parse error: syntax error, unexpected token \"{\" in /t/A.php on line 1")).toMatch(/^Parse error/);
  });

  it("give one class to one defect met under different names", () => {
    const a = classify("go", "models/components/predicate.go:8:7: invalid use of type alias PredicateList in recursive type (see issue #50729)");
    const b = classify("go", "models/components/componentchild.go:8:12: invalid use of type alias ComponentChildList in recursive type (see issue #50729)");
    expect(a).toBe(b);
    expect(a).toBe("invalid use of type alias … in recursive type (see issue #N)");
    expect(classify("csharp", "/tmp/p15/A.cs(252,71): error CS0453: The type 'bool?' must be a non-nullable value type [/tmp/p15/A.csproj]")).toBe("CS0453: The type '…' must be a non-nullable value type");
    expect(classify("generate", "error: /tmp/corpus/a.json:1 #/components/schemas/X/enum: enum values must all be strings")).toBe("enum values must all be strings");
  });

  it("keep different defects apart", () => {
    expect(classify("csharp", "/t/A.cs(1,2): error CS1522: Empty switch block")).not.toBe(classify("csharp", "/t/A.cs(1,2): error CS9042: Required member 'A.B' should not be attributed"));
  });
});
