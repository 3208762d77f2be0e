/** Text for one Markdown table cell: pipes escaped, HTML neutralised, lines joined with <br/>. */
export function cell(text: string | undefined): string {
  if (text === undefined || text === "") return "";
  // A lone CR ends a line in Markdown as well, and would end the table row.
  return inline(text).replace(/\|/g, "\\|").replace(/\r\n?|\n/g, "<br/>");
}

/** Text for running Markdown prose: no raw HTML can get through. */
export function inline(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").trim();
}

/** A description from the spec for a table cell: as cell(), with links that would lead nowhere reduced to their text. */
export function specCell(text: string): string {
  return cell(withoutRelativeLinks(text));
}

/**
 * Spec prose placed under a heading of level `under`: as inline(), with links that would lead
 * nowhere reduced to their text, and its own ATX headings moved down so the shallowest is below
 * that level; a "## Details" in an operation's description would otherwise end the operation's
 * section and start a bogus one.
 */
export function prose(text: string, under: number): string {
  const lines = inline(withoutRelativeLinks(text)).split("\n");
  const fenced = fencedLines(lines);
  const found: Array<{ index: number; level: number }> = [];
  lines.forEach((line, index) => {
    const hashes = fenced[index] ? undefined : /^ {0,3}(#{1,6})(?:[ \t]|$)/.exec(line)?.[1];
    if (hashes !== undefined) found.push({ index, level: hashes.length });
  });
  const shift = Math.max(0, under + 1 - Math.min(7, ...found.map((h) => h.level)));
  if (shift === 0) return lines.join("\n");
  for (const h of found) lines[h.index] = lines[h.index]!.replace(/^( {0,3})#+/, (_, indent: string) => `${indent}${"#".repeat(Math.min(6, h.level + shift))}`);
  return lines.join("\n");
}

/** For each line, whether it is a fence of a fenced code block or inside one (CommonMark: backticks or tildes). */
function fencedLines(lines: string[]): boolean[] {
  let fence: string | undefined;
  return lines.map((line) => {
    const mark = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined) {
      fence = mark;
      return mark !== undefined;
    }
    if (mark !== undefined && mark[0] === fence[0] && mark.length >= fence.length && line.trim() === mark) fence = undefined;
    return true;
  });
}

/** An inline link or image; its target bare, in <angle brackets>, or with balanced parentheses, and an optional title. */
const LINK = /(!?)\[((?:\\.|[^\]\\])*)\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;

/**
 * Links and images in spec prose whose target is not an absolute URL point into the API's own
 * site ("/rest/repos") or at headings of its pages: in the SDK's docs they would be broken, so
 * only their text is kept. Code spans and fenced code are left as they are.
 */
export function withoutRelativeLinks(text: string): string {
  if (!text.includes("](")) return text;
  // Runs of lines outside fenced code are edited as one piece: a link's text may span lines.
  const lines = text.split("\n");
  const fenced = fencedLines(lines);
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let end = i;
    while (end < lines.length && fenced[end] === fenced[i]) end++;
    const run = lines.slice(i, end).join("\n");
    out.push(fenced[i] ? run : stripRelativeLinks(run));
    i = end;
  }
  return out.join("\n");
}

/** Text without code fences: each link found outside code spans (its text may hold some) and not absolute becomes its text. */
function stripRelativeLinks(text: string): string {
  let out = "";
  let from = 0;
  for (const m of maskCodeSpans(text).matchAll(LINK)) {
    const target = m[3]!.replace(/^<|>$/g, "");
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) continue;
    const labelStart = m.index! + m[1]!.length + 1;
    out += text.slice(from, m.index) + text.slice(labelStart, labelStart + m[2]!.length);
    from = m.index! + m[0].length;
  }
  return out + text.slice(from);
}

/** The text with every code span (a backtick run closed by a run of the same length) blanked out, at the same length. */
function maskCodeSpans(text: string): string {
  const runs = [...text.matchAll(/`+/g)];
  let out = "";
  let from = 0;
  for (let k = 0; k < runs.length; k++) {
    const open = runs[k]!;
    const close = runs.findIndex((r, j) => j > k && r[0].length === open[0].length);
    if (close < 0) continue;
    const end = runs[close]!.index! + open[0].length;
    out += text.slice(from, open.index) + "x".repeat(end - open.index!);
    from = end;
    k = close;
  }
  return out + text.slice(from);
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function anchor(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
}

/** A fenced code block whose fence is longer than any backtick run inside it. */
export function codeBlock(language: string, code: string): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${code.trimEnd()}\n${fence}`;
}

/** A value as it should appear in an Example column. */
export function exampleText(value: unknown): string {
  if (value === undefined) return "";
  return cell(typeof value === "string" ? value : JSON.stringify(value));
}

/** Inline code whose delimiter is longer than any backtick run inside, padded where it starts or ends with one. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return cell(`${fence}${pad}${text}${pad}${fence}`);
}
