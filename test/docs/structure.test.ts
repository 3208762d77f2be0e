// The generated pages follow the reference layout of the seed docs (the plexjs/plexgo/... authentication
// pages): the expectations live here, in the test, rather than being read from the seeds at test time.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, generateFiles } from "../helpers/generate.ts";
import { headings, markdownPages, records, tableLayoutProblems, tableUnder, tables, type Heading } from "../helpers/markdown.ts";

const SDK_PAGE = "docs/sdks/authentication/README.md";
const CHECK = ":heavy_check_mark:";
const MINUS = ":heavy_minus_sign:";

/** The operations of the authentication resource, their summaries and how their descriptions start. */
const OPERATIONS: Record<string, { summary: string; description: string }> = {
  getTransientToken: { summary: "Get a Transient Token", description: "This endpoint provides the caller with a temporary token" },
  getSourceConnectionInformation: { summary: "Get Source Connection Information", description: "If a caller requires connection details and a transient token" },
  getTokenDetails: { summary: "Get Token Details", description: "Get the User data from the provided X-Plex-Token" },
  postUsersSignInData: { summary: "Get User Sign In Data", description: "Sign in user with username and password" },
};

const OPERATION_SECTIONS = ["Example Usage", "Standalone function", "Parameters", "Response", "Errors"];

const OPTION_ROWS = ["`options`", "`options.serverURL`", "`options.retries`", "`options.timeoutMs`", "`options.signal`", "`options.headers`"];

const README_SECTIONS = [
  "SDK Installation", "SDK Example Usage", "Available Resources and Operations", "Standalone Functions", "Retries",
  "Error Handling", "Server Selection", "Custom HTTP Client", "Authentication", "Debugging", "Supported Runtimes",
];

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The headings of one `## name` section of a page (up to the next level-2 heading), and its lines. */
function section(markdown: string, name: string): { headings: Heading[]; lines: string[]; start: number } {
  const all = headings(markdown);
  const start = all.find((h) => h.level === 2 && h.text === name);
  if (!start) throw new Error(`no section ## ${name}`);
  const end = all.find((h) => h.line > start.line && h.level <= 2)?.line ?? Infinity;
  const lines = markdown.split("\n").slice(start.line - 1, end === Infinity ? undefined : end - 1);
  return { headings: all.filter((h) => h.line > start.line && h.line < end), lines, start: start.line };
}

describe("generated docs structure", () => {
  let pages: Map<string, string>;
  let sdk: string;

  beforeAll(async () => {
    pages = markdownPages(await generateFiles());
    sdk = pages.get(SDK_PAGE)!;
  });

  describe("the authentication page", () => {
    it("opens with the title, the property name and an overview", () => {
      const lines = sdk.split("\n");
      expect(lines[0]).toBe("# Authentication");
      expect(lines[1]).toBe("(*authentication*)");
      const top = headings(sdk).filter((h) => h.level <= 3 && h.line < (headings(sdk).find((x) => x.level === 2 && x.text in OPERATIONS)?.line ?? 0));
      expect(top.map((h) => `${"#".repeat(h.level)} ${h.text}`)).toEqual(["# Authentication", "## Overview", "### Available Operations"]);
      const overview = section(sdk, "Overview").lines.slice(1).join("\n");
      expect(overview).toContain("API Calls regarding authentication for Plex Media Server");
    });

    it("lists exactly the four operations, with summaries and anchor links", () => {
      const list = section(sdk, "Overview").lines.filter((l) => l.startsWith("* "));
      const entries = list.map((l) => {
        const m = /^\* \[(\w+)\]\(#(\w+)\) - (.+)$/.exec(l);
        expect(m, l).not.toBeNull();
        return { name: m![1]!, anchor: m![2]!, summary: m![3]! };
      });
      expect(new Set(entries.map((e) => e.name))).toEqual(new Set(Object.keys(OPERATIONS)));
      expect(entries).toHaveLength(4);
      for (const e of entries) {
        expect(e.anchor).toBe(e.name.toLowerCase());
        expect(e.summary).toBe(OPERATIONS[e.name]!.summary);
      }
      // The list is in the order of the sections below it.
      const order = headings(sdk).filter((h) => h.level === 2 && h.text in OPERATIONS).map((h) => h.text);
      expect(entries.map((e) => e.name)).toEqual(order);
    });

    it("gives every operation its sections in the reference order", () => {
      for (const [op, { description }] of Object.entries(OPERATIONS)) {
        const s = section(sdk, op);
        expect(s.headings.map((h) => `${"#".repeat(h.level)} ${h.text}`), op).toEqual(OPERATION_SECTIONS.map((t) => `### ${t}`));
        // The description comes between "## op" and "### Example Usage".
        const before = s.lines.slice(1, s.headings[0]!.line - s.start).join("\n").trim();
        expect(before.startsWith(description), `${op}: ${before}`).toBe(true);
        // Standalone section names the function.
        expect(s.lines.join("\n")).toContain(`from "@sdkgen/plex-api/funcs/authentication${upperFirst(op)}"`);
      }
    });

    it("documents the parameters of each operation", () => {
      const params = (op: string) => {
        const index = headings(sdk).findIndex((h) => h.level === 2 && h.text === op);
        const table = tableUnder(sdk, "Parameters", index);
        expect(table, op).toBeDefined();
        expect(table!.header).toEqual(["Parameter", "Type", "Required", "Description", "Example"]);
        return records(table!);
      };
      const positional = (op: string) => params(op).filter((r) => !r["Parameter"]!.startsWith("`options"));

      const transient = positional("getTransientToken");
      expect(transient.map((r) => r["Parameter"])).toEqual(["`type`", "`scope`"]);
      expect(transient.map((r) => r["Required"])).toEqual([CHECK, CHECK]);
      expect(transient[0]!["Type"]).toBe("[operations.GetTransientTokenQueryParamType](../../models/operations/gettransienttokenqueryparamtype.md)");
      expect(transient[1]!["Type"]).toBe("[operations.Scope](../../models/operations/scope.md)");

      const source = positional("getSourceConnectionInformation");
      expect(source.map((r) => r["Parameter"])).toEqual(["`source`"]);
      expect(source[0]).toMatchObject({ Type: "*string*", Required: CHECK, Example: "server://client-identifier" });

      expect(positional("getTokenDetails")).toEqual([]);

      const signIn = positional("postUsersSignInData");
      expect(signIn.map((r) => r["Parameter"])).toEqual(["`request`"]);
      // The request body is optional, so is the request object.
      expect(signIn[0]).toMatchObject({
        Type: "[operations.PostUsersSignInDataRequest](../../models/operations/postuserssignindatarequest.md)",
        Required: MINUS,
      });

      for (const op of Object.keys(OPERATIONS)) {
        const options = params(op).filter((r) => r["Parameter"]!.startsWith("`options"));
        expect(options.map((r) => r["Parameter"]), op).toEqual(OPTION_ROWS);
        expect(options.every((r) => r["Required"] === MINUS), op).toBe(true);
        expect(options[0]!["Type"]).toBe("RequestOptions");
      }
    });

    it("documents the response and the errors of each operation", () => {
      for (const op of Object.keys(OPERATIONS)) {
        const Op = upperFirst(op);
        const s = section(sdk, op);
        const response = s.lines.slice(s.headings.find((h) => h.text === "Response")!.line - s.start + 1).find((l) => l.trim() !== "");
        expect(response).toBe(`**Promise\\<[operations.${Op}Response](../../models/operations/${op.toLowerCase()}response.md)\\>**`);

        const index = headings(sdk).findIndex((h) => h.level === 2 && h.text === op);
        const table = tableUnder(sdk, "Errors", index)!;
        expect(table.header).toEqual(["Error Type", "Status Code", "Content Type"]);
        expect(table.rows, op).toEqual([
          [`[errors.${Op}BadRequest](../../models/errors/${op.toLowerCase()}badrequest.md)`, "400", "application/json"],
          [`[errors.${Op}Unauthorized](../../models/errors/${op.toLowerCase()}unauthorized.md)`, "401", "application/json"],
          ["errors.SDKError", "4XX, 5XX", "\\*/\\*"],
        ]);
      }
    });
  });

  describe("the README", () => {
    it("has its sections in the reference order", () => {
      const readme = pages.get("README.md")!;
      const h2 = headings(readme).filter((h) => h.level === 2).map((h) => h.text);
      const known = h2.filter((t) => README_SECTIONS.includes(t));
      expect(known).toEqual(README_SECTIONS.filter((t) => known.includes(t)));
      // This spec has servers, security and operations: every section is there, and nothing unexpected.
      expect(known).toEqual(README_SECTIONS);
      expect(h2.filter((t) => !README_SECTIONS.includes(t))).toEqual(["Table of Contents"]);
      expect(readme.split("\n")[0]).toBe("# @sdkgen/plex-api");
    });

    it("lists the resource and its operations", () => {
      const readme = pages.get("README.md")!;
      const s = section(readme, "Available Resources and Operations");
      expect(s.headings.map((h) => h.text)).toEqual(["[Authentication](docs/sdks/authentication/README.md)"]);
      const items = s.lines.filter((l) => l.startsWith("* "));
      expect(items.sort()).toEqual(
        Object.entries(OPERATIONS).map(([op, { summary }]) => `* [${op}](docs/sdks/authentication/README.md#${op.toLowerCase()}) - ${summary}`).sort(),
      );
    });
  });

  describe("model pages", () => {
    it("components/userplexaccount.md has a Fields row per property of the schema", async () => {
      const spec = parse(await readFile(path.join(REPO_ROOT, "spec/plex-authentication.yaml"), "utf8")) as {
        components: { schemas: Record<string, { properties: Record<string, unknown>; required?: string[] }> };
      };
      const schema = spec.components.schemas["UserPlexAccount"]!;
      const page = pages.get("docs/models/components/userplexaccount.md")!;
      expect(page.split("\n")[0]).toBe("# UserPlexAccount");
      const table = tableUnder(page, "Fields")!;
      expect(table.header).toEqual(["Field", "Type", "Required", "Description", "Example"]);
      const rows = records(table);
      const byName = new Map(rows.map((r) => [r["Field"]!.replace(/^`|`$/g, ""), r]));
      expect(rows).toHaveLength(Object.keys(schema.properties).length);
      expect(new Set(byName.keys())).toEqual(new Set(Object.keys(schema.properties)));
      for (const [name, row] of byName) {
        expect(row["Required"], name).toBe((schema.required ?? []).includes(name) ? CHECK : MINUS);
      }

      expect(byName.get("authToken")).toMatchObject({ Type: "*string*", Required: CHECK, Description: "The account token" });
      const pin = byName.get("pin")!;
      expect(pin["Required"]).toBe(MINUS);
      expect(pin["Description"]).toMatch(/^\*\*Deprecated\.\*\* /);
      expect(byName.get("mailingListStatus")!["Type"]).toBe("[components.MailingListStatus](mailingliststatus.md)");
      expect(byName.get("adsConsent")!["Type"]).toBe("*boolean* \\| *null*");
    });

    it("enum pages have a Values table", () => {
      const values = (page: string) => {
        const md = pages.get(page)!;
        const table = tableUnder(md, "Values");
        expect(table, page).toBeDefined();
        expect(table!.header).toEqual(["Name", "Value"]);
        return table!.rows;
      };
      expect(values("docs/models/operations/scope.md")).toEqual([["`All`", '`"all"`']]);
      expect(values("docs/models/components/plexboolean.md")).toEqual([["`Disable`", "`0`"], ["`Enable`", "`1`"]]);
      expect(values("docs/models/components/mailingliststatus.md")).toEqual([["`Active`", '`"active"`'], ["`Unsubscribed`", '`"unsubscribed"`']]);
    });
  });

  describe("tables", () => {
    it("are not padded, and use '| --- |' separators", () => {
      let count = 0;
      const problems: string[] = [];
      for (const [page, md] of pages) {
        for (const table of tables(md)) {
          count++;
          problems.push(...tableLayoutProblems(table).map((p) => `${page} ${p}`));
        }
      }
      expect(count).toBeGreaterThan(30);
      expect(problems).toEqual([]);
    });

    it("the layout check catches padding and other separators (negative control)", () => {
      const [padded] = tables("| Name  | Value |\n| :--- | ---: |\n| `a` |   1 |\n| b |\n");
      expect(tableLayoutProblems(padded!)).toEqual([
        'line 1: | Name  | Value |: cell " Name  " is padded',
        'line 2: | :--- | ---: |: the separator is not "| --- | --- |..."',
        'line 3: | `a` |   1 |: cell "   1 " is padded',
        "line 4: | b |: 1 cells, the header has 2",
      ]);
      const [clean] = tables("| Name | Value |\n| --- | --- |\n| `a\\|b` |  |\n");
      expect(tableLayoutProblems(clean!)).toEqual([]);
    });
  });
});
