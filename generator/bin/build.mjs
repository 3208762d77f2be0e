// Compiles the generator's TypeScript into one ES module (generator/.build/sdkgen.mjs) with esbuild,
// so a run does not compile the sources again. The file starts with a line naming every source it
// was built from, with its size and modification time; sdkgen.mjs uses the build only while they match.
// `--release` (npm's prepack) builds generator/.build/sdkgen-release.mjs instead: everything bundled,
// the OpenAPI validators embedded and the templates precompiled, for the packed package, which has
// neither the sources nor any dependency.
import { closeSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const GENERATOR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BUILD_FILE = path.join(GENERATOR, ".build", "sdkgen.mjs");
export const RELEASE_FILE = path.join(GENERATOR, ".build", "sdkgen-release.mjs");
const STAMP = "// sdkgen-build-inputs: ";

/** The build's first line (the stamp) when the build is up to date with its sources, else undefined. */
export function freshBuild() {
  const text = firstLine(BUILD_FILE);
  if (text === undefined || !text.startsWith(STAMP)) return undefined;
  let inputs;
  try {
    inputs = JSON.parse(text.slice(STAMP.length));
  } catch {
    return undefined;
  }
  for (const [file, size, mtime] of inputs) {
    try {
      const info = statSync(path.join(GENERATOR, file));
      if (info.size !== size || info.mtimeMs !== mtime) return undefined;
    } catch {
      return undefined;
    }
  }
  return text;
}

/** A file's first line, read without reading the rest (the build is a megabyte); undefined when it cannot be read. */
function firstLine(file) {
  let fd;
  try {
    fd = openSync(file, "r");
    const chunk = Buffer.alloc(64 * 1024);
    const parts = [];
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      const end = chunk.subarray(0, read).indexOf(0x0a);
      parts.push(Buffer.from(chunk.subarray(0, end === -1 ? read : end)));
      if (end !== -1) break;
    }
    return Buffer.concat(parts).toString("utf8");
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** esbuild options both builds share. */
function commonOptions(outDir) {
  return {
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Bundled CommonJS dependencies call require() for Node's modules.
    banner: { js: 'import { createRequire as __sdkgenCreateRequire } from "node:module"; const require = __sdkgenCreateRequire(import.meta.url);' },
    write: false,
    logLevel: "silent",
    plugins: [{
      name: "keep-import-meta-url",
      // Modules find their data files (runtime, templates, package.json) next to themselves:
      // each keeps its own URL rather than the bundle's.
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, (args) => {
          const source = readFileSync(args.path, "utf8");
          if (!source.includes("import.meta.url")) return undefined;
          const relative = path.relative(outDir, args.path).split(path.sep).join("/");
          return { contents: source.replaceAll("import.meta.url", `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: "ts" };
        });
      },
    }],
  };
}

/** Builds generator/.build/sdkgen.mjs from generator/cli.ts; written under another name and renamed, so a concurrent run never reads half a file. */
export async function buildGenerator() {
  const { build } = await import("esbuild");
  const outDir = path.dirname(BUILD_FILE);
  const result = await build({
    ...commonOptions(outDir),
    entryPoints: [path.join(GENERATOR, "cli.ts")],
    // Dependencies are bundled too, so a run parses one file instead of resolving and reading
    // hundreds; swagger-parser is loaded only for multi-file specs, and stays outside.
    external: ["@apidevtools/swagger-parser"],
    metafile: true,
    outfile: BUILD_FILE,
  });
  // The lock file stands for the bundled dependencies: reinstalling them changes it.
  const inputs = [...Object.keys(result.metafile.inputs).map((input) => path.resolve(input)), path.join(GENERATOR, "..", "package-lock.json")]
    .filter((file) => !file.includes(`${path.sep}node_modules${path.sep}`))
    .map((file) => {
      const info = statSync(file);
      return [path.relative(GENERATOR, file).split(path.sep).join("/"), info.size, info.mtimeMs];
    });
  mkdirSync(outDir, { recursive: true });
  const temp = `${BUILD_FILE}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temp, `${STAMP}${JSON.stringify(inputs)}\n${result.outputFiles[0].text}`);
  renameSync(temp, BUILD_FILE);
  return BUILD_FILE;
}

/**
 * Builds generator/.build/sdkgen-release.mjs: every dependency bundled (swagger-parser too), the
 * OpenAPI 3.0 and 3.1 validators compiled to standalone code and embedded, and the template cache
 * (generator/.build/templates/) made anew by generating the repository's spec once, so the packed
 * CLI needs no compiler, no schema files and no node_modules when it runs.
 */
export async function buildRelease() {
  const { build } = await import("esbuild");
  const outDir = path.dirname(RELEASE_FILE);
  const dev = await import(`${pathToFileURL(await buildGenerator()).href}?release=${Date.now()}`);
  const validators = path.join(outDir, "release");
  mkdirSync(validators, { recursive: true });
  for (const kind of ["3.0", "3.1"]) writeFileSync(path.join(validators, `openapi-${kind}.cjs`), dev.standaloneValidator(kind));
  rmSync(path.join(outDir, "templates"), { recursive: true, force: true });
  const scratch = path.join(os.tmpdir(), `sdkgen-release-${process.pid}-${Date.now()}`);
  const code = await dev.main(["generate", "--config", path.join(GENERATOR, "..", "spec", "sdkgen.yaml"), "--out", scratch]);
  rmSync(scratch, { recursive: true, force: true });
  if (code !== 0) throw new Error("warming the template cache failed");
  const entry = [
    'import { main, registerValidator } from "./cli.ts";',
    'import v30 from "./.build/release/openapi-3.0.cjs";',
    'import v31 from "./.build/release/openapi-3.1.cjs";',
    'registerValidator("3.0", v30);',
    'registerValidator("3.1", v31);',
    "export { main };",
  ].join("\n");
  const result = await build({
    ...commonOptions(outDir),
    stdin: { contents: entry, resolveDir: GENERATOR, sourcefile: "release-entry.ts", loader: "ts" },
    outfile: RELEASE_FILE,
  });
  writeFileSync(RELEASE_FILE, `// sdkgen release build: all dependencies bundled.\n${result.outputFiles[0].text}`);
  return RELEASE_FILE;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const file = process.argv.includes("--release") ? await buildRelease() : await buildGenerator();
  process.stdout.write(`built ${path.relative(process.cwd(), file)}\n`);
}
