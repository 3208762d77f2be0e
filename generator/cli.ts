import { Command, InvalidArgumentError, Option } from "commander";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_CONFIG_FILE, loadConfig, namesFromTitle, TARGETS, type GeneratorConfig, type TargetName } from "./config.ts";
import { loadSpec } from "./load/load.ts";
import { GenerationError, formatDiagnostic, type Diagnostic } from "./diagnostics.ts";
import { diffSpecs } from "./diff/index.ts";
import { breakingLines } from "./diff/changelog.ts";
import { reportJson, reportMarkdown, type DiffReport } from "./diff/report.ts";
import { hasDrift, type Drift } from "./output/drift.ts";
import { OutputSink, type OutputMode } from "./output/sink.ts";
import { GENERATOR_VERSION, runGeneration, type StageTiming } from "./pipeline.ts";
import { stageProgress } from "./progress.ts";

export { registerValidator, standaloneValidator } from "./load/openapi-validator.ts";

interface CommonOptions {
  spec?: string;
  config?: string;
  out?: string;
  target?: TargetName[];
  validate: boolean;
  /** false with --no-docs. */
  docs: boolean;
  timings?: boolean;
  quiet?: boolean;
  debug?: boolean;
  force?: boolean;
}

/** The name of the config file `init` writes next to the spec, and `generate` looks for there. */
const CONFIG_NEXT_TO_SPEC = "sdkgen.yaml";

/** A command line that cannot run as given: printed as `sdkgen: <message>`, exit 1. */
class UsageError extends Error {}

function usageError(message: string): UsageError {
  return new UsageError(message);
}

/** The config of a run (see configOfRun), with docs off under --no-docs. */
async function resolveConfig(opts: CommonOptions): Promise<GeneratorConfig> {
  const config = await configOfRun(opts);
  return opts.docs === false ? { ...config, docs: false } : config;
}

/**
 * The config as the command line and the config file give it: --config; else sdkgen.yaml next to --spec, or spec/sdkgen.yaml; else none,
 * and then every target (or those of --target) writes to --out (default `sdk`), named after the
 * spec's info.title. --target narrows a config's targets, and adds any it lacks with derived names.
 */
async function configOfRun(opts: CommonOptions): Promise<GeneratorConfig> {
  const overrides = { ...(opts.spec ? { spec: opts.spec } : {}), ...(opts.out ? { out: opts.out } : {}) };
  const candidates = [...(opts.spec ? [path.join(path.dirname(opts.spec), CONFIG_NEXT_TO_SPEC)] : []), DEFAULT_CONFIG_FILE];
  const file = opts.config ?? candidates.find((f) => existsSync(f));
  if (file === undefined) {
    if (!opts.spec) throw usageError(`no config file (${DEFAULT_CONFIG_FILE}) and no --spec: pass --spec <file>, or write a config with \`sdkgen init --spec <file>\``);
    const config = await loadConfig(undefined, { out: "sdk", ...overrides });
    const selected = opts.target ?? [...TARGETS];
    return { ...config, targets: {}, derive: selected };
  }
  const config = await loadConfig(file, overrides);
  if (opts.target === undefined) return config;
  const targets: GeneratorConfig["targets"] = {};
  const derive: TargetName[] = [];
  for (const name of opts.target) {
    if (config.targets[name]) Object.assign(targets, { [name]: config.targets[name] });
    else derive.push(name);
  }
  return { ...config, targets, derive };
}

function targetList(value: string): TargetName[] {
  const names = value.split(",").map((t) => t.trim()).filter((t) => t !== "");
  const unknown = names.filter((t) => !(TARGETS as readonly string[]).includes(t));
  if (unknown.length > 0 || names.length === 0) {
    throw new InvalidArgumentError(`unknown target ${unknown.join(", ") || "(none given)"}; available: ${TARGETS.join(", ")}`);
  }
  return [...new Set(names)] as TargetName[];
}

function report(warnings: Diagnostic[]): void {
  for (const w of warnings) process.stderr.write(`${formatDiagnostic(w)}\n`);
}

/**
 * One line per stage, in the order run: `startup` (Node start and module loading, up to the command),
 * `load`, `ir`, `<target> plan|emit|docs` per target, `write` (generate) or `compare` (check; both
 * add up the time spent on files as each step hands them over); then `total` (wall time since the process started) and `peak rss` (resident set, MB).
 */
function printTimings(timings: StageTiming[]): void {
  const line = (label: string, value: number, unit: string) => process.stderr.write(`${label.padEnd(18)} ${value.toFixed(1).padStart(9)} ${unit}\n`);
  for (const t of timings) line(t.stage, t.ms, "ms");
  line("total", performance.now(), "ms");
  line("peak rss", process.resourceUsage().maxRSS / 1024, "MB");
}

/**
 * Generates into an output sink that finalizes and writes (or compares) each target step's files
 * as soon as they are made. A failed run leaves the output folder as it was.
 */
async function runIntoOutput(opts: CommonOptions, mode: OutputMode): Promise<{ files: number; drift?: Drift; output: string; changes?: DiffReport }> {
  const startup: StageTiming = { stage: "startup", ms: performance.now() };
  const config = await resolveConfig(opts);
  const sink = OutputSink.start(mode, config.output);
  // A line per stage on a terminal for big specs; cleared before the final output or the errors.
  const progress = stageProgress({ quiet: opts.quiet });
  let run;
  let result;
  try {
    try {
      run = await runGeneration(config, (files) => sink.add(files), { validate: opts.validate, onStage: progress.onStage });
    } catch (error) {
      await sink.abort();
      throw error;
    }
    report(run.warnings);
    progress.onStage({ stage: mode === "write" ? "write" : "compare" });
    result = await sink.finish(run.header);
  } finally {
    progress.stop();
  }
  // Files are written (or compared) as each target step ends; the stage adds up that time, the manifest and the swap.
  const timings = [startup, ...run.timings, { stage: mode === "write" ? "write" : "compare", ms: sink.busyMs }];
  if (opts.timings) printTimings(timings);
  return { ...result, output: path.relative(process.cwd(), config.output) || ".", ...(run.changes ? { changes: run.changes } : {}) };
}

async function runGenerate(opts: CommonOptions): Promise<number> {
  const { files, output } = await runIntoOutput(opts, "write");
  process.stdout.write(`generated ${files} files in ${output}\n`);
  return 0;
}

async function runCheck(opts: CommonOptions): Promise<number> {
  const { files, drift: found, output: where, changes } = await runIntoOutput(opts, "check");
  const drift = found!;
  if (!hasDrift(drift)) {
    process.stdout.write(`${where} is up to date (${files} files)\n`);
    return 0;
  }
  const sections: Array<[string, string[], string]> = [
    ["added", drift.added, "would be created"],
    ["changed", drift.changed, "differs from the spec"],
    ["removed", drift.removed, "is no longer generated"],
    ["stray", drift.stray, "was not generated by sdkgen"],
  ];
  for (const [label, files, meaning] of sections) {
    for (const f of files) process.stdout.write(`${label.padEnd(8)} ${where}/${f} (${meaning})\n`);
  }
  const breaking = breakingLines(changes?.changes ?? []);
  for (const line of breaking) process.stdout.write(`${line}\n`);
  if (changes && changes.changes.length > 0) {
    process.stdout.write(`the spec's changes: ${breaking.length} breaking, ${changes.changes.length - breaking.length} non-breaking; suggested bump ${changes.bump}\n`);
  }
  process.stdout.write(`drift: ${drift.added.length} added, ${drift.changed.length} changed, ${drift.removed.length} removed, ${drift.stray.length} stray; run \`sdkgen generate\` to update\n`);
  return 1;
}

/** A commented starter config next to the spec, its names made from the spec's info.title. */
async function runInit(opts: CommonOptions): Promise<number> {
  const spec = opts.spec;
  if (spec === undefined) throw usageError("pass --spec <file>: the OpenAPI document to write a config for");
  const file = path.join(path.dirname(spec), CONFIG_NEXT_TO_SPEC);
  if (existsSync(file) && !opts.force) throw usageError(`${file} exists already; pass --force to replace it`);
  const loaded = await loadSpec(spec, { validate: false });
  const info = (loaded.document as { info?: { title?: unknown } }).info;
  const title = typeof info?.title === "string" ? info.title : "";
  const names = namesFromTitle(title);
  const q = (value: string) => JSON.stringify(value);
  // Comments start in one column, as in the README's config.
  const line = (text: string, comment?: string) => (comment ? `${`${text} `.padEnd(36)}# ${comment}` : text);
  const lines = [
    "# sdkgen config, written by `sdkgen init`. `sdkgen generate --spec <spec>` reads the sdkgen.yaml next to",
    "# the spec (or pass --config <file>). Paths are relative to this file.",
    line(`spec: ${q(path.basename(spec))}`),
    line(`output: ${q(opts.out ?? "sdk")}`, "each target writes below <output>/<target name>"),
    line("# clientName: MyClient", "the client class; default: made from info.title"),
    line("targets:", "delete the targets you do not want"),
    line("  typescript:"),
    line(`    packageName: ${q(names.typescript.packageName)}`, "the npm package name"),
    line("    packageVersion: 0.1.0"),
    line("    maxMethodParams: 4", "more parameters (or any body) -> one request object"),
    line("  python:"),
    line(`    packageName: ${q(names.python.packageName)}`, "the import name"),
    line("    packageVersion: 0.1.0"),
    line("  go:"),
    line(`    modulePath: ${q(names.go.modulePath)}`),
    line(`    packageName: ${q(names.go.packageName)}`),
    line("  csharp:"),
    line(`    namespace: ${q(names.csharp.namespace)}`, "root namespace, assembly and package id"),
    line("    packageVersion: 0.1.0"),
    line("  php:"),
    line(`    namespace: ${q(names.php.namespace)}`, "root namespace (PSR-4)"),
    line(`    packageName: ${q(names.php.packageName)}`, "the Composer package"),
    line("    packageVersion: 0.1.0"),
    line("# globals:", "parameters set once on the client (specs without x-speakeasy-globals)"),
    line("#   - { in: header, name: X-Api-Version }"),
    "",
  ];
  await writeFile(file, lines.join("\n"));
  process.stdout.write(`wrote ${file}; run \`sdkgen generate --spec ${spec}\`\n`);
  return 0;
}

interface DiffOptions {
  config?: string;
  format: string;
  failOn?: string;
  validate: boolean;
  quiet?: boolean;
  debug?: boolean;
}

/** `sdkgen diff <old> <new>`: the changes of every enabled target's SDK surface, Markdown or JSON, on stdout. */
async function runDiff(oldSpec: string, newSpec: string, opts: DiffOptions): Promise<number> {
  const config = await loadConfig(opts.config, {});
  const progress = stageProgress({ quiet: opts.quiet });
  let result;
  try {
    result = await diffSpecs(config, oldSpec, newSpec, { validate: opts.validate, onStage: progress.onStage });
  } finally {
    progress.stop();
  }
  report(result.warnings);
  process.stdout.write(opts.format === "json" ? reportJson(result) : reportMarkdown(result));
  return opts.failOn === "breaking" && result.changes.some((c) => c.breaking) ? 1 : 0;
}

const QUIET_HELP = "no progress line (shown on a terminal's stderr for specs of more than 200 operations)";

function withCommonOptions(command: Command): Command {
  return command
    .option("--spec <file>", "OpenAPI document (YAML or JSON); default: the config's spec")
    .option("--config <file>", `generator config; default: ${CONFIG_NEXT_TO_SPEC} next to --spec, else ${DEFAULT_CONFIG_FILE}, else none`)
    .option("--out <dir>", "output folder; default: the config's output (`sdk` without a config)")
    .option("--target <names>", `targets to write, comma-separated (${TARGETS.join(",")}); default: the config's, or all`, targetList)
    .option("--no-validate", "skip the OpenAPI schema validation")
    .option("--no-docs", "write no Markdown docs (each target's README and reference pages), only the code")
    .option("--timings", "print time per stage and peak memory")
    .option("--quiet", QUIET_HELP)
    .addOption(new Option("--debug", "print stack traces of internal errors"));
}

const EXAMPLES = {
  generate: [
    "sdkgen generate                                        # with spec/sdkgen.yaml",
    "sdkgen generate --spec api.yaml --out sdk              # no config: every target, named after info.title",
    "sdkgen generate --spec api.yaml --out sdk --target typescript,python",
  ],
  check: [
    "sdkgen check                                           # exit 1 when generated/ differs from spec/",
    "sdkgen check --spec api.yaml --out sdk --target typescript",
  ],
  init: [
    "sdkgen init --spec api.yaml                            # writes sdkgen.yaml next to api.yaml",
  ],
  diff: [
    "sdkgen diff git:HEAD~1:spec/api.yaml spec/api.yaml     # what the last commit changed, as Markdown",
    "sdkgen diff old.yaml new.yaml --format json --fail-on breaking",
  ],
};

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join("\n")}\n`;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command("sdkgen")
    .description("Generate SDKs from OpenAPI 3.0 and 3.1 documents")
    .version(GENERATOR_VERSION)
    .showHelpAfterError()
    .exitOverride();
  let exitCode = 0;
  const wrap = <O extends { debug?: boolean }>(run: (o: O) => Promise<number>) => async (opts: O) => {
    try {
      exitCode = await run(opts);
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`sdkgen: ${error.message}\n`);
        exitCode = 1;
      } else if (error instanceof GenerationError) {
        report(error.warnings);
        for (const d of error.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(`sdkgen: generation failed with ${error.diagnostics.length} error(s); nothing was written\n`);
        exitCode = 1;
      } else {
        process.stderr.write(`sdkgen: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
        if (opts.debug && error instanceof Error) process.stderr.write(`${error.stack ?? ""}\n`);
        else process.stderr.write("run again with --debug for a stack trace\n");
        exitCode = 2;
      }
    }
  };
  withCommonOptions(program.command("generate").description("write the SDKs for the spec into the output folder"))
    .addHelpText("after", examples(EXAMPLES.generate)).action(wrap(runGenerate));
  withCommonOptions(program.command("check").description("compare the output folder with what generate would write; exit 1 on drift"))
    .addHelpText("after", examples(EXAMPLES.check)).action(wrap(runCheck));
  program.command("init").description(`write a commented starter ${CONFIG_NEXT_TO_SPEC} next to the spec`)
    .option("--spec <file>", "the OpenAPI document (YAML or JSON)")
    .option("--out <dir>", "the output folder the config names", "sdk")
    .option("--force", `replace an existing ${CONFIG_NEXT_TO_SPEC}`)
    .addOption(new Option("--debug", "print stack traces of internal errors"))
    .addHelpText("after", examples(EXAMPLES.init))
    .action(wrap(runInit));
  program.command("diff")
    .description("compare the SDKs two specs make; each spec a file or git:<rev>:<path>")
    .argument("<old-spec>", "the spec before: a file, or git:<rev>:<path> (path from the repository's root)")
    .argument("<new-spec>", "the spec after")
    .option("--config <file>", "generator config: its targets and overlays (default: spec/sdkgen.yaml)")
    .addOption(new Option("--format <format>", "output format").choices(["markdown", "json"]).default("markdown"))
    .addOption(new Option("--fail-on <what>", "exit 1 when a change of this kind is found").choices(["breaking"]))
    .option("--no-validate", "skip the OpenAPI schema validation")
    .option("--quiet", QUIET_HELP)
    .addOption(new Option("--debug", "print stack traces of internal errors"))
    .addHelpText("after", examples(EXAMPLES.diff))
    .action((oldSpec: string, newSpec: string, opts: DiffOptions) => wrap((o: DiffOptions) => runDiff(oldSpec, newSpec, o))(opts));
  program.addHelpText("after", examples([...EXAMPLES.init, ...EXAMPLES.generate.slice(1, 2), "sdkgen <command> --help"]));
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    const code = (error as { exitCode?: number }).exitCode;
    return code ?? 2;
  }
  return exitCode;
}
