// The generation benchmark's floor: what any Node tool writing sdkgen's output must at least spend.
// It starts Node, reads and parses the spec (js-yaml or JSON.parse: no positions, no validation)
// and writes the given files, made in advance, into a fresh folder. It generates nothing.
//
//   node scripts/bench-floor.mjs <spec> <files.json> <out>
//
// files.json holds [path, content] pairs. Reading it is not part of the floor: the time printed
// (on stderr, "floor-ms <n>") is the process's age at the end less the time spent reading it.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

const [specFile, filesJson, out] = process.argv.slice(2);
if (out === undefined) {
  process.stderr.write("usage: node scripts/bench-floor.mjs <spec> <files.json> <out>\n");
  process.exit(2);
}

const readStart = performance.now();
const files = JSON.parse(readFileSync(filesJson, "utf8"));
const readMs = performance.now() - readStart;

const source = readFileSync(specFile, "utf8");
const document = /\.json$/i.test(specFile) ? JSON.parse(source) : yaml.load(source);
if (typeof document !== "object" || document === null) throw new Error(`${specFile}: not a document`);

const made = new Set();
for (const [relative, content] of files) {
  const file = path.join(out, relative);
  const dir = path.dirname(file);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  writeFileSync(file, content);
}
// performance.now() counts from the process's start.
process.stderr.write(`floor-ms ${(performance.now() - readMs).toFixed(1)}\n`);
