// The Go SDK's documentation: every ```go sample compiles against the generated SDK; pages follow the seed.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clientModule, go, GENERATED_GO } from "./go-helpers.ts";

const PAGES = ["README.md", "docs/sdks/authentication/README.md"];

async function samples(): Promise<Array<{ page: string; code: string }>> {
  const out: Array<{ page: string; code: string }> = [];
  for (const page of PAGES) {
    const text = await readFile(path.join(GENERATED_GO, page), "utf8");
    for (const m of text.matchAll(/^(`{3,})go\n([\s\S]*?)\n\1$/gm)) out.push({ page, code: m[2]! });
  }
  return out;
}

describe("Go docs", () => {
  it("has a full program for each operation and for each README feature", async () => {
    const all = await samples();
    expect(all.filter((s) => s.page !== "README.md")).toHaveLength(4);
    expect(all.filter((s) => s.page === "README.md").length).toBeGreaterThanOrEqual(5);
    for (const s of all) expect(s.code).toMatch(/^package main\n/);
  });

  it("samples vet and build", async () => {
    const files: Record<string, string> = {};
    (await samples()).forEach((s, i) => (files[`sample${i}/main.go`] = s.code));
    const dir = await clientModule(GENERATED_GO, files, "samples");
    await go(["vet", "./..."], dir);
    await go(["build", "./..."], dir);
  }, 300_000);

  it("documents parameters, response and errors as the seed does", async () => {
    const page = await readFile(path.join(GENERATED_GO, "docs/sdks/authentication/README.md"), "utf8");
    expect(page).toContain("s.Authentication.GetTransientToken(ctx, operations.GetTransientTokenQueryParamTypeDelegation, operations.ScopeAll)");
    expect(page).toContain("| `type_` | `operations.GetTransientTokenQueryParamType` | :heavy_check_mark: |");
    expect(page).toContain("| `ctx` | [context.Context](https://pkg.go.dev/context#Context) | :heavy_check_mark: |");
    expect(page).toContain("| `*sdkerrors.GetTransientTokenBadRequest` | 400 | application/json |");
    expect(page).toContain("`*operations.GetTokenDetailsResponse`, `error`");
    expect(page).toContain("if res.UserPlexAccount != nil {");
    expect(page).not.toContain("Standalone function");
  });
});
