import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Folders never read as part of the output: package managers and builds put them there, the generator does not. */
const SKIPPED = new Set(["node_modules", "dist", "__pycache__", ".mypy_cache"]);

/** Every file below `root` as POSIX paths relative to it, sorted; empty when root does not exist. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, rel: string) => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT" && rel === "") return;
      throw error;
    }
    for (const e of entries) {
      const relPath = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (!SKIPPED.has(e.name)) await walk(path.join(dir, e.name), relPath);
      } else out.push(relPath);
    }
  };
  await walk(root, "");
  return out.sort();
}

export async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
