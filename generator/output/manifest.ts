import { createHash } from "node:crypto";

export const MANIFEST_PATH = ".sdkgen-manifest.json";

export interface Manifest {
  generator: string;
  /** Hash of the bundled spec with keys sorted, so key order does not change it. */
  spec: string;
  config: string;
  files: Record<string, string>;
}

/** The hex sha256 of text (its UTF-8 bytes) or of bytes. */
export function sha256(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

/**
 * sha256(canonicalJson(value)), computed without building the whole text or a sorted copy of
 * every object: the text is produced piece by piece into the hash. Keys come in the order the
 * sorted copies would enumerate them (integer-like keys first, in numeric order, as objects do).
 */
export function canonicalJsonHash(value: unknown): string {
  const hash = createHash("sha256");
  let pending = "";
  const put = (text: string) => {
    pending += text;
    if (pending.length > 65536) {
      hash.update(pending);
      pending = "";
    }
  };
  // Returns false when the value is left out (undefined, functions, symbols), as JSON.stringify does.
  const write = (key: string, input: unknown): boolean => {
    let v = input;
    if (v !== null && typeof v === "object" && typeof (v as { toJSON?: unknown }).toJSON === "function") v = (v as { toJSON(key: string): unknown }).toJSON(key);
    if (v === null || typeof v !== "object") {
      const text = JSON.stringify(v) as string | undefined;
      if (text === undefined) return false;
      put(text);
      return true;
    }
    if (Array.isArray(v)) {
      put("[");
      for (let i = 0; i < v.length; i++) {
        if (i > 0) put(",");
        if (!write(String(i), v[i])) put("null");
      }
      put("]");
      return true;
    }
    const record = v as Record<string, unknown>;
    let keys = Object.keys(record).sort();
    if (keys.some(isIndexLike)) keys = Object.keys(Object.fromEntries(keys.map((k) => [k, 0])));
    put("{");
    let first = true;
    for (const k of keys) {
      const child = record[k];
      if (child === undefined || typeof child === "function" || typeof child === "symbol") continue;
      put(first ? `${JSON.stringify(k)}:` : `,${JSON.stringify(k)}:`);
      first = false;
      write(k, child);
    }
    put("}");
    return true;
  };
  if (!write("", value)) return sha256(String(JSON.stringify(value)));
  hash.update(pending);
  return hash.digest("hex");
}

function isIndexLike(key: string): boolean {
  const c = key.charCodeAt(0);
  return c >= 48 && c <= 57;
}

/** What the manifest records besides the files. */
export interface ManifestHeader {
  generator: string;
  spec: string;
  config: string;
}

/** The manifest's text from each file's hash, in the files' sorted order. */
export function manifestText(header: ManifestHeader, hashes: Iterable<[string, string]>): string {
  const manifest: Manifest = { ...header, files: Object.fromEntries(hashes) };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export function buildManifest(header: ManifestHeader, files: Map<string, string>): string {
  return manifestText(header, [...files].map(([path, content]) => [path, sha256(content)]));
}

export function parseManifest(text: string | undefined): Manifest | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as Manifest;
    return typeof parsed.files === "object" && parsed.files !== null ? parsed : undefined;
  } catch {
    return undefined;
  }
}
