import type { Docs } from "../ir/types.ts";
import { link, type DocPaths } from "./doc-paths.ts";
import { cell, codeSpan, inline, specCell, withoutRelativeLinks } from "./markdown.ts";

/** One row of a parameters or fields table, every cell already escaped for Markdown. */
export interface Row {
  name: string;
  type: string;
  required: string;
  description: string;
  example: string;
}

export const CHECK = ":heavy_check_mark:";
export const MINUS = ":heavy_minus_sign:";

/** The overview of the page of operations without a tag, which are methods of the client itself. */
export const UNTAGGED_OVERVIEW = "Operations without a tag in the API description: methods of the client itself.";

/** A description cell: a deprecation mark, the text, and the default when there is one. */
export function describe(docs: Docs, defaultValue?: unknown): string {
  const text = specCell(docs.description ?? docs.summary ?? "");
  // The default is JSON, which may hold backticks: codeSpan picks a delimiter that survives them.
  const extra = defaultValue === undefined ? "" : `Default: ${codeSpan(JSON.stringify(defaultValue))}.`;
  return [docs.deprecated ? "**Deprecated.**" : "", text, extra].filter((t) => t !== "").join(" ");
}

/** An operation's one-line summary for lists: its summary, else its description's first line, else its name. */
export function operationSummary(docs: Docs, name: string): string {
  const summary = docs.summary?.replace(/\s*(?:\r\n?|\n)\s*/g, " ");
  return inline(withoutRelativeLinks(summary ?? docs.description?.split(/\r\n?|\n/)[0] ?? name));
}

/** The errors table of an operation: its declared errors, linked to their pages, then SDKError. */
export function errorRows(
  op: { op: { id: string }; errors: ReadonlyArray<{ status: string; className: string; error: { body: { contentType: string } } }> },
  paths: DocPaths, from: string,
): Array<{ type: string; status: string; contentType: string }> {
  return [
    ...op.errors.map((e) => ({
      type: link(`errors.${e.className}`, paths.get(`error:${op.op.id}:${e.status}`), from),
      status: e.status,
      contentType: cell(e.error.body.contentType),
    })),
    { type: "errors.SDKError", status: "4XX, 5XX", contentType: "\\*/\\*" },
  ];
}
