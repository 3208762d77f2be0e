import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { joinPointer, splitPointer, type LineLookup, type Locate, type Origin } from "../diagnostics.ts";

/** A parsed file of the spec. */
export interface SpecFile {
  data: unknown;
  lineOf: LineLookup;
}

/** For a document read from one file: every pointer is in that file. */
export function fileLocator(file: string, lineOf: LineLookup): Locate {
  return (pointer) => withLine({ file, pointer }, lineOf);
}

/** Steps through $refs that lead on to other $refs before the walk gives up (a cycle, say). */
const MAX_HOPS = 64;

/**
 * For a document bundled from several files: the bundler puts a referenced file's content where
 * its first $ref was, so a pointer into the bundle is followed through the files as written,
 * going into a file (or a place in the same file) wherever a $ref stands on its way. `read`
 * parses a file of the spec as written, the entry included (by absolute path), or gives
 * undefined when it cannot; files are read when a pointer first leads into them. Anything that
 * cannot be followed is reported in the entry file, at the bundle's pointer.
 */
export function bundleLocator(entry: string, read: (absolute: string) => SpecFile | undefined): Locate {
  const files = new Map<string, SpecFile | undefined>();
  const fileAt = (absolute: string) => {
    if (!files.has(absolute)) files.set(absolute, read(absolute));
    return files.get(absolute);
  };
  const shown = (absolute: string) => (absolute === path.resolve(entry) ? entry : path.relative(process.cwd(), absolute) || absolute);

  return (pointer) => {
    const start = fileAt(path.resolve(entry));
    const fallback = start === undefined ? { file: entry, pointer } : withLine({ file: entry, pointer }, start.lineOf);
    if (start === undefined) return fallback;
    let absolute = path.resolve(entry);
    let node: unknown = start.data;
    let within: string[] = [];
    let hops = 0;
    for (const segment of splitPointer(pointer)) {
      // A $ref in the way (and not the pointer's own "$ref" key): the bundle has the target's content here.
      for (let ref = refOf(node); ref !== undefined && segment !== "$ref"; ref = refOf(node)) {
        if (++hops > MAX_HOPS) return fallback;
        const target = refTarget(ref, absolute);
        const file = target === undefined ? undefined : fileAt(target.absolute);
        if (target === undefined || file === undefined) return fallback;
        absolute = target.absolute;
        within = splitPointer(target.fragment);
        node = resolve(file.data, within);
        if (node === undefined) return fallback;
      }
      if (typeof node !== "object" || node === null || !Object.prototype.hasOwnProperty.call(node, segment)) return fallback;
      node = (node as Record<string, unknown>)[segment];
      within = [...within, segment];
    }
    return withLine({ file: shown(absolute), pointer: joinPointer("", ...within) }, fileAt(absolute)!.lineOf);
  };
}

function withLine(origin: Origin, lineOf: LineLookup): Origin {
  const line = lineOf(origin.pointer);
  return line === undefined ? origin : { ...origin, line };
}

function refOf(node: unknown): string | undefined {
  if (typeof node !== "object" || node === null) return undefined;
  const ref = (node as Record<string, unknown>)["$ref"];
  return typeof ref === "string" ? ref : undefined;
}

/** The local file a $ref written in `from` points to, and the fragment within it; undefined for anything but a local file. */
function refTarget(ref: string, from: string): { absolute: string; fragment: string } | undefined {
  const hash = ref.indexOf("#");
  const address = hash === -1 ? ref : ref.slice(0, hash);
  try {
    const fragment = hash === -1 ? "" : decodeURIComponent(ref.slice(hash + 1));
    if (address === "") return { absolute: from, fragment };
    const url = new URL(address, pathToFileURL(from));
    return url.protocol === "file:" ? { absolute: fileURLToPath(url), fragment } : undefined;
  } catch {
    return undefined;
  }
}

function resolve(root: unknown, segments: string[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (typeof node !== "object" || node === null || !Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
