// The shared mypy cache (mypyStrict) must never turn a type error into a pass: a module checked clean and
// then changed in place, keeping its size and modification time, is still checked again.
import { mkdtemp, rm, stat, utimes, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { mypyStrict } from "./helpers.ts";

const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

it("reports an error brought in after a clean check of the same module", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "sdkgen-mypy-cache-"));
  dirs.push(dir);
  const module = path.join(dir, "cache_probe", "__init__.py");
  await mkdir(path.dirname(module));
  await writeFile(module, 'count: int = 1\n');
  const clean = await mypyStrict(["-p", "cache_probe"], { cwd: dir, env: { PYTHONPATH: dir } });
  expect(clean.stdout + clean.stderr).toContain("Success");
  const before = await stat(module);
  await writeFile(module, 'count: int="1"\n');
  await utimes(module, before.atime, before.mtime);
  expect((await stat(module)).size).toBe(before.size);
  const broken = await mypyStrict(["-p", "cache_probe"], { cwd: dir, env: { PYTHONPATH: dir } });
  expect(broken.stdout + broken.stderr).toContain("Incompatible types in assignment");
  expect(broken.code).not.toBe(0);
}, 120_000);
