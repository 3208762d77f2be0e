// Helpers of the PHP target's tests: generated SDKs written out, PHP run without Composer (a PSR-4
// autoloader of our own plus Debian's Guzzle and PSR autoloaders), many files linted in a few processes.
import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** Debian's autoloaders of what the generated SDK requires (guzzlehttp/guzzle, psr/http-client, psr/http-message). */
export const DEBIAN_AUTOLOADERS = [
  "/usr/share/php/Psr/Http/Message/autoload.php",
  "/usr/share/php/Psr/Http/Client/autoload.php",
  "/usr/share/php/GuzzleHttp/autoload.php",
];

export interface PhpRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command; resolves with the exit code and the output, never throwing on a failure. */
export async function exec(command: string, args: string[], options: { cwd?: string; input?: string; timeout?: number; env?: Record<string, string> } = {}): Promise<PhpRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeout ?? 120_000);
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
    child.stdin.end(options.input ?? "");
  });
}

/** Runs the PHP CLI with errors on stderr and every error level reported. */
export function php(args: string[], options: { cwd?: string; input?: string; timeout?: number; env?: Record<string, string> } = {}): Promise<PhpRun> {
  return exec("php", ["-d", "display_errors=stderr", "-d", "error_reporting=-1", ...args], options);
}

/** Whether a command is on PATH. */
export async function hasCommand(command: string): Promise<boolean> {
  try {
    await run("sh", ["-c", `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

const created: string[] = [];

/** A new folder under the system temp folder, removed by removeTempDirs(). */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `sdkgen-php-${prefix}-`));
  created.push(dir);
  return dir;
}

/** Removes every folder tempDir() made in this process. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** Writes the php/ files of a generation into a folder (paths below php/). */
export async function writePhpFiles(files: Map<string, string>, dir: string): Promise<void> {
  for (const [rel, content] of files) {
    if (!rel.startsWith("php/")) continue;
    const target = path.join(dir, rel.slice("php/".length));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** The SDK's root namespace and source folder, from its composer.json's PSR-4 autoload entry. */
export function psr4Of(composerJson: string): { namespace: string; src: string } {
  const composer = JSON.parse(composerJson) as { autoload?: { "psr-4"?: Record<string, string> } };
  const entries = Object.entries(composer.autoload?.["psr-4"] ?? {});
  if (entries.length !== 1) throw new Error(`expected one PSR-4 root in composer.json, found ${entries.length}`);
  const [prefix, src] = entries[0]!;
  return { namespace: prefix.replace(/\\$/, ""), src: src.replace(/\/$/, "") };
}

/**
 * The PHP of a bootstrap that stands in for Composer's vendor/autoload.php: Debian's autoloaders, then a
 * PSR-4 autoloader of `namespace` from `srcDir` (absolute).
 */
export function bootstrapSource(namespace: string, srcDir: string): string {
  return `<?php

declare(strict_types=1);

${DEBIAN_AUTOLOADERS.map((f) => `require_once ${phpString(f)};`).join("\n")}

spl_autoload_register(static function (string $class): void {
    $prefix = ${phpString(`${namespace}\\`)};
    if (!str_starts_with($class, $prefix)) {
        return;
    }
    $file = ${phpString(srcDir)} . '/' . str_replace('\\\\', '/', substr($class, strlen($prefix))) . '.php';
    if (is_file($file)) {
        require_once $file;
    }
});
`;
}

/** A PHP single-quoted string literal. */
export function phpString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

/** Every file below a folder whose name ends with `suffix`, as absolute paths, sorted. */
export async function filesUnder(dir: string, suffix: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(suffix)).map((e) => path.join(e.parentPath, e.name)).sort();
}

/**
 * `php -l` of every file (PHP 8.2 lints one file per process), two processes at a time through xargs;
 * `-n` (no php.ini, no extensions loaded) halves the start-up time and changes nothing a lint checks.
 * Returns the files that failed with what PHP said; the number linted is checked by the caller.
 */
export async function lintFiles(files: string[]): Promise<{ linted: number; failures: string[] }> {
  if (files.length === 0) return { linted: 0, failures: [] };
  // Each process prints one line (one write, so parallel ones never interleave): its exit code, the file, PHP's output.
  const script = `out=$(php -n -d display_errors=stdout -d error_reporting=-1 -l "$1" 2>&1); code=$?; printf '@@lint %s %s :: %s\\n' "$code" "$1" "$(printf %s "$out" | tr '\\n' ' ')"`;
  const { stdout, stderr } = await exec("xargs", ["-0", "-P", "2", "-n", "1", "sh", "-c", script, "lint"], { input: files.join("\0") + "\0", timeout: 300_000 });
  const failures: string[] = [];
  let linted = 0;
  for (const line of stdout.split("\n")) {
    const m = /^@@lint (\d+) (.*?) :: (.*)$/.exec(line);
    if (!m) continue;
    linted++;
    if (m[1] !== "0" || !m[3]!.startsWith("No syntax errors detected")) failures.push(`${m[2]}: ${m[3]}`);
  }
  if (stderr.trim() !== "") failures.push(`xargs: ${stderr.trim()}`);
  return { linted, failures };
}

/**
 * A PHP script that autoloads every class, interface, enum or trait of a PSR-4 tree once, by the name its
 * path gives, and prints `{"files": n, "loaded": n, "missing": [...]}`. A file that does not declare the
 * type its path names, or does not compile, shows up as missing or as a fatal error.
 */
export function loadEverythingSource(namespace: string, srcDir: string): string {
  return `${bootstrapSource(namespace, srcDir)}
$root = ${phpString(srcDir)};
$files = [];
$it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($root, FilesystemIterator::SKIP_DOTS));
foreach ($it as $file) {
    if ($file->isFile() && str_ends_with($file->getFilename(), '.php')) {
        $files[] = substr($file->getPathname(), strlen($root) + 1);
    }
}
sort($files);
$loaded = 0;
$missing = [];
foreach ($files as $rel) {
    $class = ${phpString(`${namespace}\\`)} . str_replace('/', '\\\\', substr($rel, 0, -4));
    if (class_exists($class, true) || interface_exists($class, true) || enum_exists($class, true) || trait_exists($class, true)) {
        $loaded++;
    } else {
        $missing[] = $class;
    }
}
echo json_encode(['files' => count($files), 'loaded' => $loaded, 'missing' => $missing], JSON_UNESCAPED_SLASHES), "\\n";
`;
}

/** Writes and runs the load-everything script of a tree; resolves with what it printed and PHP's stderr. */
export async function loadEverything(namespace: string, srcDir: string): Promise<{ files: number; loaded: number; missing: string[]; run: PhpRun }> {
  const dir = await tempDir("load");
  const script = path.join(dir, "load.php");
  await writeFile(script, loadEverythingSource(namespace, srcDir));
  const result = await php([script]);
  const line = result.stdout.split("\n").find((l) => l.startsWith("{"));
  if (result.code !== 0 || !line) return { files: -1, loaded: -1, missing: [], run: result };
  return { ...(JSON.parse(line) as { files: number; loaded: number; missing: string[] }), run: result };
}

/** The files of a tree that lack `declare(strict_types=1);`. */
export function withoutStrictTypes(files: Map<string, string>): string[] {
  return [...files].filter(([rel, content]) => rel.endsWith(".php") && !/^declare\(strict_types=1\);$/m.test(content)).map(([rel]) => rel);
}

/** A doc sample as a PHP file: `<?php` on top, unless it has its own. */
export function sampleFile(code: string): string {
  return code.trimStart().startsWith("<?php") ? code : `<?php\n\n${code}\n`;
}

export const PHP_AVAILABLE = existsSync("/usr/bin/php") || existsSync("/usr/local/bin/php");

/**
 * A doc sample made runnable in a runner's process: our bootstrap for Composer's autoloader, and every
 * client pointed at `serverURL` (inserted before `->build()`).
 */
export function runnableSample(code: string, bootstrapFile: string, serverURL: string): string {
  return sampleFile(code.replaceAll("require 'vendor/autoload.php';", `require_once ${phpString(bootstrapFile)};`)
    .replaceAll("->build()", `->setServerURL(${phpString(serverURL)})\n->build()`));
}

/**
 * A PHP script that runs sample files one after the other, each included from a function of its own (its
 * variables stay its own) with every throwable caught, and prints one JSON line per sample:
 * `{"sample": <index>, "outcome": "ok" | <class of what was thrown>, "message": ...}`.
 */
export function samplesRunnerSource(bootstrapFile: string, sampleFiles: string[]): string {
  return `<?php

declare(strict_types=1);

require_once ${phpString(bootstrapFile)};

$samples = [${sampleFiles.map(phpString).join(", ")}];
foreach ($samples as $i => $file) {
    $outcome = 'ok';
    $message = '';
    ob_start();
    try {
        (static function (string $file): void {
            require $file;
        })($file);
    } catch (\\Throwable $e) {
        $outcome = get_class($e);
        $message = $e->getMessage() . ' at ' . $e->getFile() . ':' . $e->getLine();
    }
    $printed = ob_get_clean();
    echo json_encode(['sample' => $i, 'outcome' => $outcome, 'message' => $message, 'printed' => $printed], JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE), "\\n";
}
`;
}
