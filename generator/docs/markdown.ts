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
