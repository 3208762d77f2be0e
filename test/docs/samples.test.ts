// Every TypeScript sample in the generated Markdown compiles against the generated package,
// type-checked as a consumer would import it ("@sdkgen/plex-api", "/models/*", "/funcs/*").
import { beforeAll, describe, expect, it } from "vitest";
import { generateFiles } from "../helpers/generate.ts";
import { codeBlocks, headings, markdownPages, typescriptSamples, typecheckSamples, type Sample } from "../helpers/markdown.ts";

const SDK_PAGE = "docs/sdks/authentication/README.md";
const OPERATIONS = ["getSourceConnectionInformation", "getTransientToken", "getTokenDetails", "postUsersSignInData"];
/** SDK Example Usage, then Retries, Error Handling, Server Selection, Custom HTTP Client, Debugging. */
const README_SAMPLES = 6;
/** The enums of spec/plex-authentication.yaml, one model page each. */
const ENUM_PAGES = [
  "docs/models/components/mailingliststatus.md",
  "docs/models/components/pastsubscriptionstate.md",
  "docs/models/components/plexboolean.md",
  "docs/models/components/servicesstatus.md",
  "docs/models/components/subscriptionstatus.md",
  "docs/models/operations/gettransienttokenqueryparamtype.md",
  "docs/models/operations/scope.md",
];

describe("TypeScript samples in the generated docs", () => {
  let files: Map<string, string>;
  let pages: Map<string, string>;
  let samples: Sample[];

  beforeAll(async () => {
    files = await generateFiles();
    pages = markdownPages(files);
    samples = typescriptSamples(pages);
  });

  it("finds the samples it expects (so the type-check cannot pass vacuously)", () => {
    expect(pages.size).toBeGreaterThan(30);
    const perPage = (page: string) => samples.filter((s) => s.page === page).length;

    expect(perPage("README.md")).toBe(README_SAMPLES);
    // A method sample and a standalone-function sample per operation.
    expect(perPage(SDK_PAGE)).toBe(2 * OPERATIONS.length);
    for (const op of OPERATIONS) {
      const section = pages.get(SDK_PAGE)!.split(/^## /m).find((s) => s.startsWith(`${op}\n`))!;
      expect(section, op).toBeDefined();
      expect(codeBlocks(section).filter((b) => b.lang === "typescript"), op).toHaveLength(2);
    }

    // One sample per enum page, and only enum pages (the ones with a Values table) have one.
    const modelPagesWithSamples = [...pages.keys()].filter((p) => p.startsWith("docs/models/") && perPage(p) > 0);
    expect(modelPagesWithSamples.sort()).toEqual(ENUM_PAGES);
    for (const page of ENUM_PAGES) {
      expect(perPage(page), page).toBe(1);
      expect(headings(pages.get(page)!).map((h) => h.text)).toContain("Values");
    }
    expect(samples).toHaveLength(README_SAMPLES + 2 * OPERATIONS.length + ENUM_PAGES.length);
  });

  it("has no code block in another language that should have been typescript", () => {
    const langs = new Set([...pages.values()].flatMap((md) => codeBlocks(md).map((b) => b.lang)));
    expect([...langs].sort()).toEqual(["bash", "typescript"]);
  });

  it("type-checks every sample under strict, against a temporary copy of the generated package", async () => {
    const { diagnostics, cleanup } = await typecheckSamples(files, samples);
    await cleanup();
    expect(diagnostics).toBe("");
  });

  it("the same check fails for a broken sample (negative control)", async () => {
    const sdkSample = samples.find((s) => s.page === SDK_PAGE && s.code.includes("plexAPI.authentication.getTokenDetails("))!;
    const enumSample = samples.find((s) => s.page === "docs/models/operations/scope.md")!;
    const broken = [
      // A method that does not exist.
      { name: "missing_method.ts", code: sdkSample.code.replace("authentication.getTokenDetails(", "authentication.getTokenDetailz(") },
      // An enum member that does not exist.
      { name: "missing_member.ts", code: enumSample.code.replace("Scope.All", "Scope.Everything") },
      // An entry point that does not exist.
      { name: "missing_entry.ts", code: 'import { Nothing } from "@sdkgen/plex-api/models/nothing";\nconsole.log(Nothing);' },
    ];
    expect(broken[0]!.code).not.toBe(sdkSample.code);
    expect(broken[1]!.code).not.toBe(enumSample.code);

    const { diagnostics, cleanup } = await typecheckSamples(files, [sdkSample, ...broken]);
    await cleanup();
    expect(diagnostics).toMatch(/missing_method\.ts.*error TS2551: Property 'getTokenDetailz' does not exist/);
    expect(diagnostics).toMatch(/missing_member\.ts.*error TS2339: Property 'Everything' does not exist/);
    expect(diagnostics).toMatch(/missing_entry\.ts.*error TS2307: Cannot find module '@sdkgen\/plex-api\/models\/nothing'/);
    // The good sample next to them stays clean.
    expect(diagnostics).not.toContain(sdkSample.name);
  });
});
