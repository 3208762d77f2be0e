import { camelIdentifier, pascalIdentifier } from "../../naming/identifiers.ts";

/** PHP's keywords, which no class, interface or enum may be named (PHP compares them case-insensitively). */
export const PHP_KEYWORDS = new Set([
  "__halt_compiler", "abstract", "and", "array", "as", "break", "callable", "case", "catch", "class", "clone", "const",
  "continue", "declare", "default", "die", "do", "echo", "else", "elseif", "empty", "enddeclare", "endfor", "endforeach",
  "endif", "endswitch", "endwhile", "enum", "eval", "exit", "extends", "final", "finally", "fn", "for", "foreach",
  "function", "global", "goto", "if", "implements", "include", "include_once", "instanceof", "insteadof", "interface",
  "isset", "list", "match", "namespace", "new", "or", "print", "private", "protected", "public", "readonly", "require",
  "require_once", "return", "static", "switch", "throw", "trait", "try", "unset", "use", "var", "while", "xor", "yield",
]);

/** Names PHP reserves for its own types, also unusable as class names. */
const RESERVED_TYPE_NAMES = new Set([
  "bool", "false", "float", "int", "iterable", "mixed", "never", "null", "numeric", "object", "parent", "resource",
  "self", "string", "true", "void",
]);

/** Whether PHP refuses a name for a class, interface or enum (case-insensitively). */
export function isReservedClassName(name: string): boolean {
  const lower = name.toLowerCase();
  return PHP_KEYWORDS.has(lower) || RESERVED_TYPE_NAMES.has(lower) || lower.startsWith("__");
}

/** A class, enum or case name: PascalCase, prefixed when it would not start with a letter. */
export function pascalName(text: string, prefix = "X"): string {
  return pascalIdentifier(text, prefix);
}

/** A property, parameter or method name: camelCase, never empty, never starting with a digit. */
export function camelName(text: string): string {
  return camelIdentifier(text);
}

/**
 * A PHP single-quoted string literal for any JS string. Single quotes interpolate nothing; only `\` and `'`
 * are special. Control characters, non-ASCII and lone surrogates go through a double-quoted `\u{...}` form
 * so no spec text can end the literal, interpolate a variable or hide a line break.
 */
export function phpString(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\" || ch === "$") out += `\\${ch}`;
    else if (code >= 0x20 && code < 0x7f) out += ch;
    else out += `\\u{${(code >= 0xd800 && code <= 0xdfff ? 0xfffd : code).toString(16)}}`;
  }
  return `${out}"`;
}

/** Characters that end a line, even inside a comment. */
const LINE_BREAKS = /\r\n?|[\n\u0085\u2028\u2029]/g;

/** Text for a `/** ... *\/` comment: no `*\/` can close it early, every kind of line break a new line. */
export function commentLines(text: string): string[] {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .replace(/\*\//g, "*\\/")
    .split(LINE_BREAKS)
    .map((line) => line.trimEnd());
}

/** A doc comment, indented, from text (a fallback keeps every public member documented) and tag lines. */
export function docComment(text: string | undefined, indent: string, fallback: string, tags: string[] = []): string {
  const lines = commentLines(text?.trim() ? text.trim() : fallback);
  while (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  const tagLines = tags.flatMap((t) => commentLines(t));
  const body = tagLines.length > 0 ? [...lines, "", ...tagLines] : lines;
  return [`${indent}/**`, ...body.map((l) => (l === "" ? `${indent} *` : `${indent} * ${l}`)), `${indent} */`].join("\n");
}
