/**
 * The changelog step of `generate`: each target's surface is kept in the output (`.sdkgen-surface.json`,
 * with the version last written); when the surface of the spec differs from it, the diff is added to
 * `<target>/CHANGELOG.md` and the package version bumped as the changes suggest.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { GeneratorConfig, TargetName } from "../config.ts";
import type { Api } from "../ir/types.ts";
import { compareStrings } from "../ir/pointer.ts";
import type { GeneratedFile } from "../targets/target.ts";
import { MANIFEST_PATH, parseManifest } from "../output/manifest.ts";
import type { Change } from "./compare.ts";
import { diffSurfaces, surfacesOf, targetVersion } from "./index.ts";
import { bumpVersion, changeTable, type DiffReport } from "./report.ts";
import type { Entry, EnumSurface, ModelSurface, OpSurface, OptionSurface, Surface } from "./surface.ts";

export const SURFACE_FILE = ".sdkgen-surface.json";
const FORMAT = 2;
const HEADER = "# Changelog\n\nWritten by `sdkgen generate` from the changes of the SDK's surface (see `sdkgen diff`); newest first.\n";

/** What the previous run left in the output folder: its surfaces and versions, and each target's changelog. */
export interface PreviousOutput {
  /** The spec hash of the previous run's manifest: the changelog moves only when the spec changed. */
  specHash?: string;
  targets: Map<TargetName, { version: string; surface: Surface }>;
  changelogs: Map<TargetName, string>;
}

interface StoredTarget {
  version: string;
  surface: {
    ops: Array<Omit<OpSurface, "entries"> & { entries: Entry[] }>;
    models: ModelSurface[];
    enums: EnumSurface[];
    options: OptionSurface[];
    servers: string[];
    security: string[];
  };
}

/**
 * Reads what the previous run left in the output folder: its surfaces (none when there is no record, or one
 * this version cannot read) and each target's changelog, which is carried over in any case so it is never lost.
 * They belong to the folder, not to a spec file: whatever spec is generated into it next is compared with them.
 */
export async function readPrevious(config: GeneratorConfig, targets: TargetName[]): Promise<PreviousOutput> {
  const result: PreviousOutput = { targets: new Map(), changelogs: new Map() };
  for (const target of targets) {
    const log = await readFile(path.join(config.output, target, "CHANGELOG.md"), "utf8").catch(() => undefined);
    if (log !== undefined) result.changelogs.set(target, log);
  }
  let stored: { format?: number; targets?: Record<string, StoredTarget> };
  try {
    stored = JSON.parse(await readFile(path.join(config.output, SURFACE_FILE), "utf8")) as typeof stored;
  } catch {
    return result;
  }
  if (stored.format !== FORMAT || typeof stored.targets !== "object" || stored.targets === null) return result;
  const manifest = parseManifest(await readFile(path.join(config.output, MANIFEST_PATH), "utf8").catch(() => undefined));
  if (manifest) result.specHash = manifest.spec;
  try {
    for (const target of targets) {
      const t = stored.targets[target];
      if (t) result.targets.set(target, { version: t.version, surface: fromStored(target, t) });
    }
  } catch {
    // A record this version cannot read is as good as none: the surfaces are recorded afresh.
    result.targets.clear();
  }
  return result;
}

function fromStored(target: TargetName, t: StoredTarget): Surface {
  return {
    target,
    ops: new Map(t.surface.ops.map((o) => [o.key, { ...o, entries: new Map(o.entries.map((e) => [e.key, e])) }])),
    models: new Map(t.surface.models.map((m) => [m.key, m])),
    enums: new Map(t.surface.enums.map((e) => [e.key, e])),
    options: new Map(t.surface.options.map((o) => [o.key, o])),
    servers: t.surface.servers,
    security: t.surface.security,
  };
}

function toStored(surface: Surface, version: string): StoredTarget {
  const byKey = <T extends { key: string }>(items: Iterable<T>) => [...items].sort((a, b) => compareStrings(a.key, b.key));
  return {
    version,
    surface: {
      ops: byKey(surface.ops.values()).map((o) => ({ ...o, entries: byKey(o.entries.values()) })),
      models: byKey(surface.models.values()),
      enums: byKey(surface.enums.values()),
      options: byKey(surface.options.values()),
      servers: surface.servers,
      security: surface.security,
    },
  };
}

/** 1.10.0 > 1.9.0: numeric comparison of the three parts. */
function newer(a: string, b: string): boolean {
  const pa = a.split(/[.+-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.+-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) > (pb[i] ?? 0);
  return false;
}

export interface ChangelogResult {
  /** The config with each target's version as it is to be written. */
  config: GeneratorConfig;
  /** The surface file and every changelog (old ones carried over, so the output keeps them). */
  files: GeneratedFile[];
  /** The changes since the previous run; empty on a first run. */
  report?: DiffReport;
}

/**
 * Compares each target's surface with the previous run's when the spec changed since (the manifest's
 * spec hash is not `specHash`). A target whose surface changed gets a changelog entry and its version
 * bumped from the one last written, unless the config's version is newer (set by hand, it wins as it
 * is). A first run, or a run where only the config changed (an overlay, say: the SDK author's own
 * choice, which `sdkgen diff` can still show), records the surfaces and adds no entry.
 */
export function changelogStep(config: GeneratorConfig, apis: Map<TargetName, Api>, previous: PreviousOutput, specHash: string): ChangelogResult {
  const targets = [...apis.keys()];
  // The plans made here are the ones the targets generate with.
  const surfaces = surfacesOf(config, apis, true);
  const versions = new Map<TargetName, string>();
  const files: GeneratedFile[] = [];
  let report: DiffReport | undefined;
  const recorded: Partial<Record<TargetName, string>> = {};
  // The version last written: the record's, else the newest entry of the changelog, else the config's.
  for (const t of targets) {
    const logged = /^## (\d+\.\d+\.\d+\S*)$/m.exec(previous.changelogs.get(t) ?? "")?.[1];
    recorded[t] = previous.targets.get(t)?.version ?? logged ?? targetVersion(config, t);
  }
  // Compared only when there is a record and the spec changed since it was made.
  if (previous.targets.size > 0) {
    const before = new Map([...previous.targets].map(([t, p]) => [t, p.surface]));
    report = previous.specHash === specHash ? { changes: [], bump: "none", bumps: {} } : diffSurfaces(config, before, surfaces, recorded);
  }
  for (const t of targets) {
    const configured = targetVersion(config, t);
    const last = recorded[t]!;
    const bump = report?.bumps[t] ?? "none";
    const version = newer(configured, last) ? configured : bumpVersion(last, bump);
    versions.set(t, version);
    let log = previous.changelogs.get(t);
    const mine = report?.changes.filter((c) => c.target === t) ?? [];
    if (mine.length > 0) {
      const broken = mine.filter((c) => c.breaking).length;
      const how = version === bumpVersion(last, bump) ? `${bump} bump from ${last}` : `the config's version (suggested: ${bump} bump from ${last})`;
      const entry = [`## ${version}`, "", `${broken} breaking and ${mine.length - broken} non-breaking changes of the SDK's surface; ${how}.`, "", ...changeTable(mine)].join("\n");
      const rest = log === undefined ? "" : log.startsWith(HEADER) ? log.slice(HEADER.length) : log;
      log = `${HEADER}\n${entry.trimEnd()}\n${rest.startsWith("\n") ? rest : `\n${rest}`}`.trimEnd() + "\n";
    }
    if (log !== undefined) files.push({ path: `${t}/CHANGELOG.md`, content: log });
  }
  const stored: Record<string, StoredTarget> = {};
  for (const t of targets) stored[t] = toStored(surfaces.get(t)!, versions.get(t)!);
  files.push({ path: SURFACE_FILE, content: `${layered({ format: FORMAT, targets: stored }, 7)}\n` });
  return { config: withVersions(config, versions), files, ...(report ? { report } : {}) };
}

/** JSON indented down to `depth` levels, each thing deeper on one line: one line per surface entry, for readable diffs. */
function layered(value: unknown, depth: number, indent = ""): string {
  if (depth === 0 || value === null || typeof value !== "object") return JSON.stringify(value);
  const inner = `${indent} `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${inner}${layered(v, depth - 1, inner)}`).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${layered(v, depth - 1, inner)}`).join(",\n")}\n${indent}}`;
}

function withVersions(config: GeneratorConfig, versions: Map<TargetName, string>): GeneratorConfig {
  const targets = { ...config.targets };
  for (const [t, version] of versions) {
    const options = targets[t];
    if (options && "packageVersion" in options) (targets as Record<string, unknown>)[t] = { ...options, packageVersion: version };
  }
  return { ...config, targets };
}

/** The breaking changes a report holds, one line each, for `check`. */
export function breakingLines(changes: Change[]): string[] {
  return changes.filter((c) => c.breaking).map((c) => `breaking ${c.target} ${c.surface}: ${c.change} (${c.reason})`);
}
