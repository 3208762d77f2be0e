// Runs Debian's Python (which has httpx, mypy and black) for the Python SDK's tests.
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../helpers/generate.ts";

export const PYTHON = "/usr/bin/python3";
export const PY_SRC = path.join(REPO_ROOT, "generated/python/src");

export interface PyResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs python3 without blocking the event loop (tests serve HTTP from this process). */
export function runPython(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): Promise<PyResult> {
  return new Promise((resolve) => {
    const child = execFile(
      PYTHON,
      args,
      {
        cwd: options.cwd ?? REPO_ROOT,
        env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1", MYPY_CACHE_DIR: "/dev/null", ...options.env },
        maxBuffer: 64 * 1024 * 1024,
        timeout: 240_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof (error as { code?: unknown }).code === "number" ? (error as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/**
 * mypy --strict on the given targets (packages as `-p name`, or files). Each test worker keeps a mypy cache
 * of the system's modules only (typeshed's stubs, httpx): they are then read once, not per check (about 12 s
 * a check, against 1–2 s). Everything else is dropped from the cache after each check, because mypy trusts a
 * cached module whose size and modification time are unchanged, and a test may rewrite a file within a second.
 */
export async function mypyStrict(targets: string[], options: { cwd?: string; env?: Record<string, string>; pythonVersion?: string } = {}): Promise<PyResult> {
  const cache = path.join(tmpdir(), "sdkgen-mypy-cache", `worker-${process.env["VITEST_POOL_ID"] ?? "0"}`);
  const version = options.pythonVersion ? ["--python-version", options.pythonVersion] : [];
  try {
    return await runPython(["-m", "mypy", "--strict", ...version, ...targets], { ...options, env: { ...options.env, MYPY_CACHE_DIR: cache } });
  } finally {
    await keepSystemModules(cache);
  }
}

/** Removes from a mypy cache every module whose source is not a system file (under /usr/). */
async function keepSystemModules(cache: string): Promise<void> {
  const entries = await readdir(cache, { recursive: true }).catch(() => [] as string[]);
  await Promise.all(entries.filter((e) => e.endsWith(".meta.json")).map(async (entry) => {
    const meta = path.join(cache, entry);
    const source = (JSON.parse(await readFile(meta, "utf8").catch(() => "{}")) as { path?: unknown }).path;
    if (typeof source === "string" && source.startsWith("/usr/")) return;
    await rm(meta, { force: true });
    await rm(meta.replace(/\.meta\.json$/, ".data.json"), { force: true });
  }));
}

/** Runs a Python script against a package source folder (the generated SDK by default). */
export function runScript(code: string, env: Record<string, string> = {}, src = PY_SRC): Promise<PyResult> {
  return runPython(["-c", code], { env: { PYTHONPATH: src, ...env } });
}

/** Writes generated files (paths relative to a target folder) below a fresh temporary folder. */
export async function writeTree(files: Map<string, string>, prefix: string): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), "sdkgen-py-"));
  for (const [file, content] of files) {
    if (!file.startsWith(prefix)) continue;
    const target = path.join(root, file.slice(prefix.length));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return root;
}
