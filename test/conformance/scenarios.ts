// Types of scenarios.json and the resolution of fixture bodies; the format is in README.md.
import { readFileSync } from "node:fs";

export type HeaderValue = string | { httpDateInSeconds: number };

export type Reply =
  | { status: number; headers?: Record<string, HeaderValue>; body?: string; json?: unknown }
  | { hang: true }
  | { destroy: true };

export interface ExpectedRequest {
  method?: string;
  path?: string;
  /** The whole decoded query. */
  query?: Record<string, string | string[]>;
  /** Headers that must be present with these values (lower-case names). */
  headers?: Record<string, string>;
  absentHeaders?: string[];
  /** The exact body. */
  body?: string;
  /** The body as an urlencoded form: these entries, in this order. */
  form?: Record<string, string>;
  /** Bounds of the time since the scenario's previous request. */
  minGapMs?: number;
  maxGapMs?: number;
}

export interface Exchange {
  request: ExpectedRequest;
  reply: Reply;
}

export interface ExpectedError {
  type: string;
  status: number | null;
  message?: string;
  messageIncludes?: string;
  messageExcludes?: string[];
}

export interface Scenario {
  id: string;
  description: string;
  baseUrl?: string;
  serverUrl: "client" | "call";
  clientOptions: Record<string, unknown>;
  call: { operation: string; args: Record<string, unknown>; options: Record<string, unknown> };
  exchanges: Exchange[];
  expect: ({ ok: true; facts: Record<string, unknown> } | { ok: false; error: ExpectedError }) & {
    elapsedMs?: { min: number; max: number };
  };
}

export interface ScenarioFile {
  client: { accessToken: string; globals: Record<string, string> };
  fixtures: Record<string, unknown>;
  scenarios: Scenario[];
}

export const SCENARIOS_FILE = new URL("./scenarios.json", import.meta.url);

/** A reply body that names a fixture, with properties replaced (`set`) or dropped (`remove`). */
interface FixtureBody {
  fixture: string;
  set?: Record<string, unknown>;
  remove?: string[];
}

function isFixtureBody(value: unknown): value is FixtureBody {
  return typeof value === "object" && value !== null && typeof (value as FixtureBody).fixture === "string";
}

/** Reads scenarios.json with every fixture body resolved to plain JSON. */
export function loadScenarios(): ScenarioFile {
  const file = JSON.parse(readFileSync(SCENARIOS_FILE, "utf8")) as ScenarioFile;
  for (const scenario of file.scenarios) {
    for (const exchange of scenario.exchanges) {
      const reply = exchange.reply;
      if (!("status" in reply) || !isFixtureBody(reply.json)) continue;
      const { fixture, set = {}, remove = [] } = reply.json;
      if (!(fixture in file.fixtures)) throw new Error(`scenario ${scenario.id} names an unknown fixture ${fixture}`);
      const body = { ...(structuredClone(file.fixtures[fixture]) as Record<string, unknown>), ...structuredClone(set) };
      for (const key of remove) delete body[key];
      reply.json = body;
    }
  }
  return file;
}
