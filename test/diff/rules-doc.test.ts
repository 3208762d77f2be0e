// The README's rule table is the code's: rewrite it with `npx tsx scripts/readme-rules.ts`.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES, rulesMarkdown } from "../../generator/diff/rules.ts";
import { REPO_ROOT } from "../helpers/generate.ts";

const README = path.join(REPO_ROOT, "README.md");
const START = "<!-- rules:start -->\n";
const END = "<!-- rules:end -->";

function withTable(readme: string): string {
  const from = readme.indexOf(START) + START.length;
  return `${readme.slice(0, from)}${rulesMarkdown()}\n${readme.slice(readme.indexOf(END))}`;
}

describe("the README's rule table", () => {
  it("is the table in generator/diff/rules.ts, every rule once", async () => {
    const readme = await readFile(README, "utf8");
    expect(readme.indexOf(START)).toBeGreaterThan(0);
    expect(readme).toBe(withTable(readme));
    for (const id of Object.keys(RULES)) expect(readme.split(`| \`${id}\` |`).length - 1, id).toBe(1);
  });
});
