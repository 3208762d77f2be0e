import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listFiles } from "../../generator/output/disk.ts";
import { toFileMap } from "../../generator/output/finalize.ts";
import { buildManifest, MANIFEST_PATH } from "../../generator/output/manifest.ts";
import { OutputSink } from "../../generator/output/sink.ts";

const HEADER = { generator: "0.0.0", spec: "spec-hash", config: "config-hash" };
const FIRST = [{ path: "ts/src/b.ts", content: "export const b = 1;   \r\n" }, { path: "ts/README.md", content: "# t  \n\n\n" }];
const SECOND = [{ path: "ts/src/a.ts", content: "export const a = 1;" }];

async function folder(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), "sdkgen-sink-"));
}

async function contents(dir: string): Promise<Record<string, string>> {
  const files = await listFiles(dir);
  return Object.fromEntries(await Promise.all(files.map(async (f) => [f, await readFile(path.join(dir, f), "utf8")] as const)));
}

describe("output sink", () => {
  it("writes what the in-memory generation would hold, manifest included, whatever order the files come in", async () => {
    const out = path.join(await folder(), "out");
    const sink = OutputSink.start("write", out);
    sink.add(FIRST);
    sink.add(SECOND);
    expect(await sink.finish(HEADER)).toEqual({ files: 4 });
    const expected = toFileMap([...SECOND, ...FIRST]);
    expected.set(MANIFEST_PATH, buildManifest(HEADER, expected));
    expect(await contents(out)).toEqual(Object.fromEntries(expected));
    expect(await readdir(path.dirname(out))).toEqual(["out"]);
  });

  it("leaves the previous output as it was, and no staging folder, when a run fails after some files were written", async () => {
    const parent = await folder();
    const out = path.join(parent, "out");
    await mkdir(out);
    await writeFile(path.join(out, "kept.txt"), "previous");
    const sink = OutputSink.start("write", out);
    sink.add(FIRST);
    expect((await readdir(parent)).length).toBe(2);
    expect(() => sink.add([{ path: "ts/src/b.ts", content: "again" }])).toThrow(/two generated files share the path ts\/src\/b.ts/);
    await sink.abort();
    expect(await readdir(parent)).toEqual(["out"]);
    expect(await contents(out)).toEqual({ "kept.txt": "previous" });
  });

  it("fails at finish when a write fails, leaving the previous output and no staging folder", async () => {
    const parent = await folder();
    const out = path.join(parent, "out");
    await mkdir(out);
    await writeFile(path.join(out, "kept.txt"), "previous");
    const sink = OutputSink.start("write", out);
    // A file where the next one needs a folder: the write thread's mkdir fails.
    sink.add([{ path: "ts/x", content: "file" }, { path: "ts/x/y.ts", content: "under it" }]);
    await expect(sink.finish(HEADER)).rejects.toThrow(/EEXIST|ENOTDIR/);
    expect(await readdir(parent)).toEqual(["out"]);
    expect(await contents(out)).toEqual({ "kept.txt": "previous" });
  });

  it("refuses a path that leaves the output folder", () => {
    const sink = OutputSink.start("check", os.tmpdir());
    expect(() => sink.add([{ path: "ts/../../x", content: "" }])).toThrow(/escapes the output folder/);
  });

  it("in check mode compares with disk and writes nothing", async () => {
    const out = path.join(await folder(), "out");
    const writer = OutputSink.start("write", out);
    writer.add([...FIRST, { path: "ts/old.ts", content: "x" }]);
    await writer.finish(HEADER);
    await writeFile(path.join(out, "mine.txt"), "not generated");
    const before = await contents(out);

    const checker = OutputSink.start("check", out);
    checker.add(FIRST.map((f, i) => (i === 0 ? { ...f, content: "changed" } : f)));
    checker.add(SECOND);
    const { drift } = await checker.finish(HEADER);
    expect(drift).toEqual({ added: ["ts/src/a.ts"], changed: [MANIFEST_PATH, "ts/src/b.ts"], removed: ["ts/old.ts"], stray: ["mine.txt"] });
    expect(await contents(out)).toEqual(before);
  });
});
