import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { GenerationError, type Diagnostic } from "../../generator/diagnostics.ts";
import { resolvePointer } from "../../generator/ir/pointer.ts";
import { loadSpec } from "../../generator/load/load.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const MULTI_FILE = path.join(REPO_ROOT, "test/fixtures/plex-multifile/pms-spec.yaml");
const PLEX = path.join(REPO_ROOT, "spec/plex-authentication.yaml");

const dir = mkdtempSync(path.join(tmpdir(), "sdkgen-load-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
/** Writes `content` to a file of its own folder in the temp dir and returns its path. */
function write(name: string, content: string | Uint8Array): string {
  const folder = path.join(dir, String(counter++));
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, name);
  writeFileSync(file, content);
  return file;
}

/** The diagnostics of the GenerationError `work` rejects with; fails the test on anything else. */
async function diagnosticsOf(work: Promise<unknown>): Promise<Diagnostic[]> {
  let caught: unknown;
  try {
    await work;
  } catch (error) {
    caught = error;
  }
  expect(caught, "expected loadSpec to throw").toBeInstanceOf(GenerationError);
  const diagnostics = (caught as GenerationError).diagnostics;
  expect(diagnostics.length).toBeGreaterThan(0);
  return diagnostics;
}

/** Every "$ref" string anywhere in a value. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) refsIn(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

const OK_RESPONSES = { "200": { description: "ok" } };

function minimalDoc(openapi: string): Record<string, unknown> {
  return {
    openapi,
    info: { title: "Minimal", version: "1.0.0" },
    paths: {
      "/things/{id}": {
        get: {
          operationId: "getThing",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
          responses: OK_RESPONSES,
        },
      },
    },
  };
}

function minimalYaml(openapi: string): string {
  return [
    `openapi: ${openapi}`,
    "info:",
    "  title: Minimal",
    "  version: 1.0.0",
    "paths:",
    "  /things/{id}:",
    "    get:",
    "      operationId: getThing",
    "      parameters:",
    "        - name: id",
    "          in: path",
    "          required: true",
    "          schema:",
    "            type: string",
    "      responses:",
    "        '200':",
    "          description: ok",
    "",
  ].join("\n");
}

describe("loadSpec: accepted input", () => {
  const cases: Array<{ name: string; file: string; content: string; openapi: string }> = [
    { name: "YAML, OpenAPI 3.0.3", file: "spec.yaml", content: minimalYaml("3.0.3"), openapi: "3.0.3" },
    { name: "YAML, OpenAPI 3.1.0", file: "spec.yaml", content: minimalYaml("3.1.0"), openapi: "3.1.0" },
    { name: "JSON, OpenAPI 3.0.3", file: "spec.json", content: JSON.stringify(minimalDoc("3.0.3"), null, 2), openapi: "3.0.3" },
    { name: "JSON, OpenAPI 3.1.0", file: "spec.json", content: JSON.stringify(minimalDoc("3.1.0")), openapi: "3.1.0" },
    { name: "YAML with a UTF-8 byte order mark", file: "bom.yaml", content: `\uFEFF${minimalYaml("3.0.3")}`, openapi: "3.0.3" },
    { name: "YAML with a .yml extension", file: "spec.yml", content: minimalYaml("3.1.0"), openapi: "3.1.0" },
  ];

  it.each(cases)("loads $name", async ({ file, content, openapi }) => {
    const given = write(file, content);
    const loaded = await loadSpec(given);
    expect(loaded.file).toBe(given);
    expect(loaded.document.openapi).toBe(openapi);
    expect(Object.keys(loaded.document.paths ?? {})).toEqual(["/things/{id}"]);
    expect(loaded.warnings).toEqual([]);
    // The source is the text as read, less a byte order mark.
    expect(loaded.source).toBe(content.replace(/^\uFEFF/, ""));
  });

  it("gives the same document for YAML and JSON spellings", async () => {
    for (const version of ["3.0.3", "3.1.0"]) {
      const fromYaml = await loadSpec(write("a.yaml", minimalYaml(version)));
      const fromJson = await loadSpec(write("a.json", JSON.stringify(minimalDoc(version))));
      expect(fromYaml.document).toEqual(fromJson.document);
      expect(fromYaml.document).toEqual(minimalDoc(version));
    }
  });

  it("maps pointers to lines of the entry file", async () => {
    const loaded = await loadSpec(write("lines.yaml", minimalYaml("3.1.0")));
    const want: Array<[string, number | undefined]> = [
      ["/openapi", 1],
      ["/info", 3],
      ["/info/title", 3],
      ["/paths/~1things~1{id}", 7],
      ["/paths/~1things~1{id}/get/parameters/0", 10],
      ["/paths/~1things~1{id}/get/parameters/0/in", 11],
    ];
    for (const [pointer, line] of want) expect(loaded.locate(pointer).line, pointer).toBe(line);
  });
});

describe("loadSpec: the multi-file Plex fixture", () => {
  it("bundles every external file into one document", async () => {
    const loaded = await loadSpec(MULTI_FILE);
    const doc = loaded.document as unknown as Record<string, unknown>;
    expect(Object.keys(loaded.document.paths ?? {}).sort()).toEqual(["/security/resources", "/security/token", "/user", "/users/signin"]);

    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(0);
    const external = refs.filter((r) => !r.startsWith("#"));
    expect(external).toEqual([]);
    // Every internal $ref left in the bundle resolves inside it.
    for (const ref of new Set(refs)) expect(resolvePointer(doc, ref.slice(1)), ref).toBeDefined();
  });

  it("inlines the operations of the referenced path files", async () => {
    const loaded = await loadSpec(MULTI_FILE);
    const doc = loaded.document as unknown as Record<string, unknown>;
    const want: Array<[string, string]> = [
      ["/paths/~1security~1token/get/operationId", "getTransientToken"],
      ["/paths/~1security~1resources/get/operationId", "getSourceConnectionInformation"],
      ["/paths/~1user/get/operationId", "getTokenDetails"],
      ["/paths/~1users~1signin/post/operationId", "post-users-sign-in-data"],
    ];
    for (const [pointer, operationId] of want) expect(resolvePointer(doc, pointer), pointer).toBe(operationId);
  });

  it("reports only the server-variable warnings", async () => {
    const loaded = await loadSpec(MULTI_FILE);
    expect(loaded.warnings.map((w) => [w.severity, w.pointer])).toEqual([
      ["warning", "/servers/0/variables/protocol"],
      ["warning", "/servers/0/variables/ip"],
      ["warning", "/servers/0/variables/port"],
    ]);
  });
});

describe("loadSpec: `description` on a server variable (validator false positive)", () => {
  const serverDoc = (openapi: string, server: Record<string, unknown>, where: "root" | "pathItem" | "operation") => {
    const op = { responses: OK_RESPONSES, ...(where === "operation" ? { servers: [server] } : {}) };
    return JSON.stringify({
      openapi,
      info: { title: "Servers", version: "1" },
      ...(where === "root" ? { servers: [server] } : {}),
      paths: { "/a": { ...(where === "pathItem" ? { servers: [server] } : {}), get: op } },
    });
  };
  const described = { url: "{protocol}://example.com:{port}", variables: { protocol: { default: "https", description: "The protocol" }, port: { default: "443", description: "The port" } } };

  const cases: Array<{ name: string; openapi: string; where: "root" | "pathItem" | "operation"; want: string[] }> = [
    { name: "3.1 root servers", openapi: "3.1.0", where: "root", want: ["/servers/0/variables/port", "/servers/0/variables/protocol"] },
    { name: "3.1 path-item servers", openapi: "3.1.0", where: "pathItem", want: ["/paths/~1a/servers/0/variables/port", "/paths/~1a/servers/0/variables/protocol"] },
    { name: "3.1 operation servers", openapi: "3.1.0", where: "operation", want: ["/paths/~1a/get/servers/0/variables/port", "/paths/~1a/get/servers/0/variables/protocol"] },
    { name: "3.0 root servers (no false positive there)", openapi: "3.0.3", where: "root", want: [] },
  ];

  it.each(cases)("$name: warnings only, at $want", async ({ openapi, where, want }) => {
    const file = write("servers.json", serverDoc(openapi, described, where));
    const loaded = await loadSpec(file);
    expect(loaded.warnings.map((w) => w.pointer).sort()).toEqual(want);
    for (const w of loaded.warnings) {
      expect(w.severity).toBe("warning");
      expect(w.file).toBe(file);
      expect(w.message).toMatch(/server variable/);
    }
  });

  it("gives the warning a line in YAML input", async () => {
    const file = write("plex.yaml", readFileSync(PLEX, "utf8"));
    const loaded = await loadSpec(file);
    expect(loaded.warnings.map((w) => [w.severity, w.pointer, w.line])).toEqual([
      ["warning", "/servers/0/variables/protocol", 27],
      ["warning", "/servers/0/variables/ip", 33],
      ["warning", "/servers/0/variables/port", 36],
    ]);
  });

  it("skips the check entirely with validate: false", async () => {
    const loaded = await loadSpec(write("servers.json", serverDoc("3.1.0", described, "root")), { validate: false });
    expect(loaded.warnings).toEqual([]);
  });

  it("still reports a real problem on the same server variable", async () => {
    const server = { url: "{protocol}://example.com", variables: { protocol: { default: "https", description: "d", bogus: 1 } } };
    const file = write("servers.json", serverDoc("3.1.0", server, "root"));
    const diagnostics = await diagnosticsOf(loadSpec(file));
    expect(diagnostics.map((d) => [d.severity, d.pointer])).toEqual([["error", "/servers/0/variables/protocol"]]);
    expect(diagnostics[0]!.message).toMatch(/bogus/);
  });

  it("still reports a real problem elsewhere in the document", async () => {
    const doc = JSON.parse(serverDoc("3.1.0", described, "root")) as Record<string, unknown>;
    delete (doc["info"] as Record<string, unknown>)["title"];
    const diagnostics = await diagnosticsOf(loadSpec(write("servers.json", JSON.stringify(doc))));
    expect(diagnostics.map((d) => [d.severity, d.pointer])).toEqual([["error", "/info"]]);
  });

  // The false-positive filter must not hide a real problem on the server object above the variable.
  it("still reports an unknown property on the server object that holds the variable", async () => {
    const server = { ...described, bogus: 1 };
    const diagnostics = await diagnosticsOf(loadSpec(write("servers.json", serverDoc("3.1.0", server, "root"))));
    expect(diagnostics.map((d) => [d.severity, d.pointer])).toEqual([["error", "/servers/0"]]);
    expect(diagnostics[0]!.message).toMatch(/bogus/);
  });
});

interface RejectCase {
  name: string;
  file: string;
  content: string | Uint8Array;
  /** The pointer of the (first) diagnostic. */
  pointer: string;
  message: RegExp;
  line?: number;
}

const yaml = (...lines: string[]) => `${lines.join("\n")}\n`;

const rejectCases: RejectCase[] = [
  {
    name: "3.0 `info` without `title`",
    file: "spec.yaml",
    content: yaml("openapi: 3.0.3", "info:", "  version: '1'", "paths: {}"),
    pointer: "/info",
    message: /title/,
    // The first line of the `info` mapping's body.
    line: 3,
  },
  {
    name: "3.1 `info` without `title`",
    file: "spec.yaml",
    content: yaml("openapi: 3.1.0", "info:", "  version: '1'", "paths: {}"),
    pointer: "/info",
    message: /title/,
    // The first line of the `info` mapping's body.
    line: 3,
  },
  {
    name: "a parameter `in: body`",
    file: "spec.yaml",
    content: yaml(
      "openapi: 3.0.3",
      "info: {title: t, version: '1'}",
      "paths:",
      "  /a:",
      "    get:",
      "      parameters:",
      "        - name: payload",
      "          in: body",
      "          schema: {type: string}",
      "      responses:",
      "        '200': {description: ok}",
    ),
    pointer: "/paths/~1a/get/parameters/0/in",
    message: /allowed values/,
    line: 8,
  },
  {
    name: "a YAML syntax error",
    file: "spec.yaml",
    content: yaml("openapi: 3.0.3", "info:", "  title: [unclosed", "  version: '1'", "paths: {}"),
    pointer: "",
    message: /syntax error/,
    line: 4,
  },
  {
    name: "a JSON syntax error",
    file: "spec.json",
    content: '{\n  "openapi": "3.0.3",\n  "info": {"title": "t" "version": "1"},\n  "paths": {}\n}\n',
    pointer: "",
    message: /syntax error/,
    line: 3,
  },
  {
    name: "a duplicate mapping key",
    file: "spec.yaml",
    content: yaml("openapi: 3.0.3", "info: {title: t, version: '1'}", "paths: {}", "paths: {}"),
    pointer: "",
    message: /syntax error: .*unique/,
    line: 4,
  },
  {
    name: "a Swagger 2.0 document",
    file: "spec.yaml",
    content: yaml("swagger: '2.0'", "info: {title: t, version: '1'}", "paths: {}"),
    pointer: "/swagger",
    message: /Swagger 2\.0 is not supported/,
    line: 1,
  },
  {
    name: "OpenAPI 4.0.0",
    file: "spec.yaml",
    content: yaml("info: {title: t, version: '1'}", "openapi: 4.0.0", "paths: {}"),
    pointer: "/openapi",
    message: /unsupported OpenAPI version "4\.0\.0"/,
    line: 2,
  },
  {
    name: "OpenAPI version written as a number",
    file: "spec.yaml",
    content: yaml("openapi: 3.1", "info: {title: t, version: '1'}", "paths: {}"),
    pointer: "/openapi",
    message: /unsupported OpenAPI version 3\.1\b/,
    line: 1,
  },
  {
    name: "no `openapi` field",
    file: "spec.yaml",
    content: yaml("info: {title: t, version: '1'}", "paths: {}"),
    pointer: "",
    message: /no `openapi` field/,
  },
  {
    name: "no `paths`",
    file: "spec.yaml",
    content: yaml("openapi: 3.1.0", "info: {title: t, version: '1'}"),
    pointer: "/paths",
    message: /no `paths` object/,
  },
  {
    name: "a top-level list",
    file: "spec.json",
    content: "[1, 2]\n",
    pointer: "",
    message: /top level must be a mapping/,
  },
  {
    name: "an empty file",
    file: "spec.yaml",
    content: "",
    pointer: "",
    message: /top level must be a mapping/,
  },
  {
    name: "a missing local $ref target",
    file: "spec.yaml",
    content: yaml(
      "openapi: 3.0.3",
      "info: {title: t, version: '1'}",
      "paths:",
      "  /a:",
      "    get:",
      "      responses:",
      "        '200':",
      "          description: ok",
      "          content:",
      "            application/json:",
      "              schema:",
      "                $ref: '#/components/schemas/Missing'",
    ),
    pointer: "/paths/~1a/get/responses/200/content/application~1json/schema",
    message: /cannot resolve \$ref: .*#\/components\/schemas\/Missing/,
  },
  {
    name: "a missing external file $ref",
    file: "spec.yaml",
    content: yaml("openapi: 3.0.3", "info: {title: t, version: '1'}", "paths:", "  /a:", "    $ref: './paths/not-there.yaml'"),
    pointer: "/paths/~1a",
    message: /cannot resolve \$ref: .*not-there\.yaml/,
  },
  {
    name: "a file that is not UTF-8",
    file: "spec.yaml",
    content: new Uint8Array([0xff, 0xfe, 0x00, 0x6f, 0x00, 0x70, 0x00, 0x65, 0x00, 0x6e, 0x00]),
    pointer: "",
    message: /not valid UTF-8/,
  },
  {
    name: "a Latin-1 file",
    file: "spec.yaml",
    content: new Uint8Array([...Buffer.from("openapi: 3.0.3\ninfo: {title: caf"), 0xe9, ...Buffer.from(", version: '1'}\npaths: {}\n")]),
    pointer: "",
    message: /not valid UTF-8/,
  },
];

describe("loadSpec: rejected input", () => {
  it.each(rejectCases)("rejects $name", async ({ file, content, pointer, message, line }) => {
    const given = write(file, content);
    const diagnostics = await diagnosticsOf(loadSpec(given));
    const first = diagnostics[0]!;
    expect(first.severity).toBe("error");
    expect(first.file).toBe(given);
    expect(first.pointer).toBe(pointer);
    expect(first.message).toMatch(message);
    if (line !== undefined) expect(first.line).toBe(line);
    for (const d of diagnostics) expect(d.severity).toBe("error");
  });

  it("names the file and pointer in the error's message", async () => {
    const given = write("spec.yaml", yaml("swagger: '2.0'", "info: {title: t, version: '1'}", "paths: {}"));
    await expect(loadSpec(given)).rejects.toThrow(`error: ${given}:1 #/swagger: Swagger 2.0 is not supported`);
  });

  it("rejects a file that does not exist", async () => {
    const given = path.join(dir, "no-such-folder", "missing.yaml");
    const diagnostics = await diagnosticsOf(loadSpec(given));
    expect(diagnostics).toEqual([{ severity: "error", file: given, pointer: "", message: "cannot read spec: file not found" }]);
  });

  it("rejects a folder given as the spec", async () => {
    const diagnostics = await diagnosticsOf(loadSpec(dir));
    expect(diagnostics[0]!.file).toBe(dir);
    expect(diagnostics[0]!.message).toMatch(/^cannot read spec: /);
  });

  // An unresolvable $ref is reported at the $ref itself, with its line.
  it.each([
    {
      name: "local",
      content: yaml(
        "openapi: 3.0.3",
        "info: {title: t, version: '1'}",
        "paths:",
        "  /a:",
        "    get:",
        "      responses:",
        "        '200':",
        "          description: ok",
        "          content:",
        "            application/json:",
        "              schema:",
        "                $ref: '#/components/schemas/Missing'",
      ),
      pointer: "/paths/~1a/get/responses/200/content/application~1json/schema",
      line: 12,
    },
    {
      name: "external",
      content: yaml("openapi: 3.0.3", "info: {title: t, version: '1'}", "paths:", "  /a:", "    $ref: './paths/not-there.yaml'"),
      pointer: "/paths/~1a",
      line: 5,
    },
  ])("points an unresolvable reference ($name) at the reference itself, with its line", async ({ content, pointer, line }) => {
    const diagnostics = await diagnosticsOf(loadSpec(write("spec.yaml", content)));
    expect(diagnostics[0]!.pointer).toBe(pointer);
    expect(diagnostics[0]!.line).toBe(line);
  });
});
