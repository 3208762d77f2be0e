import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { joinPointer, splitPointer, type LineLookup, type Locate, type Origin } from "../diagnostics.ts";
import { resolvePointer } from "../ir/pointer.ts";

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
 * The files of a spec bundled from several: the bundler puts a referenced file's content where
 * its first $ref was, so a pointer into the bundle is followed through the files as written,
 * going into a file (or a place in the same file) wherever a $ref stands on its way. `read`
 * parses a file of the spec as written, the entry included (by absolute path), or gives
 * undefined when it cannot; files are read when a pointer first leads into them.
 */
export class BundledFiles {
  private readonly files = new Map<string, SpecFile | undefined>();
  private readonly entryPath: string;

  constructor(private readonly entry: string, private readonly read: (absolute: string) => SpecFile | undefined) {
    this.entryPath = path.resolve(entry);
  }

  /** Where a pointer's content is written; what cannot be followed is reported in the entry file, at the bundle's pointer. */
  readonly locate: Locate = (pointer) => {
    // A $ref at the very end stays: the message then points at the $ref, where the content is used.
    const found = this.follow(pointer, false);
    const at = found ?? { absolute: this.entryPath, within: splitPointer(pointer) };
    const file = this.fileAt(at.absolute);
    const origin = { file: this.shown(at.absolute), pointer: found === undefined ? pointer : joinPointer("", ...at.within) };
    return file === undefined ? origin : withLine(origin, file.lineOf);
  };

  /**
   * The name a referenced file gives the content at `pointer`: the file's own name when the
   * content is the whole file (common/PlexBoolean.yaml), or the key it sits under at the top of
   * the file or under components/schemas ("models.yaml#/Pet"). Undefined for content of the entry file.
   */
  readonly nameOf = (pointer: string): string | undefined => {
    const found = this.follow(pointer, true);
    if (found === undefined || found.absolute === this.entryPath) return undefined;
    const { within } = found;
    if (within.length === 0) return path.basename(found.absolute).replace(/\.(ya?ml|json)$/i, "");
    if (within.length === 1) return within[0];
    if (within.length === 3 && within[0] === "components" && within[1] === "schemas") return within[2];
    return undefined;
  };

  private follow(pointer: string, throughLastRef: boolean): { absolute: string; within: string[] } | undefined {
    let absolute = this.entryPath;
    let node = this.fileAt(absolute)?.data;
    let within: string[] = [];
    let hops = 0;
    const segments = splitPointer(pointer);
    for (let i = 0; i <= segments.length; i++) {
      const segment = segments[i];
      if (segment === undefined && !throughLastRef) break;
      // A $ref in the way (and not the pointer's own "$ref" key): the bundle has the target's content here.
      for (let ref = refOf(node); ref !== undefined && segment !== "$ref"; ref = refOf(node)) {
        if (++hops > MAX_HOPS) return undefined;
        const target = localTarget(ref, absolute);
        const file = target === undefined ? undefined : this.fileAt(target.absolute);
        if (target === undefined || file === undefined) return undefined;
        absolute = target.absolute;
        within = splitPointer(target.pointer);
        node = resolvePointer(file.data, target.pointer);
        if (node === undefined) return undefined;
      }
      if (segment === undefined) break;
      if (typeof node !== "object" || node === null || !Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
      node = (node as Record<string, unknown>)[segment];
      within = [...within, segment];
    }
    return { absolute, within };
  }

  private fileAt(absolute: string): SpecFile | undefined {
    if (!this.files.has(absolute)) this.files.set(absolute, this.read(absolute));
    return this.files.get(absolute);
  }

  private shown(absolute: string): string {
    return absolute === this.entryPath ? this.entry : path.relative(process.cwd(), absolute) || absolute;
  }
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

/** What a $ref written in `from` points to: the document's absolute URL and the fragment ("#/..." or ""). */
export function refTarget(ref: string, from: string): { url: string; fragment: string } | undefined {
  const hash = ref.indexOf("#");
  const address = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? "" : ref.slice(hash);
  try {
    const url = new URL(address, pathToFileURL(from));
    url.hash = "";
    return { url: url.href, fragment };
  } catch {
    return undefined;
  }
}

/** The local file a $ref written in `from` points to, and the JSON pointer within it; undefined for anything but a local file. */
function localTarget(ref: string, from: string): { absolute: string; pointer: string } | undefined {
  const target = refTarget(ref, from);
  if (target === undefined || !target.url.startsWith("file:")) return undefined;
  try {
    return { absolute: fileURLToPath(target.url), pointer: decodeURIComponent(target.fragment.slice(1)) };
  } catch {
    return undefined;
  }
}
