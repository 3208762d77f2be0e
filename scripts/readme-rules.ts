// Writes the rule table of generator/diff/rules.ts into README.md, between its rules markers:
// `npx tsx scripts/readme-rules.ts` (test/diff/rules-doc.test.ts fails until the README matches).
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { rulesMarkdown } from "../generator/diff/rules.ts";

const README = path.join(path.dirname(fileURLToPath(import.meta.url)), "../README.md");
const START = "<!-- rules:start -->\n";
const text = readFileSync(README, "utf8");
const from = text.indexOf(START) + START.length;
writeFileSync(README, `${text.slice(0, from)}${rulesMarkdown()}\n${text.slice(text.indexOf("<!-- rules:end -->"))}`);
