import { joinPointer, splitPointer, type LineLookup } from "../diagnostics.ts";
import { LineIndex } from "./line-index.ts";

/**
 * A JSON document read with `JSON.parse`, far faster than the YAML parser with positions on big
 * specs. Positions are found only when a message needs one: `lineOf` walks the text from the
 * nearest place it has seen before. Returns undefined when the text is not plain JSON, or holds a
 * duplicate key (which JSON.parse would silently drop): the YAML reader then reports it.
 */
export function parseJsonSource(source: string): { data: unknown; lineOf: LineLookup } | undefined {
  const first = /\S/.exec(source);
  if (first === null || (first[0] !== "{" && first[0] !== "[")) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch {
    return undefined;
  }
  if (countKeysInText(source) !== countKeysInValue(data)) return undefined;
  return { data, lineOf: jsonLineLookup(source, first.index) };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Offset of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end !== -1) {
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Keys written in valid JSON text: strings followed by a colon. */
function countKeysInText(text: string): number {
  let keys = 0;
  for (let i = text.indexOf('"'); i !== -1; ) {
    const end = stringEnd(text, i);
    const next = skipSpace(text, end + 1);
    if (text.charCodeAt(next) === COLON) keys++;
    i = text.indexOf('"', next);
  }
  return keys;
}

/** Keys of every object in a parsed value. */
function countKeysInValue(root: unknown): number {
  let keys = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === "object" && item !== null) stack.push(item);
      continue;
    }
    for (const key in node) {
      keys++;
      const value = (node as Record<string, unknown>)[key];
      if (typeof value === "object" && value !== null) stack.push(value);
    }
  }
  return keys;
}

/** Offset just past the JSON value starting at `start`. */
function valueEnd(text: string, start: number): number {
  const code = text.charCodeAt(start);
  if (code === QUOTE) return stringEnd(text, start) + 1;
  if (code === 0x7b || code === 0x5b) {
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === QUOTE) i = stringEnd(text, i);
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    return text.length;
  }
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x2c || c === 0x7d || c === 0x5d || isSpace(c)) break;
    i++;
  }
  return i;
}

/** How far a container's members have been read: where to go on, and the next array index. */
interface Progress {
  at: number;
  index: number;
  done: boolean;
}

/**
 * Line of the value a JSON pointer names (the deepest part of it that exists), as the YAML reader
 * gives it. Every member passed while looking is remembered, so a lookup reads each container's
 * text at most once however many lookups there are.
 */
function jsonLineLookup(text: string, rootOffset: number): LineLookup {
  const offsets = new Map<string, number>([["", rootOffset]]);
  const progress = new Map<number, Progress>();
  let lines: LineIndex | undefined;
  const lineAt = (offset: number): number => (lines ??= new LineIndex(text)).lineAt(offset) + 1;

  /** Reads members of the container at `start` until `wanted` is found (or the end); returns its offset. */
  const find = (start: number, pointer: string, wanted: string): number | undefined => {
    const isArray = text.charCodeAt(start) === 0x5b;
    if (!isArray && text.charCodeAt(start) !== 0x7b) return undefined;
    let state = progress.get(start);
    if (state === undefined) {
      state = { at: start + 1, index: 0, done: false };
      progress.set(start, state);
    }
    while (!state.done) {
      let i = skipSpace(text, state.at);
      const c = text.charCodeAt(i);
      if (c === 0x7d || c === 0x5d || i >= text.length) {
        state.done = true;
        break;
      }
      let key: string;
      if (isArray) key = String(state.index++);
      else {
        const end = stringEnd(text, i);
        const raw = text.slice(i + 1, end);
        key = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
        i = skipSpace(text, end + 1) + 1;
        i = skipSpace(text, i);
      }
      const child = joinPointer(pointer, key);
      offsets.set(child, i);
      const after = skipSpace(text, valueEnd(text, i));
      state.at = text.charCodeAt(after) === 0x2c ? after + 1 : after;
      if (key === wanted) return i;
    }
    return undefined;
  };

  return (pointer: string) => {
    let offset = rootOffset;
    let current = "";
    for (const segment of splitPointer(pointer)) {
      // The YAML reader reads an array index as a number: "01" names item 1.
      const isArray = text.charCodeAt(offset) === 0x5b;
      const key = isArray ? String(Number(segment)) : segment;
      const child = joinPointer(current, key);
      const known = offsets.get(child) ?? find(offset, current, key);
      if (known === undefined) break;
      offset = known;
      current = child;
    }
    return lineAt(offset);
  };
}
