// The generated PHP SDKs lint and load: the committed generated/php (php -l of every file, strict types
// everywhere, composer validate, every class/enum/interface of src/ autoloaded once), the hostile spec and
// every feature fixture. Every ```php sample of each tree's docs lints too, and runs (one PHP process per
// tree) against a local server that answers `{}` to everything, also as the HTTP(S) proxy so no request
// leaves the machine: a sample must end in its success or in one of the SDK's own exceptions (the body does
// not match, the proxy refuses CONNECT), never in a PHP Error (unknown class, named argument, type).
// Lint runs two `php -l` processes at a time over all trees at once.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeBlocksIn } from "../helpers/markdown.ts";
import { startServer, type TestServer } from "../helpers/server.ts";
import { loadConfig } from "../../generator/config.ts";
import { generate } from "../../generator/pipeline.ts";
import { FEATURE_NAMES, featurePhpNamespace, generateFeatureAllTargets } from "../features/generate-feature.ts";
import { REPO_ROOT } from "../helpers/generate.ts";
import {
  bootstrapSource, exec, filesUnder, hasCommand, lintFiles, loadEverything, php, psr4Of, removeTempDirs, runnableSample, sampleFile,
  samplesRunnerSource, tempDir, withoutStrictTypes, writePhpFiles,
} from "./php-helpers.ts";

const GENERATED_PHP = path.join(REPO_ROOT, "generated/php");
const HOSTILE_NAMESPACE = "Hostile\\Sdk";

interface Tree {
  /** The SDK's folder (holding composer.json and src/). */
  dir: string;
  /** Its files, keyed by path below the folder. */
  files: Map<string, string>;
  namespace: string;
}

interface Sample {
  /** page:line of the block. */
  where: string;
  /** The block wrapped as a PHP file, as written (linted). */
  plain: string;
  /** The runnable copy (run). */
  runnable: string;
}

interface SampleOutcome {
  sample: number;
  outcome: string;
  message: string;
  printed: string;
}

const trees = new Map<string, Tree>();
let lintFailures: string[] = [];
let linted = 0;
const lintedPerTree = new Map<string, number>();
const samplesOf = new Map<string, Sample[]>();
let server: TestServer;

/** A tree from a generation: written to a temp folder, its files keyed below php/. */
async function fromGeneration(name: string, files: Map<string, string>): Promise<Tree> {
  const dir = path.join(await tempDir(name.replace(/\W+/g, "-")), "sdk");
  await writePhpFiles(files, dir);
  const own = new Map([...files].filter(([rel]) => rel.startsWith("php/")).map(([rel, c]) => [rel.slice("php/".length), c]));
  if (!own.has("composer.json")) throw new Error(`${name}: no php/composer.json generated`);
  return { dir, files: own, namespace: psr4Of(own.get("composer.json")!).namespace };
}

beforeAll(async () => {
  // The committed SDK as it is on disk.
  const committed = new Map<string, string>();
  for (const file of await filesUnder(GENERATED_PHP, "")) committed.set(path.relative(GENERATED_PHP, file), await readFile(file, "utf8"));
  trees.set("generated/php", { dir: GENERATED_PHP, files: committed, namespace: psr4Of(committed.get("composer.json")!).namespace });

  const hostileConfig = await loadConfig(path.join(REPO_ROOT, "test/fixtures/hostile/sdkgen.yaml"), {});
  hostileConfig.targets = { php: { namespace: HOSTILE_NAMESPACE, packageName: "sdkgen/hostile", packageVersion: "0.1.0" } };
  trees.set("hostile", await fromGeneration("hostile", (await generate(hostileConfig)).files));
  for (const feature of FEATURE_NAMES) trees.set(`features/${feature}`, await fromGeneration(feature, await generateFeatureAllTargets(feature)));

  // The docs' samples of every tree: the plain ones are linted with the SDK's files, the runnable ones run.
  server = await startServer();
  const proxy = server.base;
  for (const [name, tree] of trees) {
    const work = await tempDir("samples");
    const bootstrap = path.join(work, "bootstrap.php");
    await writeFile(bootstrap, bootstrapSource(tree.namespace, path.join(tree.dir, "src")));
    const samples: Sample[] = [];
    for (const [rel, content] of [...tree.files].filter(([rel]) => rel.endsWith(".md")).sort(([a], [b]) => (a < b ? -1 : 1))) {
      for (const block of codeBlocksIn(content, "php")) {
        const i = samples.length;
        const sample = { where: `${rel}:${block.line}`, plain: path.join(work, `sample${i}.php`), runnable: path.join(work, `run${i}.php`) };
        await writeFile(sample.plain, sampleFile(block.code));
        await writeFile(sample.runnable, runnableSample(block.code, bootstrap, `${proxy}/${name}`));
        samples.push(sample);
      }
    }
    await writeFile(path.join(work, "runner.php"), samplesRunnerSource(bootstrap, samples.map((s) => s.runnable)));
    samplesOf.set(name, samples);
  }

  // One lint run over every tree's .php files and doc samples.
  const all: Array<[string, string]> = [];
  for (const [name, tree] of trees) for (const rel of [...tree.files.keys()].filter((f) => f.endsWith(".php"))) all.push([name, path.join(tree.dir, rel)]);
  for (const [name, samples] of samplesOf) for (const sample of samples) all.push([`${name} samples`, sample.plain]);
  const result = await lintFiles(all.map(([, file]) => file));
  lintFailures = result.failures;
  linted = result.linted;
  for (const [name] of all) lintedPerTree.set(name, (lintedPerTree.get(name) ?? 0) + 1);
}, 600_000);

afterAll(async () => {
  await server?.close();
  await removeTempDirs();
});

/** The lint failures of one tree's doc samples, located on their pages. */
function sampleLintProblems(name: string): string[] {
  return samplesOf.get(name)!.flatMap((s) => lintFailures.filter((f) => f.startsWith(`${s.plain}:`)).map((f) => `${s.where}: ${f}`));
}

/**
 * Runs a tree's runnable samples in one PHP process, every request going to the local server (directly, or
 * through it as the proxy); returns the samples whose outcome is not the SDK's own.
 */
async function sampleProblems(name: string): Promise<string[]> {
  const samples = samplesOf.get(name)!;
  const tree = trees.get(name)!;
  server.reset();
  server.reply(...Array.from({ length: 4 * samples.length + 20 }, () => ({ status: 200, headers: { "content-type": "application/json" }, body: "{}" })));
  const proxy = { HTTP_PROXY: server.base, HTTPS_PROXY: server.base, http_proxy: server.base, https_proxy: server.base, NO_PROXY: "", no_proxy: "" };
  const run = await php([path.join(path.dirname(samples[0]!.runnable), "runner.php")], { env: proxy, timeout: 120_000 });
  const problems: string[] = [];
  // What the samples print on stderr is their own (error_log in the error-handling sample); PHP's warnings are not.
  for (const line of run.stderr.split("\n")) if (/^(PHP )?(Warning|Notice|Deprecated|Fatal error|Parse error)/.test(line)) problems.push(`PHP: ${line}`);
  if (run.code !== 0) problems.push(`runner exited with ${run.code}: ${run.stderr.slice(-2000)}`);
  const outcomes = run.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as SampleOutcome);
  if (outcomes.length !== samples.length) problems.push(`${outcomes.length} of ${samples.length} samples reported`);
  // The operation samples (every tree has some) must have reached the server.
  if (server.requests.length === 0) problems.push("no sample sent a request");
  const sdkError = `${tree.namespace}\\Models\\Errors\\`;
  for (const o of outcomes) {
    if (o.outcome !== "ok" && !o.outcome.startsWith(sdkError)) problems.push(`${samples[o.sample]!.where}: ${o.outcome}: ${o.message}`);
    if (o.printed !== "") problems.push(`${samples[o.sample]!.where} printed ${JSON.stringify(o.printed.slice(0, 200))}`);
  }
  return problems;
}

/** The lint failures of one tree's files. */
function lintProblems(name: string): string[] {
  const dir = trees.get(name)!.dir + path.sep;
  return lintFailures.filter((f) => f.startsWith(dir) || f.startsWith("xargs:"));
}

async function expectAllLoad(name: string): Promise<void> {
  const tree = trees.get(name)!;
  const srcFiles = [...tree.files.keys()].filter((f) => f.startsWith("src/") && f.endsWith(".php"));
  expect(srcFiles.length, `${name}: .php files under src/`).toBeGreaterThan(0);
  const loaded = await loadEverything(tree.namespace, path.join(tree.dir, "src"));
  expect(loaded.run.stderr, `${name}: PHP said`).toBe("");
  expect(loaded.run.code, loaded.run.stdout).toBe(0);
  // Nothing but the one JSON line: a file that leaves PHP mode (spec text after `?>`) would print itself.
  expect(loaded.run.stdout.trim().split("\n"), `${name}: output of loading every file`).toHaveLength(1);
  expect(loaded.missing, `${name}: files not declaring the type their path names`).toEqual([]);
  expect(loaded.files).toBe(srcFiles.length);
  expect(loaded.loaded).toBe(srcFiles.length);
}

it("lints every .php file of every tree (the counts add up)", () => {
  expect(linted).toBe([...lintedPerTree.values()].reduce((a, b) => a + b, 0));
  expect(trees.size).toBe(2 + FEATURE_NAMES.length);
});

describe("generated/php", () => {
  it("every .php file passes php -l", () => {
    expect(lintedPerTree.get("generated/php")).toBeGreaterThanOrEqual(50);
    expect(lintProblems("generated/php")).toEqual([]);
  });

  it("every .php file declares strict_types=1", () => {
    expect(withoutStrictTypes(trees.get("generated/php")!.files)).toEqual([]);
  });

  it("composer.json is valid (composer validate --no-check-publish)", async (context) => {
    if (!(await hasCommand("composer"))) {
      context.skip("composer is not installed (apt-get install composer; .ci/run installs it)");
      return;
    }
    const result = await exec("composer", ["validate", "--no-check-publish", "--no-interaction", "--ansi", "--no-plugins"], {
      cwd: GENERATED_PHP, env: { COMPOSER_HOME: await tempDir("composer-home"), COMPOSER_DISABLE_NETWORK: "1", COMPOSER_NO_AUDIT: "1" },
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/is valid/);
  });

  it("its PSR-4 root is the configured namespace", () => {
    expect(trees.get("generated/php")!.namespace).toBe("SdkGen\\Plex_API");
  });

  it("autoloads every class, enum and interface of src/ in one process", async () => {
    await expectAllLoad("generated/php");
  });

  it("every PHP sample of its docs lints and runs to the SDK's own outcome", async () => {
    expect(samplesOf.get("generated/php")!.length).toBeGreaterThanOrEqual(9);
    expect(sampleLintProblems("generated/php")).toEqual([]);
    expect(await sampleProblems("generated/php")).toEqual([]);
  });
});

describe("the hostile spec", () => {
  it("every .php file passes php -l and declares strict_types=1", () => {
    expect(lintedPerTree.get("hostile")).toBeGreaterThan(10);
    expect(lintProblems("hostile")).toEqual([]);
    expect(withoutStrictTypes(trees.get("hostile")!.files)).toEqual([]);
  });

  it("autoloads every type without running or printing spec text", async () => {
    await expectAllLoad("hostile");
  });

  it("every PHP sample of its docs lints and runs to the SDK's own outcome, printing nothing", async () => {
    expect(samplesOf.get("hostile")!.length).toBeGreaterThan(0);
    expect(sampleLintProblems("hostile")).toEqual([]);
    expect(await sampleProblems("hostile")).toEqual([]);
  });
});

describe.each(FEATURE_NAMES)("feature %s", (feature) => {
  const name = `features/${feature}`;

  it("lints, declares strict types and autoloads every type", async () => {
    expect(trees.get(name)!.namespace).toBe(featurePhpNamespace(feature));
    expect(lintedPerTree.get(name)).toBeGreaterThan(0);
    expect(lintProblems(name)).toEqual([]);
    expect(withoutStrictTypes(trees.get(name)!.files)).toEqual([]);
    await expectAllLoad(name);
  });

  it("every PHP sample of its docs lints and runs to the SDK's own outcome", async () => {
    expect(samplesOf.get(name)!.length).toBeGreaterThan(0);
    expect(sampleLintProblems(name)).toEqual([]);
    expect(await sampleProblems(name)).toEqual([]);
  });
});

describe("negative controls", () => {
  it("lintFiles reports a file with a syntax error, and counts every file", async () => {
    const dir = await tempDir("neg-lint");
    await writeFile(path.join(dir, "Good.php"), "<?php\n\ndeclare(strict_types=1);\n\nfinal class Good {}\n");
    await writeFile(path.join(dir, "Bad.php"), "<?php\n\ndeclare(strict_types=1);\n\nfinal class Bad { public function f( }\n");
    const result = await lintFiles([path.join(dir, "Good.php"), path.join(dir, "Bad.php")]);
    expect(result.linted).toBe(2);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toContain("Bad.php");
  });

  it("loadEverything reports a file that does not declare the type its path names", async () => {
    const dir = await tempDir("neg-load");
    await writePhpFiles(new Map([
      ["php/src/Good.php", "<?php\n\ndeclare(strict_types=1);\n\nnamespace Neg\\Ns;\n\nenum Good: string { case A = 'a'; }\n"],
      ["php/src/Sub/Wrong.php", "<?php\n\ndeclare(strict_types=1);\n\nnamespace Neg\\Ns\\Sub;\n\nfinal class Right {}\n"],
    ]), dir);
    const loaded = await loadEverything("Neg\\Ns", path.join(dir, "src"));
    expect({ files: loaded.files, loaded: loaded.loaded, missing: loaded.missing }).toEqual({ files: 2, loaded: 1, missing: ["Neg\\Ns\\Sub\\Wrong"] });
  });

  it("the samples runner tells a PHP Error from an SDK exception, and sees what a sample prints", async () => {
    const dir = await tempDir("neg-run");
    await writePhpFiles(new Map([
      ["php/src/Models/Errors/Boom.php", "<?php\n\ndeclare(strict_types=1);\n\nnamespace Neg\\Run\\Models\\Errors;\n\nfinal class Boom extends \\RuntimeException {}\n"],
    ]), dir);
    const bootstrap = path.join(dir, "bootstrap.php");
    await writeFile(bootstrap, bootstrapSource("Neg\\Run", path.join(dir, "src")));
    const codes = ["$x = 1;", "throw new \\Neg\\Run\\Models\\Errors\\Boom('sdk');", "new \\Neg\\Run\\Nope();", "echo 'hi';"];
    const files = await Promise.all(codes.map(async (code, i) => {
      const file = path.join(dir, `s${i}.php`);
      await writeFile(file, runnableSample(`declare(strict_types=1);\n\nrequire 'vendor/autoload.php';\n\n${code}`, bootstrap, "http://127.0.0.1:9"));
      return file;
    }));
    await writeFile(path.join(dir, "runner.php"), samplesRunnerSource(bootstrap, files));
    const run = await php([path.join(dir, "runner.php")]);
    const outcomes = run.stdout.trim().split("\n").map((l) => JSON.parse(l) as SampleOutcome);
    expect(outcomes.map((o) => [o.outcome, o.printed])).toEqual([["ok", ""], ["Neg\\Run\\Models\\Errors\\Boom", ""], ["Error", ""], ["ok", "hi"]]);
  });

  it("withoutStrictTypes finds a file without the declaration", () => {
    expect(withoutStrictTypes(new Map([["src/A.php", "<?php\nnamespace A;\n"], ["src/B.php", "<?php\n\ndeclare(strict_types=1);\n"]]))).toEqual(["src/A.php"]);
  });
});
