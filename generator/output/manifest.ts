import { createHash } from "node:crypto";

export const MANIFEST_PATH = ".sdkgen-manifest.json";

export interface Manifest {
  generator: string;
  /** Hash of the bundled spec with keys sorted, so key order does not change it. */
  spec: string;
  config: string;
  files: Record<string, string>;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

export function buildManifest(generator: string, specHash: string, configHash: string, files: Map<string, string>): Manifest {
  const hashes: Record<string, string> = {};
  for (const [path, content] of files) hashes[path] = sha256(content);
  return { generator, spec: specHash, config: configHash, files: hashes };
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
