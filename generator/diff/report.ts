/** The diff's verdict (a semver bump) and its two renderings: Markdown for people, JSON for tools. */
import type { TargetName } from "../config.ts";
import type { Change } from "./compare.ts";
import type { Level } from "./rules.ts";

export type Bump = Level | "none";

const ORDER: Bump[] = ["none", "patch", "minor", "major"];

/**
 * The bump the changes ask for of a package at `version`: major for a breaking change, else minor for
 * something new, else patch. Below 1.0.0 everything moves one place down (breaking means minor).
 */
export function suggestBump(changes: Change[], version: string): Bump {
  let level: Bump = "none";
  for (const c of changes) if (ORDER.indexOf(c.level) > ORDER.indexOf(level)) level = c.level;
  if (level === "none" || !/^0\./.test(version)) return level;
  return level === "major" ? "minor" : "patch";
}

/** The version after a bump; prerelease and build parts are dropped. */
export function bumpVersion(version: string, bump: Bump): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m || bump === "none") return version;
  const [major, minor, patch] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (bump === "major") return `${major + 1}.0.0`;
  if (bump === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

export interface DiffReport {
  changes: Change[];
  bump: Bump;
  /** Each target's own bump, from its own version. */
  bumps: Partial<Record<TargetName, Bump>>;
}

export function makeReport(changes: Change[], versions: Partial<Record<TargetName, string>>): DiffReport {
  const bumps: Partial<Record<TargetName, Bump>> = {};
  for (const [target, version] of Object.entries(versions) as Array<[TargetName, string]>) bumps[target] = suggestBump(changes.filter((c) => c.target === target), version);
  let bump: Bump = "none";
  for (const b of Object.values(bumps)) if (ORDER.indexOf(b) > ORDER.indexOf(bump)) bump = b;
  return { changes, bump, bumps };
}

export function reportJson(report: DiffReport): string {
  const changes = report.changes.map((c) => ({ target: c.target, surface: c.surface, change: c.change, rule: c.rule, breaking: c.breaking, reason: c.reason }));
  return `${JSON.stringify({ changes, bump: report.bump, bumps: report.bumps }, null, 2)}\n`;
}

function cell(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Counts per target: "3 breaking, 12 non-breaking". */
export function summaryLines(report: DiffReport): string[] {
  const lines: string[] = [];
  for (const target of Object.keys(report.bumps) as TargetName[]) {
    const mine = report.changes.filter((c) => c.target === target);
    const broken = mine.filter((c) => c.breaking).length;
    lines.push(`- ${target}: ${broken} breaking, ${mine.length - broken} non-breaking; bump ${report.bumps[target]}`);
  }
  return lines;
}

/** A Markdown table of changes, breaking ones first. */
export function changeTable(changes: Change[]): string[] {
  const rows = [...changes.filter((m) => m.breaking), ...changes.filter((m) => !m.breaking)]
    .map((c) => `| ${c.breaking ? "**breaking**" : "non-breaking"} | \`${cell(c.surface).replace(/`/g, "'")}\` | ${cell(c.change)} | ${cell(c.reason)} |`);
  return ["| | surface | change | why |", "| --- | --- | --- | --- |", ...rows];
}

/** The report as Markdown: a summary, then one table per target with breaking changes first. `heading` is the level of the top heading. */
export function reportMarkdown(report: DiffReport, heading = "#", title = "SDK changes"): string {
  const out: string[] = [`${heading} ${title}`, "", `Suggested version bump: **${report.bump}**`, "", ...summaryLines(report), ""];
  for (const target of Object.keys(report.bumps) as TargetName[]) {
    const mine = report.changes.filter((c) => c.target === target);
    if (mine.length === 0) continue;
    out.push(`${heading}# ${target}`, "", ...changeTable(mine), "");
  }
  if (report.changes.length === 0) out.push("No changes to the SDKs' surfaces.", "");
  return out.join("\n");
}
