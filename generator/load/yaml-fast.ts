import jsyaml from "js-yaml";
import { splitPointer } from "../diagnostics.ts";
import { LineIndex } from "./line-index.ts";

/**
 * A YAML document read by js-yaml, several times faster than the `yaml` library's parse with
 * positions. It is only a fast path: it gives up (returns undefined) whenever the document uses
 * something whose reading or diagnostics the full reader owns (anchors and aliases, explicit tags,
 * directives, several documents, any error), and wherever js-yaml is laxer than YAML (indentation
 * of flow nodes and block collections, tabs, keys that are collections, over-long keys); the
 * caller then reads the document the full way. test/unit/yaml-fast.test.ts holds the two to agreeing.
 *
 * Positions are kept for mappings and lists only (their first character, as the full reader
 * reports them); `lineOf` answers undefined for a pointer that ends at a scalar, and the caller
 * asks the full reader instead.
 */
export interface FastYaml {
  data: unknown;
  /** Line of the mapping or list a pointer leads to; undefined when it ends at a scalar or nowhere. */
  lineOf(pointer: string): number | undefined;
}

/** Scalars resolved by YAML 1.2's core schema, the schema the full reader uses. */
const CORE_SCALARS = [
  new jsyaml.Type("tag:yaml.org,2002:null", {
    kind: "scalar",
    resolve: (text: string) => /^(?:~|[Nn]ull|NULL)?$/.test(text),
    construct: () => null,
  }),
  new jsyaml.Type("tag:yaml.org,2002:bool", {
    kind: "scalar",
    resolve: (text: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text),
    construct: (text: string) => text[0] === "t" || text[0] === "T",
  }),
  new jsyaml.Type("tag:yaml.org,2002:int", {
    kind: "scalar",
    resolve: (text: string) => /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/.test(text),
    construct: (text: string) => {
      if (text.startsWith("0o")) return parseInt(text.slice(2), 8);
      if (text.startsWith("0x")) return parseInt(text.slice(2), 16);
      const magnitude = parseInt(text.replace(/^[-+]/, ""), 10);
      return text[0] === "-" ? -magnitude : magnitude;
    },
  }),
  new jsyaml.Type("tag:yaml.org,2002:float", {
    kind: "scalar",
    resolve: (text: string) => /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text),
    construct: (text: string) => {
      if (/^\.nan$/i.test(text)) return NaN;
      if (/\.inf$/i.test(text)) return text[0] === "-" ? -Infinity : Infinity;
      return parseFloat(text);
    },
  }),
];

const SCHEMA = jsyaml.FAILSAFE_SCHEMA.extend({ implicit: CORE_SCALARS });

/** js-yaml's loader state as its listener sees it; the typings leave out the fields read here. */
type LoaderState = jsyaml.State & { result: unknown; anchor: string | null };

/** js-yaml's options, with the nesting limit its typings do not declare yet. */
type LoaderOptions = jsyaml.LoadOptions & { maxDepth: number };

class GiveUp extends Error {}

const EXCLAMATION = 0x21;
const PIPE = 0x7c;
const GREATER = 0x3e;
const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const RETURN = 0x0d;
const HASH = 0x23;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** YAML's limit on the length of an implicit key, which js-yaml does not enforce. */
const MAX_IMPLICIT_KEY = 1024;

export function parseYamlFast(source: string, maxDepth: number): FastYaml | undefined {
  // Directives (%YAML, %TAG) change how the rest is read; the full reader handles them.
  if (/^%/m.test(source)) return undefined;
  // Tabs among the leading white space are where js-yaml and YAML's rules part ways; rare in specs.
  if (/^ *\t/m.test(source)) return undefined;
  // An escaped line break followed by an empty line folds differently in the two readers.
  if (/\\\r?\n[ \t]*\r?\n/.test(source)) return undefined;
  // A document that does not start at the left margin leaves js-yaml laxer than YAML about what follows.
  const first = contentStart(source, 0);
  if (first < source.length && first !== source.lastIndexOf("\n", first) + 1) return undefined;
  // Where each node still open starts (before the space and comments ahead of it).
  const openedAt: number[] = [];
  const starts = new WeakMap<object, number>();
  let containers = 0;
  // Spans of the block mappings and lists read, checked once the line table is built.
  const blockStarts: number[] = [];
  const blockEnds: number[] = [];
  const options: LoaderOptions = {
    schema: SCHEMA,
    maxDepth,
    listener(event, loaderState) {
      const state = loaderState as LoaderState;
      if (event === "open") {
        openedAt.push(state.position);
        return;
      }
      const at = contentStart(source, openedAt.pop()!);
      const isCollection = typeof state.result === "object" && state.result !== null;
      // A node's properties come first, so a written tag shows as "!" where its text starts (no plain scalar can).
      if (state.anchor !== null || source.charCodeAt(at) === EXCLAMATION) throw new GiveUp();
      if (!flowLinesIndented(source, at, state.position, isCollection, openedAt)) throw new GiveUp();
      if (isCollection && source.charCodeAt(at) !== OPEN_BRACKET && source.charCodeAt(at) !== OPEN_BRACE) {
        blockStarts.push(at);
        blockEnds.push(state.position);
      }
      // A node read as a possible key and kept as the value closes twice; the first close is its own.
      if (isCollection && !starts.has(state.result as object)) {
        containers++;
        starts.set(state.result as object, at);
      }
    },
  };
  let data: unknown;
  try {
    data = jsyaml.load(source, options);
  } catch {
    return undefined;
  }
  // A mapping or list used as a key is read but never reached from the top: the full reader refuses those.
  if (!reachesAll(data, containers, starts)) return undefined;
  const lines = new Lines(source);
  if (!blockCollectionsAligned(source, lines, blockStarts, blockEnds)) return undefined;
  return {
    // An empty document reads as null, as in the full reader.
    data: data === undefined ? null : data,
    lineOf(pointer) {
      let node: unknown = data;
      for (const segment of splitPointer(pointer)) {
        if (typeof node !== "object" || node === null || !Object.prototype.hasOwnProperty.call(node, segment)) break;
        node = (node as Record<string, unknown>)[segment];
      }
      if (typeof node !== "object" || node === null) return undefined;
      const start = starts.get(node);
      return start === undefined ? undefined : lines.lineAt(start) + 1;
    },
  };
}

/**
 * Whether a node written over several lines in flow style (a quoted or plain scalar, a flow
 * collection) indents its further lines as YAML requires in block context, which js-yaml does not
 * check: beyond the column of the block collection it is in, except that the line closing a flow
 * collection may start at that column. The outermost flow node checks the lines of those inside it.
 */
function flowLinesIndented(source: string, start: number, end: number, isCollection: boolean, openAncestors: readonly number[]): boolean {
  const first = source.charCodeAt(start);
  const isFlowCollection = first === OPEN_BRACKET || first === OPEN_BRACE;
  if (first === PIPE || first === GREATER || (isCollection && !isFlowCollection)) return true;
  const lineBreak = source.indexOf("\n", start);
  if (lineBreak === -1 || lineBreak >= end) return true;
  // The block collection it is in: js-yaml opens a node twice when it first reads it as a possible key.
  let parentStart: number | undefined;
  for (let k = openAncestors.length - 1; k >= 0 && parentStart === undefined; k--) {
    const ancestor = contentStart(source, openAncestors[k]!);
    if (ancestor !== start) parentStart = ancestor;
  }
  if (parentStart === undefined) return true;
  const parentFirst = source.charCodeAt(parentStart);
  if (parentFirst === OPEN_BRACKET || parentFirst === OPEN_BRACE) return true;
  let last = end;
  while (last > start && isSpace(source.charCodeAt(last - 1))) last--;
  const blockIndent = parentStart - source.lastIndexOf("\n", parentStart - 1) - 1;
  for (let lineBreak = source.indexOf("\n", start); lineBreak !== -1 && lineBreak < last; lineBreak = source.indexOf("\n", lineBreak + 1)) {
    let i = lineBreak + 1;
    while (source.charCodeAt(i) === SPACE) i++;
    const column = i - lineBreak - 1;
    const c = source.charCodeAt(i);
    if (c === NEWLINE || c === RETURN || i >= last) continue;
    const closes = isFlowCollection && (c === CLOSE_BRACKET || c === CLOSE_BRACE) && i === last - 1;
    if (closes ? column < blockIndent : column <= blockIndent) return false;
  }
  return true;
}

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB || c === NEWLINE || c === RETURN;
}

/**
 * Whether `expected` mappings and lists are reached from the top, each one read as a node of its
 * own, and every key reads the same in both readers.
 */
function reachesAll(root: unknown, expected: number, read: WeakMap<object, number>): boolean {
  let found = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    // A single pair in a flow list ("[a: b]") becomes a mapping js-yaml reports no node for.
    if (!read.has(node)) return false;
    found++;
    for (const key of Object.keys(node)) {
      // js-yaml names a null key "null", the full reader "": a key read as "null" may have been either.
      if (key.length > MAX_IMPLICIT_KEY - 2 || key === "null") return false;
      const value = (node as Record<string, unknown>)[key];
      if (typeof value === "object" && value !== null) stack.push(value);
    }
  }
  return found === expected;
}

/**
 * Whether no line inside a block mapping or list (comments and blank lines aside) is indented less
 * than the collection's own column, which YAML forbids and js-yaml lets by in a few cases.
 */
function blockCollectionsAligned(source: string, lines: Lines, starts: readonly number[], ends: readonly number[]): boolean {
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k]!;
    let end = ends[k]!;
    while (end > start && isSpace(source.charCodeAt(end - 1))) end--;
    const first = lines.lineAt(start);
    const last = lines.lineAt(end);
    if (last > first && lines.leastIndent(first + 1, last) < start - lines.startOf(first)) return false;
  }
  return true;
}

/** A text's lines, with the least indentation over a range of them (blank and comment lines left out). */
class Lines extends LineIndex {
  /** table[j][i]: least indentation of lines i .. i + 2^j - 1. */
  private table: Int32Array[] | undefined;

  /** Least indentation of the lines from `first` to `last`, both included. */
  leastIndent(first: number, last: number): number {
    const table = (this.table ??= this.buildTable());
    const level = 31 - Math.clz32(last - first + 1);
    return Math.min(table[level]![first]!, table[level]![last - (1 << level) + 1]!);
  }

  private buildTable(): Int32Array[] {
    const base = new Int32Array(this.count);
    for (let line = 0; line < this.count; line++) {
      let i = this.startOf(line);
      while (this.text.charCodeAt(i) === SPACE) i++;
      const c = this.text.charCodeAt(i);
      const ignored = Number.isNaN(c) || c === NEWLINE || c === RETURN || c === HASH;
      base[line] = ignored ? 0x7fffffff : i - this.startOf(line);
    }
    const table = [base];
    for (let width = 2; width <= this.count; width *= 2) {
      const previous = table[table.length - 1]!;
      const half = width / 2;
      const next = new Int32Array(this.count - width + 1);
      for (let i = 0; i < next.length; i++) next[i] = Math.min(previous[i]!, previous[i + half]!);
      table.push(next);
    }
    return table;
  }
}

/** The first character at or after `offset` that is neither white space nor part of a comment. */
function contentStart(source: string, offset: number): number {
  let i = offset;
  while (i < source.length) {
    const c = source.charCodeAt(i);
    if (isSpace(c)) i++;
    else if (c === HASH) {
      while (i < source.length && source.charCodeAt(i) !== NEWLINE) i++;
    } else break;
  }
  return i;
}
