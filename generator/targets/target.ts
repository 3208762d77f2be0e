import type { Parameter, SecurityScheme, Server } from "../ir/types.ts";

/** A file a target produces; paths are POSIX and relative to the target's output folder. */
export interface GeneratedFile {
  path: string;
  content: string;
}

/**
 * Hands files over in batches as they are made, so the output is written while the rest is still
 * being made, and no file waits in memory for the last one.
 */
export function deliverInBatches(files: Iterable<GeneratedFile>, deliver: (files: GeneratedFile[]) => void, size = 64): void {
  let batch: GeneratedFile[] = [];
  for (const file of files) {
    batch.push(file);
    if (batch.length === size) {
      deliver(batch);
      batch = [];
    }
  }
  if (batch.length > 0) deliver(batch);
}

/** A client option every target offers, under a name its plan chooses: a credential, a server variable or a global parameter. */
export type ClientOption =
  | { kind: "security"; name: string; scheme: SecurityScheme }
  | { kind: "serverVariable"; name: string; variable: string; values?: string[]; default: string; description?: string }
  | { kind: "global"; name: string; param: Parameter };

/**
 * The server-variable options of `servers`: each variable once, under its first declaration, named
 * by `nameOf` in that order (names are claimed as they are made).
 */
export function serverVariableOptions(servers: Server[], nameOf: (variable: string) => string): ClientOption[] {
  const seen = new Set<string>();
  const options: ClientOption[] = [];
  for (const v of servers.flatMap((server) => server.variables)) {
    if (seen.has(v.name)) continue;
    seen.add(v.name);
    options.push({
      kind: "serverVariable", name: nameOf(v.name), variable: v.name, default: v.default,
      ...(v.enum ? { values: v.enum } : {}), ...(v.description ? { description: v.description } : {}),
    });
  }
  return options;
}
