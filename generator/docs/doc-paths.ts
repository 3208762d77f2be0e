import path from "node:path/posix";
import type { TypeHome } from "../ir/walk.ts";
import { NameScope } from "../naming/namer.ts";

/** What a target's view must say for its model pages to be placed: the same shape in every target. */
export interface DocumentedModels {
  types: ReadonlyArray<{ def: { id: string }; name: string; module: TypeHome }>;
  operations: ReadonlyArray<{
    op: { id: string };
    request?: { typeName: string } | undefined;
    responseTypeName: string;
    errors: ReadonlyArray<{ status: string; className: string }>;
  }>;
}

/** Page paths of every documented model (docs/models/<home>/<name>.md), decided once so links and files agree. */
export class DocPaths {
  private readonly byKey = new Map<string, string>();

  constructor(models: DocumentedModels) {
    // Names that differ only in case are one file on macOS and Windows.
    const scopes = new Map<TypeHome, NameScope>();
    const claim = (home: TypeHome, key: string, name: string) => {
      const scope = scopes.get(home) ?? new NameScope(() => false, (n) => n.toLowerCase());
      scopes.set(home, scope);
      this.byKey.set(key, `docs/models/${home}/${scope.claim([name.toLowerCase()])}.md`);
    };
    for (const t of models.types) claim(t.module, `type:${t.def.id}`, t.name);
    for (const op of models.operations) {
      if (op.request) claim("operations", `request:${op.op.id}`, op.request.typeName);
      claim("operations", `response:${op.op.id}`, op.responseTypeName);
      for (const e of op.errors) claim("errors", `error:${op.op.id}:${e.status}`, e.className);
    }
  }

  get(key: string): string {
    const found = this.byKey.get(key);
    if (!found) throw new Error(`no documentation page for ${key}`);
    return found;
  }
}

/** A Markdown link from the page `from` to the page `to`, both relative to the package root. */
export function link(text: string, to: string, from: string): string {
  return `[${text}](${relativePath(from, to)})`;
}

/** Segments that make path.relative do more than compare segments: ".", "..", and empty ones (a leading, doubled or trailing "/"). */
const NOT_PLAIN = /(?:^|\/)\.{0,2}(?:\/|$)/;

/**
 * path.relative(path.dirname(from), to) for paths made of plain segments, as page paths are; big
 * specs ask for hundreds of thousands of links, and path.relative resolves both paths against the
 * working folder every time. Other paths go to path.relative itself.
 */
export function relativePath(from: string, to: string): string {
  if (NOT_PLAIN.test(from) || NOT_PLAIN.test(to)) return path.relative(path.dirname(from), to);
  const base = from.split("/");
  base.pop();
  const target = to.split("/");
  let common = 0;
  while (common < base.length && common < target.length && base[common] === target[common]) common++;
  const up = base.length - common;
  return `${"../".repeat(up)}${target.slice(common).join("/")}`.replace(/\/$/, "");
}
