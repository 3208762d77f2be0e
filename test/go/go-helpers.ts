// Helpers of the Go target's tests: temporary modules and the go tool, offline.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../helpers/generate.ts";

const run = promisify(execFile);

export const GENERATED_GO = path.join(REPO_ROOT, "generated/go");

/** Runs the go tool (or gofmt) offline; returns stdout and stderr, throwing with both on failure. */
export async function go(args: string[], cwd: string, command = "go"): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(command, args, {
      cwd,
      env: { ...process.env, GOPROXY: "off", GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local", GOWORK: "off" },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 300_000,
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(" ")} failed in ${cwd}:\n${e.stdout ?? ""}${e.stderr ?? e.message}`);
  }
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `sdkgen-go-${prefix}-`));
}

/** Writes generated files (paths under go/) into a folder. */
export async function writeGoFiles(files: Map<string, string>, dir: string): Promise<void> {
  for (const [rel, content] of files) {
    if (!rel.startsWith("go/")) continue;
    const target = path.join(dir, rel.slice(3));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** A module that depends on the SDK in `sdkDir` through a replace directive, with the given files. */
export async function clientModule(sdkDir: string, files: Record<string, string>, prefix = "client"): Promise<string> {
  const dir = await tempDir(prefix);
  await writeFile(path.join(dir, "go.mod"),
    `module sdkgen.local/${prefix}\n\ngo 1.19\n\nrequire github.com/sdkgen/plexgo v0.0.0\n\nreplace github.com/sdkgen/plexgo => ${sdkDir}\n`);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), content);
  }
  return dir;
}

export { cp };
