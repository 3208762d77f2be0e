import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { GenerationError } from "../../generator/diagnostics.ts";
import { applyOverlays, parseOverlay } from "../../generator/load/overlay.ts";
import { generate } from "../../generator/pipeline.ts";

const HEAD = "overlay: 1.0.0\ninfo: { title: t, version: 1.0.0 }\n";

function doc(): Record<string, unknown> {
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths: {
      "/a": { get: { operationId: "getA", tags: ["x"], parameters: [{ name: "q", in: "query", schema: { type: "string" } }, { name: "r", in: "query", schema: { type: "string" } }], responses: { "200": { description: "ok" } } } },
    },
    tags: [{ name: "x" }],
  };
}

function errorOf(run: () => unknown): GenerationError {
  try {
    run();
  } catch (error) {
    if (error instanceof GenerationError) return error;
    throw error;
  }
  throw new Error("no error thrown");
}

describe("overlay files", () => {
  it.each([
    ["no version", "info: { title: t, version: '1' }\nactions: [{ target: $.info, update: {} }]\n", "/overlay"],
    ["a 2.x version", "overlay: 2.0.0\ninfo: { title: t, version: '1' }\nactions: [{ target: $.info, update: {} }]\n", "/overlay"],
    ["no info", "overlay: 1.0.0\nactions: [{ target: $.info, update: {} }]\n", "/info"],
    ["no actions", `${HEAD}actions: []\n`, "/actions"],
    ["a target that is no JSONPath", `${HEAD}actions:\n  - target: info\n    update: {}\n`, "/actions/0/target"],
    ["an action with neither update nor remove", `${HEAD}actions:\n  - target: $.info\n`, "/actions/0"],
    ["an action with both", `${HEAD}actions:\n  - target: $.info\n    remove: true\n    update: {}\n`, "/actions/0"],
    ["a misspelt field", `${HEAD}actions:\n  - target: $.info\n    updte: {}\n    remove: true\n`, "/actions/0/updte"],
    ["remove that is not a boolean", `${HEAD}actions:\n  - target: $.info\n    remove: yes please\n`, "/actions/0/remove"],
  ])("refuses %s, naming the file and pointer", (_name, text, pointer) => {
    const error = errorOf(() => parseOverlay("o.yaml", text));
    expect(error.diagnostics.map((d) => [d.file, d.pointer])).toContainEqual(["o.yaml", pointer]);
  });

  it("gives the line of a bad action", () => {
    const error = errorOf(() => parseOverlay("o.yaml", `${HEAD}actions:\n  - target: $.info\n    update: {}\n  - target: nope\n    update: {}\n`));
    expect(error.diagnostics[0]).toMatchObject({ pointer: "/actions/1/target", line: 6 });
  });
});

describe("applying overlays", () => {
  it("merges updates into mappings, key by key", () => {
    const d = doc();
    const overlay = parseOverlay("o.yaml", `${HEAD}actions:\n  - target: $.info\n    update: { title: New, x-logo: { url: a } }\n  - target: $.info\n    update: { x-logo: { alt: b } }\n`);
    expect(applyOverlays(d, [overlay])).toEqual([]);
    expect(d["info"]).toEqual({ title: "New", version: "1", "x-logo": { url: "a", alt: "b" } });
  });

  it("selects with filters and appends to lists", () => {
    const d = doc();
    const overlay = parseOverlay("o.yaml", `${HEAD}actions:
  - target: $.paths.*.*.parameters[?(@.name == 'r')]
    update: { x-speakeasy-name-override: rr }
  - target: $.tags
    update: { name: y }
`);
    applyOverlays(d, [overlay]);
    const params = ((d["paths"] as any)["/a"].get.parameters as Array<Record<string, unknown>>);
    expect(params.map((p) => p["x-speakeasy-name-override"])).toEqual([undefined, "rr"]);
    expect(d["tags"]).toEqual([{ name: "x" }, { name: "y" }]);
  });

  it("removes every node a target selects, lists from the last item down", () => {
    const d = doc();
    applyOverlays(d, [parseOverlay("o.yaml", `${HEAD}actions:\n  - target: $.paths['/a'].get.parameters[*]\n    remove: true\n  - target: $.tags\n    remove: true\n`)]);
    expect((d["paths"] as any)["/a"].get.parameters).toEqual([]);
    expect(d).not.toHaveProperty("tags");
  });

  it("applies overlays in order: a later one sees what an earlier one made", () => {
    const d = doc();
    const first = parseOverlay("1.yaml", `${HEAD}actions:\n  - target: $.tags\n    update: { name: z }\n`);
    const second = parseOverlay("2.yaml", `${HEAD}actions:\n  - target: $.tags[?(@.name == 'z')]\n    update: { description: added }\n`);
    expect(applyOverlays(d, [first, second])).toEqual([]);
    expect(d["tags"]).toEqual([{ name: "x" }, { name: "z", description: "added" }]);
    // The other way round, the second overlay's target matches nothing yet.
    expect(applyOverlays(doc(), [second, first]).map((w) => w.file)).toEqual(["2.yaml"]);
  });

  it("warns, naming the overlay file and the action index, when a target matches nothing", () => {
    const d = doc();
    const overlay = parseOverlay("spec/fix.yaml", `${HEAD}actions:\n  - target: $.info\n    update: { a: 1 }\n  - target: $.paths['/gone'].get\n    update: { a: 1 }\n`);
    const warnings = applyOverlays(d, [overlay]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: "warning", file: "spec/fix.yaml", pointer: "/actions/1/target", line: 6 });
    expect(warnings[0]!.message).toContain("action 1");
    expect((d["info"] as Record<string, unknown>)["a"]).toBe(1);
  });

  it("refuses an update of a scalar, and a JSONPath that does not parse", () => {
    const scalar = errorOf(() => applyOverlays(doc(), [parseOverlay("o.yaml", `${HEAD}actions:\n  - target: $.info.title\n    update: { a: 1 }\n`)]));
    expect(scalar.diagnostics[0]).toMatchObject({ file: "o.yaml", pointer: "/actions/0/target" });
    expect(scalar.diagnostics[0]!.message).toContain("selects a string");
    const syntax = errorOf(() => applyOverlays(doc(), [parseOverlay("o.yaml", `${HEAD}actions:\n  - target: "$.info[?(@.a =="\n    remove: true\n`)]));
    expect(syntax.diagnostics[0]!.message).toContain("invalid JSONPath");
  });
});

describe("overlays in the config", () => {
  async function setup(files: Record<string, string>): Promise<string> {
    const dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-overlay-"));
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    return path.join(dir, "sdkgen.yaml");
  }
  const spec = JSON.stringify(doc());
  const rename = (name: string) => `${HEAD}actions:\n  - target: $.paths['/a'].get.parameters[?(@.name == 'q')]\n    update: { x-speakeasy-name-override: ${name} }\n`;

  it("applies global overlays for every target, then a target's own, before the IR", async () => {
    const config = await loadConfig(await setup({
      "api.json": spec,
      "all.yaml": `${HEAD}actions:\n  - target: $.paths['/a'].get\n    update: { summary: From the overlay }\n`,
      "py.yaml": rename("query_text"),
      "sdkgen.yaml": "spec: api.json\noverlays: [all.yaml]\ntargets:\n  typescript: {}\n  python:\n    overlays: [py.yaml]\n",
    }), {});
    const { files, warnings } = await generate(config);
    expect(warnings).toEqual([]);
    const ts = files.get("typescript/src/sdk/x.ts")!;
    const py = files.get("python/src/sdk/x.py")!;
    expect(ts).toContain("From the overlay");
    expect(py).toContain("From the overlay");
    expect(py).toContain("query_text");
    expect(ts).not.toMatch(/queryText/i);
  });

  it("counts overlays in the config hash, not the spec hash", async () => {
    const manifestOf = async (name: string) => {
      const config = await loadConfig(await setup({ "api.json": spec, "py.yaml": rename(name), "sdkgen.yaml": "spec: api.json\ntargets:\n  python:\n    overlays: [py.yaml]\n" }), {});
      return JSON.parse((await generate(config)).files.get(".sdkgen-manifest.json")!) as { spec: string; config: string };
    };
    const a = await manifestOf("one");
    const b = await manifestOf("two");
    expect(a.spec).toBe(b.spec);
    expect(a.config).not.toBe(b.config);
  });

  it("refuses overlays that are not a list of files, and names a missing overlay file", async () => {
    const bad = await loadConfig(await setup({ "sdkgen.yaml": "overlays: fix.yaml\n" }), {}).catch((e: unknown) => e);
    expect((bad as GenerationError).diagnostics.map((d) => d.pointer)).toEqual(["/overlays"]);
    const missing = await loadConfig(await setup({ "api.json": spec, "sdkgen.yaml": "spec: api.json\ntargets:\n  go:\n    overlays: [nope.yaml]\n" }), {});
    const error = await generate(missing).catch((e: unknown) => e);
    expect((error as GenerationError).diagnostics[0]!.file).toMatch(/nope\.yaml$/);
  });
});

describe("the Python seed-name overlay of spec/", () => {
  it("gives each SDK its seed's names: Python, C# and PHP by overlays of their own; TypeScript and Go keep the wire names", async () => {
    const { generateFiles } = await import("../helpers/generate.ts");
    const files = await generateFiles();
    const sdk = files.get("python/src/plex_api_client/sdk.py")!;
    for (const name of ["client_id", "client_name", "client_version", "platform", "device_nickname"]) expect(sdk).toContain(`        ${name}: typing.Optional[str] = None,`);
    expect(sdk).not.toContain("x_plex_client_identifier");
    expect(files.get("typescript/src/core.ts")).toContain("xPlexClientIdentifier?: string | undefined;");
    expect(files.get("go/plexgo.go")).toContain("func WithXPlexClientIdentifier(");
    const csharp = files.get("csharp/src/SdkGen.PlexAPI/PlexAPI.cs")!;
    for (const name of ["clientID", "clientName", "clientVersion", "clientPlatform", "deviceName"]) expect(csharp).toContain(`string? ${name} = null`);
    expect(csharp).not.toContain("xPlexClientIdentifier");
    const builder = files.get("php/src/PlexAPIBuilder.php")!;
    for (const setter of ["setClientID", "setClientName", "setDeviceNickname", "setClientVersion", "setPlatform"]) expect(builder).toContain(`public function ${setter}(`);
    expect(builder).not.toContain("setXPlex");
    // The Go and C# seeds' sign-in takes the client identifier and the body only; the other targets' takes all five headers.
    expect(files.get("go/authentication.go")).toContain("PostUsersSignInData(ctx context.Context, xPlexClientIdentifier *string, requestBody *operations.PostUsersSignInDataRequestBody, opts ...operations.Option)");
    expect(files.get("csharp/src/SdkGen.PlexAPI/Authentication.cs")).toContain("PostUsersSignInDataAsync(string? clientID = null, PostUsersSignInDataRequestBody? requestBody = null,");
    expect(files.get("php/src/Models/Operations/PostUsersSignInDataRequest.php")).toContain("public ?string $deviceNickname = null,");
  });
});
