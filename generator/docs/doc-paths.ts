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
  return `[${text}](${path.relative(path.dirname(from), to)})`;
}
