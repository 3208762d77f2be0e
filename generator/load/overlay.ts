import { readFile } from "node:fs/promises";
import { JSONPath } from "jsonpath-plus";
import { GenerationError, joinPointer, type Diagnostic } from "../diagnostics.ts";
import { isRecord } from "../ir/pointer.ts";
import { parseYamlFull } from "./yaml-full.ts";

/**
 * OpenAPI Overlay Specification 1.0: a list of actions, each selecting nodes of the document by a
 * JSONPath `target` and either merging `update` into them or removing them (`remove: true`).
 */
export interface OverlayAction {
  target: string;
  update?: unknown;
  remove: boolean;
}

export interface Overlay {
  /** The overlay file, as given (for messages). */
  file: string;
  /** The file's text, part of the manifest's config hash. */
  source: string;
  actions: OverlayAction[];
  /** Line of a pointer into the overlay file. */
  lineOf: (pointer: string) => number | undefined;
}

const ACTION_KEYS = ["target", "description", "update", "remove"];

/** Reads and checks one overlay file (YAML or JSON); every problem names the file and its pointer. */
export async function loadOverlay(file: string): Promise<Overlay> {
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GenerationError([{ severity: "error", file, pointer: "", message: `cannot read overlay: ${code === "ENOENT" ? "file not found" : String(error)}` }]);
  }
  return parseOverlay(file, source);
}

export function parseOverlay(file: string, source: string): Overlay {
  const { data, lineOf } = parseYamlFull(file, source);
  const problems: Diagnostic[] = [];
  const fail = (pointer: string, message: string) => {
    const line = lineOf(pointer);
    problems.push({ severity: "error", file, pointer, ...(line === undefined ? {} : { line }), message });
  };
  const actions: OverlayAction[] = [];
  if (!isRecord(data)) fail("", "an overlay must be a mapping with `overlay`, `info` and `actions`");
  else {
    const version = data["overlay"];
    if (typeof version !== "string" || !/^1\.\d+\.\d+$/.test(version)) fail("/overlay", "must be the Overlay Specification version, 1.x.y (e.g. 1.0.0)");
    const info = data["info"];
    if (!isRecord(info) || typeof info["title"] !== "string" || typeof info["version"] !== "string") fail("/info", "must be a mapping with `title` and `version` strings");
    const list = data["actions"];
    if (!Array.isArray(list) || list.length === 0) fail("/actions", "must be a non-empty list of actions");
    else {
      list.forEach((action: unknown, i) => {
        const at = joinPointer("/actions", i);
        if (!isRecord(action)) return fail(at, "an action must be a mapping with `target` and `update` or `remove`");
        for (const key of Object.keys(action)) if (!ACTION_KEYS.includes(key) && !key.startsWith("x-")) fail(joinPointer(at, key), `unknown action field; expected one of ${ACTION_KEYS.join(", ")} or x-*`);
        const target = action["target"];
        if (typeof target !== "string" || !target.startsWith("$")) return fail(joinPointer(at, "target"), "must be a JSONPath expression starting with `$`");
        const remove = action["remove"] ?? false;
        if (typeof remove !== "boolean") return fail(joinPointer(at, "remove"), "must be true or false");
        if (remove && action["update"] !== undefined) return fail(at, "an action either updates or removes, not both");
        if (!remove && action["update"] === undefined) return fail(at, "an action needs `update` or `remove: true`");
        actions.push({ target, remove, ...(action["update"] === undefined ? {} : { update: action["update"] }) });
      });
    }
  }
  if (problems.length > 0) throw new GenerationError(problems);
  return { file, source, actions, lineOf };
}

/**
 * Applies the overlays' actions to `document`, in order, changing it in place. An action whose
 * target matches nothing is a warning naming the overlay file and the action's index (returned):
 * an overlay that no longer fits its spec should not pass unnoticed, but one config may serve
 * several versions of a spec. An update that cannot apply is an error (thrown).
 */
export function applyOverlays(document: Record<string, unknown>, overlays: Overlay[]): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  for (const overlay of overlays) {
    overlay.actions.forEach((action, i) => {
      const at = joinPointer("/actions", i, "target");
      const line = overlay.lineOf(at);
      const fail = (message: string, severity: "error" | "warning" = "error") => (severity === "error" ? problems : warnings).push({ severity, file: overlay.file, pointer: at, ...(line === undefined ? {} : { line }), message });
      let matches: Array<{ parent: unknown; parentProperty: string | number; value: unknown }>;
      try {
        matches = JSONPath({ path: action.target, json: document, resultType: "all", wrap: true, eval: "safe" }) as typeof matches;
      } catch (error) {
        return fail(`invalid JSONPath ${JSON.stringify(action.target)}: ${(error as Error).message}`);
      }
      // The root itself has no parent: it can be updated, never removed.
      if (matches.length === 0) return fail(`action ${i}: target ${JSON.stringify(action.target)} matches nothing in the spec`, "warning");
      if (action.remove) {
        // Removed from the last index down, so several items of one list keep their positions.
        const ordered = [...matches].sort((a, b) => (typeof b.parentProperty === "number" && typeof a.parentProperty === "number" ? b.parentProperty - a.parentProperty : 0));
        for (const m of ordered) {
          if (Array.isArray(m.parent)) m.parent.splice(Number(m.parentProperty), 1);
          else if (isRecord(m.parent)) delete m.parent[m.parentProperty];
          else fail(`action ${i}: the document root cannot be removed`);
        }
        return;
      }
      for (const m of matches) {
        if (Array.isArray(m.value)) m.value.push(structuredClone(action.update));
        else if (isRecord(m.value) && isRecord(action.update)) mergeInto(m.value, action.update);
        else fail(`action ${i}: target ${JSON.stringify(action.target)} selects a ${m.value === null ? "null" : typeof m.value}; \`update\` needs an object (merged) or a list (appended to)`);
      }
    });
  }
  if (problems.length > 0) throw new GenerationError(problems, warnings);
  return warnings;
}

/** Merges `update` into `target`: mappings are merged key by key, anything else (lists included) replaces what was there. */
function mergeInto(target: Record<string, unknown>, update: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(update)) {
    const current = target[key];
    if (isRecord(current) && isRecord(value)) mergeInto(current, value);
    else target[key] = structuredClone(value);
  }
}
