/**
 * Python source text from spec data: string literals, docstrings and values, each escaped so
 * no spec string can end a literal early, and written the way black writes them.
 */

/** Characters escaped in every string literal, beyond what JSON escapes. */
const EXTRA_ESCAPES = /[\u007f-\u009f\u00ad\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function hex(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/**
 * A Python string literal. Double quotes unless the text holds more double quotes than single
 * ones (black's rule: it would otherwise switch the quotes itself).
 */
export function pyString(text: string): string {
  const doubles = (text.match(/"/g) ?? []).length;
  const singles = (text.match(/'/g) ?? []).length;
  // JSON escapes backslashes, quotes and control characters with escapes Python reads the same way.
  let body = JSON.stringify(text).slice(1, -1).replace(EXTRA_ESCAPES, hex);
  // JSON writes lone surrogates as \udxxx already; U+2028/2029 it leaves raw, handled above.
  if (doubles > singles) {
    body = body.replace(/\\"/g, '"').replace(/'/g, "\\'");
    return `'${body}'`;
  }
  return `"${body}"`;
}

/** A JSON value as a Python expression (dicts, lists, strings, numbers, True/False/None). */
export function pyValue(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return Number.isFinite(value) ? pyNumber(value) : "None";
  if (typeof value === "string") return pyString(value);
  if (Array.isArray(value)) return `[${value.map(pyValue).join(", ")}]`;
  if (typeof value === "object") {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyString(k)}: ${pyValue(v)}`).join(", ")}}`;
  }
  return pyString(String(value));
}

function pyNumber(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return String(value);
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** Escapes docstring text: backslashes, quote runs, and characters Python or black treat as line breaks. */
function docText(text: string): string {
  let out = text
    .replace(/\\/g, "\\\\")
    .replace(/\r\n?/g, "\n")
    .replace(/\t/g, "    ")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g, hex)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, hex);
  // A quote followed by another could make a closing """; escape every quote in a run.
  out = out.replace(/"(?=")/g, '\\"');
  return out;
}

/**
 * A docstring at an indent, in the form black leaves alone: one line when it fits, else the
 * summary on the first line and the closing quotes on their own line.
 */
export function docstring(text: string, indent: string): string[] {
  const lines = docText(text).split("\n").map((l) => l.trimEnd());
  while (lines.length > 0 && lines[0]!.trim() === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === "") lines.pop();
  if (lines.length === 0) return [];
  // Black re-indents continuation lines by their common indentation: keep relative indentation only.
  const rest = lines.slice(1).filter((l) => l.trim() !== "");
  const common = Math.min(...rest.map((l) => l.length - l.trimStart().length));
  const body = [lines[0]!.trimStart(), ...lines.slice(1).map((l) => (l.trim() === "" ? "" : l.slice(Number.isFinite(common) ? common : 0)))];
  let first = body[0]!;
  if (first.startsWith('"')) first = `\\${first}`;
  body[0] = first;
  const last = body[body.length - 1]!;
  // A docstring ending in a quote would touch the closing quotes; black pads it with a space.
  if (last.endsWith('"')) body[body.length - 1] = `${last} `;
  // Black keeps a one-line docstring on one line, however long.
  if (body.length === 1) return [`${indent}"""${body[0]}"""`];
  return [`${indent}"""${body[0]}`, ...body.slice(1).map((l) => (l === "" ? "" : `${indent}${l}`)), `${indent}"""`];
}

/** An expression laid out the way black lays it out: an atom, or a bracketed list of items. */
export type Expr = string | { open: string; items: Expr[]; close: string };

export const LINE_LENGTH = 88;

function flat(e: Expr): string {
  return typeof e === "string" ? e : `${e.open}${e.items.map(flat).join(", ")}${e.close}`;
}

/**
 * Lines for `prefix + expr + suffix` at an indent: on one line when it fits, else the brackets
 * exploded one item per line with a trailing comma (black keeps that form: "magic trailing comma").
 */
export function layout(e: Expr, indent: string, prefix = "", suffix = ""): string[] {
  const one = `${indent}${prefix}${flat(e)}${suffix}`;
  if (typeof e === "string" || one.length <= LINE_LENGTH || e.items.length === 0) return [one];
  const inner = `${indent}    `;
  return [`${indent}${prefix}${e.open}`, ...e.items.flatMap((item) => layout(item, inner, "", ",")), `${indent}${e.close}${suffix}`];
}

/** A call expression. */
export function call(callee: string, args: Expr[]): Expr {
  return { open: `${callee}(`, items: args, close: ")" };
}

export function list(items: Expr[]): Expr {
  return { open: "[", items, close: "]" };
}

/** A keyword argument or any item with a prefix. */
export function prefixed(prefix: string, e: Expr): Expr {
  return typeof e === "string" ? `${prefix}${e}` : { ...e, open: `${prefix}${e.open}` };
}

/** A JSON value as an Expr, so long defaults break like any other literal. */
export function valueExpr(value: unknown): Expr {
  if (Array.isArray(value)) return { open: "[", items: value.map(valueExpr), close: "]" };
  if (typeof value === "object" && value !== null) {
    return { open: "{", items: Object.entries(value).map(([k, v]) => prefixed(`${pyString(k)}: `, valueExpr(v))), close: "}" };
  }
  return pyValue(value);
}

/**
 * Lines for `prefix + expr + suffix` the way black splits a line at its last brackets when no
 * trailing comma asks for one item per line: the contents on one indented line when they fit,
 * else one item per line with a trailing comma (a single item is split further instead).
 */
export function hugLayout(e: Expr, indent: string, prefix = "", suffix = ""): string[] {
  const one = `${indent}${prefix}${flat(e)}${suffix}`;
  if (typeof e === "string" || one.length <= LINE_LENGTH || e.items.length === 0) return [one];
  const inner = `${indent}    `;
  const open = `${indent}${prefix}${e.open}`;
  const close = `${indent}${e.close}${suffix}`;
  if (e.items.length === 1) return [open, ...hugLayout(e.items[0]!, inner), close];
  const joined = `${inner}${e.items.map(flat).join(", ")}`;
  if (joined.length <= LINE_LENGTH) return [open, joined, close];
  return [open, ...e.items.flatMap((item) => hugLayout(item, inner, "", ",")), close];
}

/** A type annotation as an Expr: subscripts are brackets black may split. */
export function annotationExpr(text: string): Expr {
  const open = text.indexOf("[");
  if (open < 0 || !text.endsWith("]") || text.startsWith('"') || text.startsWith("'")) return text;
  return { open: text.slice(0, open + 1), items: splitTopLevel(text.slice(open + 1, -1)).map(annotationExpr), close: "]" };
}

/** An annotated class field, `name: annotation = default`, split the way black splits a long one. */
export function fieldLines(indent: string, name: string, annotation: string, defaultValue?: string, trailer = ""): string[] {
  const tail = defaultValue === undefined ? trailer : ` = ${defaultValue}${trailer}`;
  return hugLayout(annotationExpr(annotation), indent, `${name}: `, tail);
}

/** Comma-separated parts of a type expression at bracket depth zero. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") depth++;
    else if (c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/**
 * `lhs = atom` the way black writes it: on one line, or (when the atom then fits) the atom in
 * parentheses on a line of its own; an atom too long either way stays on the line.
 */
export function assignLines(indent: string, lhs: string, atom: string): string[] {
  const one = `${indent}${lhs} = ${atom}`;
  if (one.length <= LINE_LENGTH || `${indent}    ${atom}`.length > LINE_LENGTH) return [one];
  return [`${indent}${lhs} = (`, `${indent}    ${atom}`, `${indent})`];
}

/** A parameter of a def: a bare name or marker (`self`, `*`), or a name with its annotation. */
export type DefParam = string | { name: string; annotation: string; default?: string };

/** A def's first line(s): black splits at the parameters, one per line with a trailing comma. */
export function defLines(indent: string, head: string, params: DefParam[], close: string): string[] {
  const text = (p: DefParam) => (typeof p === "string" ? p : `${p.name}: ${p.annotation}${p.default === undefined ? "" : ` = ${p.default}`}`);
  const one = `${indent}${head}${params.map(text).join(", ")}${close}`;
  if (one.length <= LINE_LENGTH) return [one];
  const inner = `${indent}    `;
  const lines = params.flatMap((p) => (typeof p === "string" ? [`${inner}${p},`] : fieldLines(inner, p.name, p.annotation, p.default, ",")));
  return [`${indent}${head}`, ...lines, `${indent}${close}`];
}
