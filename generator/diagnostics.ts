/** A problem found in the input, located by file and JSON pointer. */
export interface Diagnostic {
  severity: "error" | "warning";
  message: string;
  file: string;
  /** JSON pointer into the document, "" for the whole file. */
  pointer: string;
  line?: number;
}

/** Thrown when generation cannot go on; carries every error found, and the warnings found before it stopped. */
export class GenerationError extends Error {
  readonly diagnostics: Diagnostic[];
  readonly warnings: Diagnostic[];
  constructor(diagnostics: Diagnostic[], warnings: Diagnostic[] = []) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "GenerationError";
    this.diagnostics = diagnostics;
    this.warnings = warnings;
  }
}

export type LineLookup = (pointer: string) => number | undefined;

/** Where something of the document the generator reads is written: the file, the pointer within it, and its line when that can be told. */
export interface Origin {
  file: string;
  pointer: string;
  line?: number;
}

/** The origin of a pointer into the document the generator reads (bundled from several files, or not). */
export type Locate = (pointer: string) => Origin;

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}`;
  const pointer = d.pointer === "" ? "#" : `#${d.pointer}`;
  return `${d.severity}: ${where} ${pointer}: ${d.message}`;
}

/** RFC 6901 escaping of one pointer segment. */
export function escapePointerSegment(segment: string): string {
  // Most segments need no escaping: they are returned as they are, without running the regexes.
  if (!segment.includes("~") && !segment.includes("/")) return segment;
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}

export function joinPointer(base: string, ...segments: Array<string | number>): string {
  let pointer = base;
  for (const s of segments) pointer = `${pointer}/${escapePointerSegment(String(s))}`;
  return pointer;
}

export function splitPointer(pointer: string): string[] {
  if (pointer === "" || pointer === "#") return [];
  const body = pointer.startsWith("#") ? pointer.slice(1) : pointer;
  return body
    .split("/")
    .slice(1)
    .map((s) => {
      const decoded = decodeSegment(s);
      return decoded.includes("~") ? decoded.replace(/~1/g, "/").replace(/~0/g, "~") : decoded;
    });
}

/** A segment of a $ref's URI fragment is percent-encoded ("%7Bid%7D"); a bare "%" is a plain character. */
function decodeSegment(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The pointer a `$ref` ("#/paths/~1a~1%7Bid%7D") names, spelled as the pointers built here are
 * ("/paths/~1a~1{id}"), so one place has one id however the $ref encodes it.
 */
export function refPointer(ref: string): string {
  return joinPointer("", ...splitPointer(ref));
}
