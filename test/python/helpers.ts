// Runs Debian's Python (which has httpx, mypy and black) for the Python SDK's tests.
import { execFile } from "node:child_process";
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
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
