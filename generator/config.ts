import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { GenerationError, type Diagnostic } from "./diagnostics.ts";
import { isRecord } from "./ir/pointer.ts";

export interface TypeScriptTargetConfig {
  /** npm package name of the generated SDK. */
  packageName: string;
  packageVersion: string;
  /** Operations with at most this many parameters (and no body) take them as positional arguments. */
  maxMethodParams: number;
}

export interface GeneratorConfig {
  /** Spec file, resolved against the config file's folder. */
  spec: string;
  /** Output folder, resolved against the config file's folder. */
  output: string;
  /** Name of the client class; derived from the API title when absent. */
  clientName?: string;
  targets: { typescript?: TypeScriptTargetConfig };
  /** Parameters every operation sends, set once on the client (for specs without x-speakeasy-globals). */
  globals: Array<{ in: "path" | "query" | "header" | "cookie"; name: string }>;
  /** The config file's text ("" when none was read), part of the manifest's hash. */
  source: string;
}

export const DEFAULT_CONFIG_FILE = "spec/sdkgen.yaml";

const TOP_KEYS = ["spec", "output", "clientName", "targets", "globals"];
const LOCATIONS = ["path", "query", "header", "cookie"] as const;
const TS_KEYS = ["packageName", "packageVersion", "maxMethodParams"];

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

  const targets: GeneratorConfig["targets"] = {};
  const rawTargets = raw["targets"] ?? { typescript: {} };
  if (!isRecord(rawTargets)) fail("/targets", "must be a mapping of target name to options");
  else {
    for (const key of Object.keys(rawTargets)) if (key !== "typescript") fail(`/targets/${key}`, "unknown target; available: typescript");
    const ts = rawTargets["typescript"];
    if (ts !== undefined) {
      const t = isRecord(ts) ? ts : (ts === null ? {} : (fail("/targets/typescript", "must be a mapping"), {}));
      for (const key of Object.keys(t)) if (!TS_KEYS.includes(key)) fail(`/targets/typescript/${key}`, `unknown option; expected one of ${TS_KEYS.join(", ")}`);
      const max = t["maxMethodParams"] ?? 4;
      if (typeof max !== "number" || !Number.isInteger(max) || max < 0) fail("/targets/typescript/maxMethodParams", "must be a whole number");
      targets.typescript = {
        packageName: str(t["packageName"], "/targets/typescript/packageName", "sdk"),
        packageVersion: str(t["packageVersion"], "/targets/typescript/packageVersion", "0.1.0"),
        maxMethodParams: typeof max === "number" ? max : 4,
      };
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
    source,
  };
}
