// The Python SDK's documentation: every ```python sample compiles, is black-formatted and type-checks
// (mypy --strict) against the generated package; links between pages resolve.
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers/generate.ts";
import { PY_SRC, runPython, mypyStrict } from "./helpers.ts";

const DOCS_ROOT = path.join(REPO_ROOT, "generated/python");

async function markdownFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "src") out.push(...(await markdownFiles(full)));
    else if (entry.name.endsWith(".md")) out.push(full);
  }
  return out.sort();
}

function pythonBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^(`{3,})python\n([\s\S]*?)\n\1$/gm)].map((m) => `${m[2]!}\n`);
}

describe("Python SDK docs", () => {
  it("has samples, and every one is black-formatted, compiles and type-checks", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "sdkgen-py-samples-"));
    const names: string[] = [];
    for (const file of await markdownFiles(DOCS_ROOT)) {
      const blocks = pythonBlocks(await readFile(file, "utf8"));
      for (const [i, code] of blocks.entries()) {
        const name = `${path.relative(DOCS_ROOT, file).replace(/\W+/g, "_")}_${i}.py`;
        await writeFile(path.join(dir, name), code);
        names.push(name);
      }
    }
    // The README, one page per resource (four operations), and one page per enum.
    expect(names.length).toBeGreaterThan(10);
    const black = await runPython(["-m", "black", "--check", "--diff", "-q", dir]);
    expect(black.stdout + black.stderr).toBe("");
    const compiled = await runPython(["-m", "compileall", "-q", dir], { env: { PYTHONPYCACHEPREFIX: path.join(dir, "cache") } });
    expect(compiled.code, compiled.stdout).toBe(0);
    const mypy = await mypyStrict(names, { cwd: dir, env: { MYPYPATH: PY_SRC } });
    expect(mypy.stdout + mypy.stderr).toContain("Success");
  }, 240_000);

  it("shows the seed's calls and parameter names", async () => {
    const page = await readFile(path.join(DOCS_ROOT, "docs/sdks/authentication/README.md"), "utf8");
    expect(page).toContain("type_=operations.GetTransientTokenQueryParamType.DELEGATION");
    expect(page).toContain("scope=operations.Scope.ALL");
    expect(page).toContain('"request_body": {');
    expect(page).toContain('"verification_code": "123456"');
    for (const row of ["| `type_` |", "| `scope` |", "| `retries` |", "| `server_url` |", "| `request` |"]) expect(page).toContain(row);
    expect(page).toContain("| [errors.GetTransientTokenBadRequest](../../models/errors/gettransienttokenbadrequest.md) | 400 | application/json |");
    expect(page).not.toContain("```typescript");
    expect(page).not.toContain("Standalone function");
  });

  it("links only to pages that exist", async () => {
    for (const file of await markdownFiles(DOCS_ROOT)) {
      const text = await readFile(file, "utf8");
      for (const m of text.matchAll(/\]\(([^)#\s]+\.md)(#[^)]*)?\)/g)) {
        expect(existsSync(path.resolve(path.dirname(file), m[1]!)), `${path.relative(DOCS_ROOT, file)} -> ${m[1]}`).toBe(true);
      }
    }
  });
});
