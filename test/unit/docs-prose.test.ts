// Spec prose in the generated docs: links that would lead nowhere in the package keep only their
// text, and headings inside a description are moved below the section that holds it.
import { describe, expect, it } from "vitest";
import { prose, specCell, withoutRelativeLinks } from "../../generator/docs/markdown.ts";

describe("withoutRelativeLinks", () => {
  it("keeps the text of links into the API's own site or its headings", () => {
    expect(withoutRelativeLinks("See [secret scanning](/code-security/about) and [below](#usage).")).toBe("See secret scanning and below.");
    expect(withoutRelativeLinks("[a page](other.md) [with title](/x \"t\") [angled](</a b>)")).toBe("a page with title angled");
    expect(withoutRelativeLinks("![diagram](/img/flow.png)")).toBe("diagram");
  });

  it("keeps absolute links as they are", () => {
    const text = "[docs](https://docs.github.com/rest) [mail](mailto:a@example.com) [proto](//cdn.example.com/x) [paren](https://e.com/a_(b))";
    expect(withoutRelativeLinks(text)).toBe(text);
  });

  it("handles link text that spans lines or holds a code span", () => {
    expect(withoutRelativeLinks("[About GitHub Advanced\nSecurity](/github/about)")).toBe("About GitHub Advanced\nSecurity");
    expect(withoutRelativeLinks("responding to [`POST /runs/{id}/cancel`](/rest/runs#cancel).")).toBe("responding to `POST /runs/{id}/cancel`.");
  });

  it("leaves code spans and fenced code alone", () => {
    expect(withoutRelativeLinks("Write `[x](/y)` literally.")).toBe("Write `[x](/y)` literally.");
    const fenced = "Before [a](/a)\n```md\n[b](/b)\n```\nAfter [c](/c)";
    expect(withoutRelativeLinks(fenced)).toBe("Before a\n```md\n[b](/b)\n```\nAfter c");
  });

  it("is used for description cells, not for the generator's own links", () => {
    expect(specCell("See [x](/rest/x) | more")).toBe("See x \\| more");
  });
});

describe("prose", () => {
  it("moves a description's headings below the heading that holds it, keeping their relative depth", () => {
    expect(prose("## Library Details\n\nText.\n\n### Directories\n\nMore.", 3)).toBe("#### Library Details\n\nText.\n\n##### Directories\n\nMore.");
    expect(prose("# Top\n###### Deep", 2)).toBe("### Top\n###### Deep");
  });

  it("leaves headings already deep enough, text that only looks like one, and fenced code", () => {
    expect(prose("#### Fine\n##### Also", 3)).toBe("#### Fine\n##### Also");
    expect(prose("#hashtag and a line\n\\## escaped", 1)).toBe("#hashtag and a line\n\\## escaped");
    expect(prose("Intro\n```sh\n# a shell comment\n```\n## Usage", 2)).toBe("Intro\n```sh\n# a shell comment\n```\n### Usage");
  });

  it("escapes HTML and drops links that lead nowhere, as the rest of the docs do", () => {
    expect(prose("<b>[x](/y)</b> & more", 1)).toBe("&lt;b&gt;x&lt;/b&gt; &amp; more");
  });
});
