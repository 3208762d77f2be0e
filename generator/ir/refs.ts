import { joinPointer, refPointer, type Diagnostic } from "../diagnostics.ts";
import { refsIn } from "../json-refs.ts";
import { isRecord, resolvePointer } from "./pointer.ts";

type Problem = Omit<Diagnostic, "file">;

/** Keys whose values are data (examples, defaults, extensions), where a `$ref` key is not a reference. */
const DATA_KEYS = new Set(["example", "default", "enum", "const"]);

/**
 * Problems with the internal $refs of a bundled document that would otherwise show up later as
 * misleading errors, or not at all: a $ref that is no JSON pointer, one that points to nothing,
 * and a chain of $refs that comes back to where it started without reaching a definition.
 * `checkTargets: false` leaves refs to nothing to the caller (the loader's bundler names them).
 */
export function refProblems(doc: unknown, { checkTargets = true } = {}): Problem[] {
  const problems: Problem[] = [];
  const reportedCycles = new Set<string>();
  // Big specs repeat the same $refs many times over: each target is looked up once.
  const targets = new Map<string, unknown>();
  const followed = new Map<string, unknown>();
  const memo = (cache: Map<string, unknown>, key: string, find: () => unknown) => {
    if (!cache.has(key)) cache.set(key, find());
    return cache.get(key);
  };
  for (const { pointer, ref } of internalRefs(doc)) {
    const at = joinPointer(pointer, "$ref");
    if (ref !== "#" && !ref.startsWith("#/")) {
      problems.push({ severity: "error", pointer: at, message: `$ref ${JSON.stringify(ref)} is not a JSON pointer: after "#" it must start with "/"` });
      continue;
    }
    if (memo(targets, ref, () => resolvePointer(doc, ref.slice(1))) === undefined) {
      if (checkTargets) problems.push({ severity: "error", pointer: at, message: `$ref ${JSON.stringify(ref)} points to nothing in the document` });
      continue;
    }
    // The usual case, told without walking the chain: the $ref leads to a definition (no further
    // $ref), so it can be in no cycle. (A "%" in the pointer may decode to another key: walked.)
    if (!ref.startsWith("#/") && !pointer.includes("%")) continue;
    const next = memo(followed, ref, () => resolvePointer(doc, refPointer(ref)));
    if (!pointer.includes("%") && !(isRecord(next) && typeof next["$ref"] === "string" && next["$ref"].startsWith("#/"))) continue;
    const cycle = refCycle(doc, pointer);
    if (cycle === undefined) continue;
    const key = [...cycle].sort().join("\n");
    if (reportedCycles.has(key)) continue;
    reportedCycles.add(key);
    const chain = [...cycle, cycle[0]!].map((p) => `#${p}`).join(" -> ");
    problems.push({ severity: "error", pointer: joinPointer(cycle[0]!, "$ref"), message: `circular $ref: ${chain} never reaches a definition` });
  }
  return problems;
}

/** The pointers of the $ref cycle that following $refs from `start` runs into, if it runs into one. */
function refCycle(doc: unknown, start: string): string[] | undefined {
  const chain: string[] = [];
  for (let current = start; ; ) {
    const seen = chain.indexOf(current);
    if (seen !== -1) return chain.slice(seen);
    const node = resolvePointer(doc, current);
    if (!isRecord(node) || typeof node["$ref"] !== "string" || !node["$ref"].startsWith("#/")) return undefined;
    chain.push(current);
    current = refPointer(node["$ref"]);
  }
}

/** Every `$ref` to a place in the same document, with the pointer of the object holding it. */
function internalRefs(doc: unknown): Array<{ pointer: string; ref: string }> {
  return refsIn(doc, (key) => DATA_KEYS.has(key) || key.startsWith("x-")).filter(({ ref }) => ref.startsWith("#"));
}

const COMPONENT_KINDS: Record<string, string> = {
  schemas: "a schema", responses: "a response", parameters: "a parameter", examples: "an example",
  requestBodies: "a request body", headers: "a header", securitySchemes: "a security scheme", links: "a link",
  callbacks: "a callback", pathItems: "a path item",
};

/**
 * When a $ref, followed to `target`, lands on a component of another kind than `section` (a request
 * body that points to a schema, say), the message that says so.
 */
export function wrongComponentKind(target: string, section: "schemas" | "responses" | "parameters" | "requestBodies"): string | undefined {
  const found = /^\/components\/([^/]+)\/[^/]+$/.exec(target)?.[1];
  if (found === undefined || found === section || !(found in COMPONENT_KINDS)) return undefined;
  return `$ref "#${target}" points to ${COMPONENT_KINDS[found]}, not ${COMPONENT_KINDS[section]} (those are under #/components/${section})`;
}
