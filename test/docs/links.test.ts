// Relative links in the generated Markdown lead somewhere: the file exists, the #anchor names a heading
// (GitHub's slug rule), and every model page can be reached from another page.
import { beforeAll, describe, expect, it } from "vitest";
import { generateFiles } from "../helpers/generate.ts";
import { anchors, brokenLinks, githubSlug, isExternal, links, markdownPages, resolveLink } from "../helpers/markdown.ts";

const SDK_PAGE = "docs/sdks/authentication/README.md";

describe("the link checker itself", () => {
  it("slugs headings the way GitHub does", () => {
    expect(githubSlug("getTransientToken")).toBe("gettransienttoken");
    expect(githubSlug("SDK Example Usage")).toBe("sdk-example-usage");
    expect(githubSlug("Available Resources and Operations")).toBe("available-resources-and-operations");
    expect(githubSlug("Custom HTTP Client")).toBe("custom-http-client");
    expect(githubSlug("What's new? (v2.0)")).toBe("whats-new-v20");
    expect(githubSlug("snake_case and kebab-case")).toBe("snake_case-and-kebab-case");
    expect(githubSlug("[Authentication](docs/sdks/authentication/README.md)")).toBe("authentication");
    expect(githubSlug("`code` &amp; more")).toBe("code--more");
  });

  it("numbers repeated headings", () => {
    expect([...anchors("# A\n## Usage\n## Usage\n### Usage\n")]).toEqual(["a", "usage", "usage-1", "usage-2"]);
  });

  it("ignores links in code blocks and code spans, and tells external links apart", () => {
    const md = "[a](x.md) `[b](y.md)`\n```md\n[c](z.md)\n```\n[d](https://example.com) [e](mailto:x@example.com)\n";
    expect(links(md).map((l) => l.target)).toEqual(["x.md", "https://example.com", "mailto:x@example.com"]);
    expect(links(md).filter((l) => !isExternal(l.target)).map((l) => l.target)).toEqual(["x.md"]);
  });

  it("catches a broken link and a broken anchor (negative control)", () => {
    const pages = new Map([
      ["README.md", "# Top\n\n## Usage\n\n[ok](docs/a.md#fields) [same](#usage) [file](docs/missing.md) [anchor](docs/a.md#nope) [here](#nowhere) [up](../outside.md)\n"],
      ["docs/a.md", "# A\n\n## Fields\n\n[back](../README.md#top)\n"],
    ]);
    expect(brokenLinks(pages)).toEqual([
      "README.md:5 [file](docs/missing.md): no file docs/missing.md",
      "README.md:5 [anchor](docs/a.md#nope): no heading with anchor #nope in docs/a.md",
      "README.md:5 [here](#nowhere): no heading with anchor #nowhere in README.md",
      "README.md:5 [up](../outside.md): no file ../outside.md",
    ]);
  });
});

describe("links in the generated docs", () => {
  let files: Map<string, string>;
  let pages: Map<string, string>;
  /** Every generated file of the package, relative to its root. */
  let packageFiles: string[];

  beforeAll(async () => {
    files = await generateFiles();
    pages = markdownPages(files);
    packageFiles = [...files.keys()].filter((p) => p.startsWith("typescript/")).map((p) => p.slice("typescript/".length));
  });

  it("has the pages to check", () => {
    expect(pages.has("README.md")).toBe(true);
    expect(pages.has(SDK_PAGE)).toBe(true);
    expect([...pages.keys()].filter((p) => p.startsWith("docs/models/")).length).toBeGreaterThan(30);
  });

  it("resolves every relative link and anchor", () => {
    const relative = [...pages.values()].flatMap((md) => links(md)).filter((l) => !isExternal(l.target));
    // README table of contents, resources and functions; sdk page operations, parameters, responses, errors; model fields.
    expect(relative.length).toBeGreaterThan(80);
    expect(relative.filter((l) => l.target.includes("#")).length).toBeGreaterThan(20);
    expect(brokenLinks(pages, packageFiles)).toEqual([]);
  });

  it("would notice a renamed heading or a missing model page in the real pages (negative control)", () => {
    const mutated = new Map(pages);
    mutated.set(SDK_PAGE, pages.get(SDK_PAGE)!.replace("## getTokenDetails\n", "## getTokenDetail\n"));
    mutated.delete("docs/models/components/plexdatetime.md");
    const files = packageFiles.filter((p) => p !== "docs/models/components/plexdatetime.md");
    const problems = brokenLinks(mutated, files);
    expect(problems.some((p) => p.startsWith("README.md:") && p.endsWith("no heading with anchor #gettokendetails in docs/sdks/authentication/README.md"))).toBe(true);
    expect(problems.some((p) => p.startsWith(`${SDK_PAGE}:`) && p.includes("[getTokenDetails](#gettokendetails)"))).toBe(true);
    expect(problems.some((p) => p.startsWith("docs/models/components/userplexaccount.md:") && p.endsWith("no file docs/models/components/plexdatetime.md"))).toBe(true);
  });

  it("links every README table-of-contents entry to a section", () => {
    const readme = pages.get("README.md")!;
    const toc = readme.slice(readme.indexOf("<!-- Start Table of Contents -->"), readme.indexOf("<!-- End Table of Contents -->"));
    const targets = links(toc).map((l) => l.target);
    expect(targets.length).toBeGreaterThanOrEqual(10);
    for (const t of targets) {
      expect(t).toMatch(/^#/);
      expect(anchors(readme), t).toContain(t.slice(1));
    }
  });

  it("links every model page from at least one other page (no orphans)", () => {
    const linkedFrom = new Map<string, Set<string>>();
    for (const [page, md] of pages) {
      for (const l of links(md)) {
        if (isExternal(l.target)) continue;
        const to = resolveLink(page, l.target);
        if (to === page) continue;
        linkedFrom.set(to, (linkedFrom.get(to) ?? new Set()).add(page));
      }
    }
    const orphans = [...pages.keys()].filter((p) => p.startsWith("docs/models/") && !linkedFrom.has(p));
    expect(orphans).toEqual([]);
    // The sdk page is reached from the README.
    expect([...(linkedFrom.get(SDK_PAGE) ?? [])]).toContain("README.md");
  });

  it("points every model link of the sdk page at a generated model page", () => {
    const modelLinks = links(pages.get(SDK_PAGE)!).filter((l) => l.target.includes("/models/"));
    // Per operation: a response link and two error links; plus the enum parameters and the request object.
    expect(modelLinks.length).toBeGreaterThanOrEqual(4 * 3 + 3);
    for (const l of modelLinks) {
      const to = resolveLink(SDK_PAGE, l.target);
      expect(to, l.target).toMatch(/^docs\/models\/(components|operations|errors)\/[a-z0-9]+\.md$/);
      expect(pages.has(to), `${l.target} -> ${to}`).toBe(true);
      // The link text names the model, and the page's title is that model.
      const title = pages.get(to)!.split("\n")[0];
      expect(`# ${l.text.split(".").pop()}`).toBe(title);
    }
  });
});
