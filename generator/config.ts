import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { GenerationError, type Diagnostic } from "./diagnostics.ts";
import { isRecord } from "./ir/pointer.ts";
import { words } from "./naming/case.ts";
import { CSHARP_KEYWORDS } from "./targets/csharp/words.ts";
import { GO_KEYWORDS, GO_PREDECLARED } from "./targets/go/words.ts";
import { defaultPhpConfig } from "./targets/php/plan.ts";
import { isReservedClassName } from "./targets/php/words.ts";
import { isReservedName as isPythonReserved } from "./targets/python/words.ts";

export interface TypeScriptTargetConfig {
  /** npm package name of the generated SDK. */
  packageName: string;
  packageVersion: string;
  /** Operations with at most this many parameters (and no body) take them as positional arguments. */
  maxMethodParams: number;
}

export interface PythonTargetConfig {
  /** Import name of the generated package (a Python identifier), e.g. plex_api_client. */
  packageName: string;
  packageVersion: string;
}

export interface GoTargetConfig {
  /** Module path written to go.mod, e.g. github.com/acme/plexgo. */
  modulePath: string;
  /** Name of the root package (a Go identifier). */
  packageName: string;
}

export interface CSharpTargetConfig {
  /** Root namespace of the generated SDK, also its assembly and package id, e.g. SdkGen.PlexAPI. */
  namespace: string;
  packageVersion: string;
}

export interface PhpTargetConfig {
  /** Root namespace of the generated SDK (PSR-4), e.g. SdkGen\\Plex_API. */
  namespace: string;
  /** Composer package name, vendor/name. */
  packageName: string;
  packageVersion: string;
}

export interface GeneratorConfig {
  /** Spec file, resolved against the config file's folder. */
  spec: string;
  /** Output folder, resolved against the config file's folder. */
  output: string;
  /** Name of the client class; derived from the API title when absent. */
  clientName?: string;
  targets: { typescript?: TypeScriptTargetConfig; python?: PythonTargetConfig; go?: GoTargetConfig; csharp?: CSharpTargetConfig; php?: PhpTargetConfig };
  /** Parameters every operation sends, set once on the client (for specs without x-speakeasy-globals). */
  globals: Array<{ in: "path" | "query" | "header" | "cookie"; name: string }>;
  /** Overlay files applied to the spec for every target, in order (paths as the other paths here). */
  overlays: string[];
  /** Overlay files applied for one target only, after the global ones. */
  targetOverlays: Partial<Record<TargetName, string[]>>;
  /** `generate` appends the changes to generated/<target>/CHANGELOG.md and bumps the version (default true). */
  changelog: boolean;
  /** The config file's text ("" when none was read), part of the manifest's hash. */
  source: string;
  /** Targets no config file configured: their package names are made from the spec's info.title. */
  derive?: TargetName[];
  /** false: the targets write no Markdown docs (README and reference pages); the CLI's --no-docs. */
  docs?: boolean;
}

export type TargetName = keyof GeneratorConfig["targets"];
export const TARGETS: readonly TargetName[] = ["typescript", "python", "go", "csharp", "php"];

export const DEFAULT_CONFIG_FILE = "spec/sdkgen.yaml";

const TOP_KEYS = ["spec", "output", "clientName", "targets", "globals", "overlays", "changelog"];
const LOCATIONS = ["path", "query", "header", "cookie"] as const;
const TS_KEYS = ["packageName", "packageVersion", "maxMethodParams", "overlays"];
const PYTHON_KEYS = ["packageName", "packageVersion", "overlays"];
const GO_KEYS = ["modulePath", "packageName", "overlays"];
const CSHARP_KEYS = ["namespace", "packageVersion", "overlays"];
const PHP_KEYS = ["namespace", "packageName", "packageVersion", "overlays"];
const TARGET_NAMES: readonly string[] = TARGETS;

/** Reads and checks the generator config; `overrides` come from the command line. */
export async function loadConfig(file: string | undefined, overrides: { spec?: string; out?: string }): Promise<GeneratorConfig> {
  const configFile = file ?? DEFAULT_CONFIG_FILE;
  let source = "";
  try {
    source = await readFile(configFile, "utf8");
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    if (!missing || file !== undefined) {
      throw new GenerationError([{ severity: "error", file: configFile, pointer: "", message: missing ? "config file not found" : String(error) }]);
    }
  }
  const problems: Diagnostic[] = [];
  const fail = (pointer: string, message: string) => problems.push({ severity: "error", file: configFile, pointer, message });
  let raw: unknown = {};
  if (source !== "") {
    try {
      raw = parse(source) ?? {};
    } catch (error) {
      throw new GenerationError([{ severity: "error", file: configFile, pointer: "", message: `syntax error: ${(error as Error).message.split("\n")[0]}` }]);
    }
  }
  if (!isRecord(raw)) throw new GenerationError([{ severity: "error", file: configFile, pointer: "", message: "the config must be a mapping" }]);
  for (const key of Object.keys(raw)) if (!TOP_KEYS.includes(key)) fail(`/${key}`, `unknown config key; expected one of ${TOP_KEYS.join(", ")}`);

  const base = path.dirname(configFile);
  const str = (value: unknown, pointer: string, fallback: string): string => {
    if (value === undefined) return fallback;
    if (typeof value === "string" && value !== "") return value;
    fail(pointer, "must be a non-empty string");
    return fallback;
  };
  const specRel = str(raw["spec"], "/spec", "plex-authentication.yaml");
  const outRel = str(raw["output"], "/output", "../generated");
  const clientName = raw["clientName"] === undefined ? undefined : str(raw["clientName"], "/clientName", "");
  if (clientName !== undefined && !/^[A-Za-z_$][\w$]*$/.test(clientName)) fail("/clientName", "must be an identifier");

  /** A list of overlay files, resolved like the spec. */
  const overlayList = (value: unknown, pointer: string): string[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === "")) {
      fail(pointer, "must be a list of overlay files (paths relative to the config file)");
      return [];
    }
    return (value as string[]).map((v) => path.relative(process.cwd(), path.resolve(base, v)));
  };
  const overlays = overlayList(raw["overlays"], "/overlays");
  const targetOverlays: GeneratorConfig["targetOverlays"] = {};
  const changelog = raw["changelog"] ?? true;
  if (typeof changelog !== "boolean") fail("/changelog", "must be true or false");

  const targets: GeneratorConfig["targets"] = {};
  const rawTargets = raw["targets"] ?? { typescript: {} };
  if (!isRecord(rawTargets)) fail("/targets", "must be a mapping of target name to options");
  else {
    for (const key of Object.keys(rawTargets)) if (!TARGET_NAMES.includes(key)) fail(`/targets/${key}`, `unknown target; available: ${TARGET_NAMES.join(", ")}`);
    /** A target's options as a mapping with only known keys; null (`python:` alone) means all defaults. */
    const options = (name: string, known: string[]): Record<string, unknown> | undefined => {
      const value = rawTargets[name];
      if (value === undefined) return undefined;
      if (value === null) return {};
      if (!isRecord(value)) {
        fail(`/targets/${name}`, "must be a mapping");
        return {};
      }
      for (const key of Object.keys(value)) if (!known.includes(key)) fail(`/targets/${name}/${key}`, `unknown option; expected one of ${known.join(", ")}`);
      const own = overlayList(value["overlays"], `/targets/${name}/overlays`);
      if (own.length > 0) targetOverlays[name as TargetName] = own;
      return value;
    };
    const ts = options("typescript", TS_KEYS);
    if (ts) {
      const max = ts["maxMethodParams"] ?? 4;
      if (typeof max !== "number" || !Number.isInteger(max) || max < 0) fail("/targets/typescript/maxMethodParams", "must be a whole number");
      targets.typescript = {
        packageName: str(ts["packageName"], "/targets/typescript/packageName", "sdk"),
        packageVersion: str(ts["packageVersion"], "/targets/typescript/packageVersion", "0.1.0"),
        maxMethodParams: typeof max === "number" ? max : 4,
      };
    }
    const py = options("python", PYTHON_KEYS);
    if (py) {
      const packageName = str(py["packageName"], "/targets/python/packageName", "sdk");
      if (!/^[a-z_][a-z0-9_]*$/.test(packageName)) fail("/targets/python/packageName", "must be a lower-case Python identifier");
      targets.python = { packageName, packageVersion: str(py["packageVersion"], "/targets/python/packageVersion", "0.1.0") };
    }
    const go = options("go", GO_KEYS);
    if (go) {
      const modulePath = str(go["modulePath"], "/targets/go/modulePath", "example.com/sdk");
      if (!/^[A-Za-z0-9.\-_~]+(\/[A-Za-z0-9.\-_~]+)*$/.test(modulePath)) fail("/targets/go/modulePath", "must be a Go module path");
      const packageName = str(go["packageName"], "/targets/go/packageName", modulePath.split("/").pop()!.replace(/\W/g, "").toLowerCase() || "sdk");
      if (!/^[a-z][a-z0-9]*$/.test(packageName)) fail("/targets/go/packageName", "must be a lower-case Go identifier");
      targets.go = { modulePath, packageName };
    }
    const cs = options("csharp", CSHARP_KEYS);
    if (cs) {
      const namespace = str(cs["namespace"], "/targets/csharp/namespace", clientName ?? "Sdk");
      if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(namespace) || namespace.split(".").some((s) => CSHARP_KEYWORDS.has(s))) {
        fail("/targets/csharp/namespace", "must be a C# namespace (dot-separated identifiers, no keywords)");
      }
      targets.csharp = { namespace, packageVersion: str(cs["packageVersion"], "/targets/csharp/packageVersion", "0.1.0") };
    }
    const php = options("php", PHP_KEYS);
    if (php) {
      const fallback = defaultPhpConfig(clientName ?? "Sdk");
      const namespace = str(php["namespace"], "/targets/php/namespace", fallback.namespace);
      if (!/^[A-Za-z_][A-Za-z0-9_]*(\\[A-Za-z_][A-Za-z0-9_]*)*$/.test(namespace) || namespace.split("\\").some(isReservedClassName)) {
        fail("/targets/php/namespace", "must be a PHP namespace (backslash-separated identifiers, no reserved words)");
      }
      const packageName = str(php["packageName"], "/targets/php/packageName", fallback.packageName);
      if (!/^[a-z0-9]([_.-]?[a-z0-9]+)*\/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$/.test(packageName)) fail("/targets/php/packageName", "must be a Composer package name (vendor/name, lower case)");
      targets.php = { namespace, packageName, packageVersion: str(php["packageVersion"], "/targets/php/packageVersion", "0.1.0") };
    }
  }
  const globals: GeneratorConfig["globals"] = [];
  const rawGlobals = raw["globals"] ?? [];
  if (!Array.isArray(rawGlobals)) fail("/globals", "must be a list of { in, name }");
  else {
    rawGlobals.forEach((g: unknown, i) => {
      const location = isRecord(g) ? LOCATIONS.find((l) => l === g["in"]) : undefined;
      if (!isRecord(g) || location === undefined || typeof g["name"] !== "string" || g["name"] === "") {
        fail(`/globals/${i}`, "must be { in: header | query | path | cookie, name: <wire name> }");
      } else globals.push({ in: location, name: g["name"] });
    });
  }
  if (problems.length > 0) throw new GenerationError(problems);
  return {
    globals,
    spec: overrides.spec ?? path.relative(process.cwd(), path.resolve(base, specRel)),
    output: overrides.out ?? path.relative(process.cwd(), path.resolve(base, outRel)),
    ...(clientName ? { clientName } : {}),
    targets,
    overlays,
    targetOverlays,
    changelog: changelog !== false,
    source,
  };
}

/**
 * Package names made from an API title, for targets no config names: npm "swagger-petstore",
 * Python swagger_petstore, Go example.com/swagger-petstore (package swaggerpetstore), C#
 * SwaggerPetstore.Sdk, PHP SwaggerPetstore\Sdk (Composer sdk/swagger-petstore). Only ASCII letters and
 * digits are kept; a title with none gives "sdk".
 */
export function namesFromTitle(title: string): { typescript: TypeScriptTargetConfig; python: PythonTargetConfig; go: GoTargetConfig; csharp: CSharpTargetConfig; php: PhpTargetConfig } {
  const parts = words(title).map((w) => w.toLowerCase().replace(/[^a-z0-9]/g, "")).filter((w) => w !== "");
  const safe = parts.length === 0 ? ["sdk"] : /^[0-9]/.test(parts[0]!) ? ["sdk", ...parts] : parts;
  const slug = safe.join("-");
  const pascal = safe.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
  // A keyword, or a module the SDK imports ("typing", "httpx"), cannot name the package.
  const python = isPythonReserved(safe.join("_")) ? `${safe.join("_")}_sdk` : safe.join("_");
  const go = GO_KEYWORDS.has(safe.join("")) || GO_PREDECLARED.has(safe.join("")) ? `${safe.join("")}sdk` : safe.join("");
  return {
    typescript: { packageName: slug, packageVersion: "0.1.0", maxMethodParams: 4 },
    python: { packageName: python, packageVersion: "0.1.0" },
    go: { modulePath: `example.com/${slug}`, packageName: go },
    csharp: { namespace: `${pascal}.Sdk`, packageVersion: "0.1.0" },
    // A keyword cannot start a PHP namespace ("List\\Sdk").
    php: { namespace: `${isReservedClassName(pascal) ? `${pascal}Api` : pascal}\\Sdk`, packageName: `sdk/${slug}`, packageVersion: "0.1.0" },
  };
}

/** The config with the targets listed in `derive` named after the API's title. */
export function withDerivedNames(config: GeneratorConfig, title: string): GeneratorConfig {
  if (!config.derive || config.derive.length === 0) return config;
  const names = namesFromTitle(title);
  const targets = { ...config.targets };
  for (const name of config.derive) (targets as Record<TargetName, unknown>)[name] = names[name];
  return { ...config, targets };
}
