import type { Api, Docs } from "../ir/types.ts";
import type { ClientOption } from "../targets/target.ts";
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

/** The rows of an enum's model page: each member's name in the target and its value as JSON. */
export function enumValueRows(members: ReadonlyArray<{ value: string | number }>, memberNames: readonly string[]): Array<{ name: string; value: string }> {
  return members.map((m, i) => ({ name: codeSpan(memberNames[i]!), value: codeSpan(JSON.stringify(m.value)) }));
}

/** A model page's description, followed by the allOf bases whose properties the class copies (linked). */
export function withCopiedBases(description: string, bases: string[]): string {
  return [description, bases.length > 0 ? `Has every property of ${bases.join(", ")}.` : ""].filter((x) => x !== "").join("\n\n");
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

/**
 * The README tables of a client's servers and options: server variables (labelled by the target), security
 * schemes and global parameters, with a flag per table for whether it has rows.
 */
export function optionTables(api: Api, options: ClientOption[], variableLabel: (name: string) => string) {
  const schemes = options.filter((o) => o.kind === "security");
  const variables = options.filter((o) => o.kind === "serverVariable");
  const globals = options.filter((o) => o.kind === "global");
  return {
    servers: api.servers.map((s, i) => ({ index: i, url: codeSpan(s.url), description: specCell(s.description ?? "") })),
    variables: variables.map((v) => ({
      option: codeSpan(variableLabel(v.name)), variable: codeSpan(v.variable), default: codeSpan(v.default),
      values: v.values?.map(codeSpan).join(", ") ?? "", description: specCell(v.description ?? ""),
    })),
    hasVariables: variables.length > 0,
    schemes: schemes.map((s) => ({
      option: codeSpan(s.name),
      type: s.scheme.kind === "apiKey" ? `API key (${s.scheme.in} ${codeSpan(s.scheme.wireName)})` : s.scheme.kind === "http" ? `HTTP ${s.scheme.scheme}` : s.scheme.kind,
      description: specCell(s.scheme.description ?? ""),
    })),
    hasSchemes: schemes.length > 0,
    globals: globals.map((g) => ({ option: codeSpan(g.name), wire: `${g.param.in} ${codeSpan(g.param.wireName)}`, description: specCell(g.param.docs.description ?? "") })),
    hasGlobals: globals.length > 0,
  };
}
