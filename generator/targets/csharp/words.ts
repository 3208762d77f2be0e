import { camelIdentifier, pascalIdentifier } from "../../naming/identifiers.ts";

/** C#'s reserved keywords: usable as identifiers only with an @ prefix. */
export const CSHARP_KEYWORDS = new Set([
  "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue",
  "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern", "false", "finally",
  "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock",
  "long", "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected",
  "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof", "stackalloc", "static", "string",
  "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort",
  "using", "virtual", "void", "volatile", "while",
]);

/** Contextual keywords that change meaning where emitted code uses them as names. */
const CONTEXTUAL = new Set(["value", "var", "dynamic", "await", "async", "nameof", "when", "yield", "record", "required", "init", "get", "set", "field", "scoped", "file"]);

/** A public C# name (type, property, method, enum member): PascalCase, prefixed when it would not start with a letter. */
export function pascalName(text: string, prefix = "X"): string {
  return pascalIdentifier(text, prefix);
}

/** A parameter or local name: camelCase, never empty, never starting with a digit (see `ident` for keywords). */
export function localName(text: string): string {
  return camelIdentifier(text);
}

/** A name as it is written in source: keywords escaped with @. */
export function ident(name: string): string {
  return CSHARP_KEYWORDS.has(name) || CONTEXTUAL.has(name) ? `@${name}` : name;
}

/** Characters C# reads as the end of a line, even inside a comment. */
const LINE_BREAKS = /\r\n?|[\n\u0085\u2028\u2029]/g;

/**
 * A C# regular string literal for any JS string: printable ASCII as it is, everything else as \u escapes,
 * so no spec text can end the literal, start a new line or smuggle a BOM. Lone surrogates become U+FFFD.
 */
export function csString(value: string): string {
  let out = '"';
  for (let i = 0; i < value.length; i++) {
    let unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length && value.charCodeAt(i + 1) >= 0xdc00 && value.charCodeAt(i + 1) <= 0xdfff) {
      out += `\\u${unit.toString(16).padStart(4, "0")}\\u${value.charCodeAt(i + 1).toString(16).padStart(4, "0")}`;
      i++;
      continue;
    }
    if (unit >= 0xd800 && unit <= 0xdfff) unit = 0xfffd;
    if (unit === 0x22) out += '\\"';
    else if (unit === 0x5c) out += "\\\\";
    else if (unit === 0x0a) out += "\\n";
    else if (unit === 0x0d) out += "\\r";
    else if (unit === 0x09) out += "\\t";
    else if (unit >= 0x20 && unit < 0x7f) out += String.fromCharCode(unit);
    else out += `\\u${unit.toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}

/** Text for an XML doc comment: markup characters escaped, every kind of line break a new line. */
export function xmlText(text: string): string[] {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff]/g, "")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
    .split(LINE_BREAKS)
    .map((line) => line.trimEnd());
}

/**
 * Text for the value of an MSBuild property in the project file, on one line: MSBuild's own
 * characters ($ @ % ; ' * ?, which would start a property, item or metadata expansion) as its %XX
 * escapes, which it turns back into the characters, then XML's.
 */
export function msbuildText(text: string): string {
  const unexpanded = text.replace(/[$@%;'*?]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return xmlText(unexpanded).join(" ").trim();
}

/** A `/// <summary>` block, indented; a fallback keeps every public member documented. */
export function summary(text: string | undefined, indent: string, fallback: string): string {
  const lines = xmlText(text?.trim() ? text.trim() : fallback);
  while (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return [`${indent}/// <summary>`, ...lines.map((l) => (l === "" ? `${indent}///` : `${indent}/// ${l}`)), `${indent}/// </summary>`].join("\n");
}
