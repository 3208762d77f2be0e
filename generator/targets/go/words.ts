import { camelCase, pascalCase } from "../../naming/case.ts";
import { identifierChars } from "../../naming/identifiers.ts";

/** Go's keywords: never usable as identifiers. */
export const GO_KEYWORDS = new Set([
  "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func", "go", "goto",
  "if", "import", "interface", "map", "package", "range", "return", "select", "struct", "switch", "type", "var",
]);

/** Predeclared identifiers: usable, but shadowing them breaks the code that follows. */
export const GO_PREDECLARED = new Set([
  "any", "append", "bool", "byte", "cap", "clear", "close", "comparable", "complex", "complex128", "complex64", "copy",
  "delete", "error", "false", "float32", "float64", "imag", "int", "int16", "int32", "int64", "int8", "iota", "len",
  "make", "max", "min", "new", "nil", "panic", "print", "println", "real", "recover", "rune", "string", "true", "uint",
  "uint16", "uint32", "uint64", "uint8", "uintptr",
]);


/**
 * An exported Go identifier from any spelling: the shared PascalCase (no initialism rewriting,
 * so "id" is Id, as in every target), prefixed when it would not start with an upper-case letter.
 */
export function exportedName(text: string, prefix = "X"): string {
  const name = identifierChars(pascalCase(text));
  if (name === "") return prefix;
  return /^\p{Lu}/u.test(name) ? name : `${prefix}${name}`;
}

/** An unexported (local) identifier: camelCase, a keyword or predeclared name gets a trailing underscore. */
export function localName(text: string): string {
  let name = identifierChars(camelCase(text));
  if (name === "" || /^\p{Nd}/u.test(name)) name = `v${name}`;
  if (/^\p{Lu}/u.test(name)) name = `v${name}`;
  return GO_KEYWORDS.has(name) || GO_PREDECLARED.has(name) ? `${name}_` : name;
}

/**
 * Whether encoding/json can take a property's name from a struct tag `json:"<name>"`: a name it
 * accepts (its isValidTag: letters, digits and the punctuation `!#$%&()*+-./:;<=>?@[]^_{|}~` and
 * space; never a comma, which ends the name, nor a quote or backslash), and not "-", which drops the
 * field. Stack Exchange's "the id of the object (answer, comment, question, or user) the event
 * describes" is not one: encoding/json named it "the id of the object (answer".
 */
export function isJsonTagName(name: string): boolean {
  return name !== "-" && /^[\p{L}\p{Nd}!#$%&()*+\-./:;<=>?@[\]^_{|}~ ]+$/u.test(name);
}

/**
 * A Go interpreted string literal for any JS string: printable ASCII as it is, everything else
 * escaped, so no spec text can end the literal or put a raw control character, BOM or invalid
 * UTF-8 into the source. Lone UTF-16 surrogates have no Go equivalent and become U+FFFD.
 */
export function goString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    let code = unit;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const low = value.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = (unit - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      } else code = 0xfffd;
    } else if (unit >= 0xd800 && unit <= 0xdfff) code = 0xfffd;
    if (code === 0x22) out += '\\"';
    else if (code === 0x5c) out += "\\\\";
    else if (code === 0x0a) out += "\\n";
    else if (code === 0x0d) out += "\\r";
    else if (code === 0x09) out += "\\t";
    else if (code >= 0x20 && code < 0x7f) out += String.fromCharCode(code);
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code <= 0xffff) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += `\\U${code.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

/** A struct tag literal: raw when it can be, interpreted otherwise (a backquote in a wire name). */
export function tagLiteral(tag: string): string {
  return /^[\x20-\x7e]*$/.test(tag) && !tag.includes("`") ? `\`${tag}\`` : goString(tag);
}

/**
 * Comment lines for spec text: each line gets its own `//`, nothing in it can end the comment or
 * put a control character in the source, and the lines are shaped as gofmt (Go 1.19) prints doc
 * comments: no indentation (so no code blocks or lists appear), no runs of blank lines.
 */
export function commentLines(text: string | undefined, indent = ""): string[] {
  if (text === undefined) return [];
  const lines = text
    .replace(/\r\n?|[\u2028\u2029\u0085\u000b\u000c]/g, "\n")
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f\ufeff]/g, " ")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .replace(/\*\//g, "* /")
    .split("\n")
    // A heading ("# x") or a link definition ("[x]: url") would be moved or reshaped by gofmt.
    .map((l) => l.trim().replace(/^(#|\[)/, "\u200b$1"));
  const out: string[] = [];
  for (const line of lines) {
    if (line === "" && (out.length === 0 || out[out.length - 1] === "")) continue;
    out.push(line);
  }
  while (out[out.length - 1] === "") out.pop();
  // gofmt would turn a line that looks like an old-style heading into a "# " heading.
  const shaped = out.map((l, i) => (isOldHeading(out, i) ? `\u200b${l}` : l));
  return shaped.map((l) => (l === "" ? `${indent}//` : `${indent}// ${l}`));
}

/**
 * go/doc/comment's old-style heading: a line alone between blank lines, with more text after it,
 * starting with an upper-case letter, ending in a letter or digit, without most punctuation.
 */
function isOldHeading(lines: string[], i: number): boolean {
  const line = lines[i]!;
  if (i === 0 || lines[i - 1] !== "" || i + 2 >= lines.length || lines[i + 1] !== "" || line === "") return false;
  const chars = [...line];
  if (!/^\p{Lu}$/u.test(chars[0]!) || !/^[\p{L}\p{N}]$/u.test(chars[chars.length - 1]!)) return false;
  if (/[;:!?+*/=[\]{}_^°&§~%#@<">\\]/.test(line)) return false;
  // "'" only as a possessive "'s", "." only when followed by something other than a space.
  if (line.split("'").slice(1).some((after) => after !== "s" && !after.startsWith("s "))) return false;
  return !line.split(".").slice(1).some((after) => after === "" || after.startsWith(" "));
}

/** Rows of cells aligned as gofmt aligns them: every cell but the last padded to its column's width plus one. */
export function alignRows(rows: string[][], indent = "\t"): string[] {
  const widths: number[] = [];
  for (const row of rows) row.slice(0, -1).forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, [...c].length)));
  return rows.map((row) => indent + row.map((c, i) => (i < row.length - 1 ? c + " ".repeat(widths[i]! - [...c].length + 1) : c)).join(""));
}

/**
 * Key: value lines of a composite literal, aligned with gofmt's rule: values line up unless a key
 * is much longer or shorter than those before it (the geometric-mean heuristic of go/printer).
 */
export function alignKeyValues(pairs: Array<[string, string]>, indent: string): string[] {
  const sections: Array<Array<[string, string]>> = [];
  let lnsum = 0;
  let count = 0;
  let prevSize = 0;
  for (const pair of pairs) {
    const size = [...pair[0]].length + 1;
    let breakHere = sections.length === 0;
    if (!breakHere && prevSize > 0) {
      if (!(count === 0 || (prevSize <= 40 && size <= 40))) {
        const ratio = size / Math.exp(lnsum / count);
        breakHere = 2.5 * ratio <= 1 || 2.5 <= ratio;
      }
    }
    if (breakHere) {
      sections.push([]);
      lnsum = 0;
      count = 0;
    }
    sections[sections.length - 1]!.push(pair);
    lnsum += Math.log(size);
    count++;
    prevSize = size;
  }
  return sections.flatMap((s) => alignRows(s.map(([k, v]) => [`${k}:`, `${v},`]), indent));
}

export { camelCase, pascalCase };
