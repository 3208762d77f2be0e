// OpenAPI coverage, operation features (issue #5): one small fixture per feature under
// test/fixtures/features/, generated with a TypeScript-only config. Each feature's SDK is
// snapshotted (every file but the copied runtime in src/lib/), type-checked under --strict in one
// shared tsc run, and called end to end against a node:http server on 127.0.0.1: real requests and
// real bytes, asserting what the server received and what the SDK returned.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { headerValues, json, startServer, type RecordedRequest, type ScriptedResponse, type TestServer } from "../helpers/server.ts";
import { typecheck } from "../helpers/tsc.ts";
import { generateFeature, generateFeatureAllTargets, matchFeatureSnapshots, type GeneratedFeature } from "./generate-feature.ts";
import { MAX_NAME_LENGTH } from "../../generator/naming/namer.ts";

const FEATURES = [
  "servers-parameters", "parameter-styles", "cookies", "uploads", "downloads", "responses", "security", "naming",
  "reserved-operation-names",
] as const;
type Feature = (typeof FEATURES)[number];

/** The generated client, used without its static types (they are checked by the shared tsc run). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Client = any;

let root: string;
let server: TestServer;
const generated = new Map<Feature, GeneratedFeature>();

/** A module of the generated SDK, imported from the temp folder (vite compiles the .ts). */
async function load(feature: Feature, module = "index.ts"): Promise<Record<string, Client>> {
  return (await import(pathToFileURL(path.join(root, feature, "typescript", "src", module)).href)) as Record<string, Client>;
}

/** The feature's client, sending to the test server unless the options say otherwise. */
async function client(feature: Feature, options: Record<string, unknown> = {}): Promise<Client> {
  const { Api } = await load(feature);
  return new Api({ serverURL: server.base, ...options });
}

function featureFiles(feature: Feature): Map<string, string> {
  return generated.get(feature)!.files;
}

async function matchSnapshots(feature: Feature): Promise<void> {
  await matchFeatureSnapshots(feature, featureFiles(feature));
}

/** The one request the server received since the last reset. */
function received(): RecordedRequest {
  expect(server.requests).toHaveLength(1);
  return server.requests[0]!;
}

const noContent: ScriptedResponse = { status: 204 };

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "sdkgen-operation-features-"));
  for (const feature of FEATURES) generated.set(feature, await generateFeature(root, feature));
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

beforeEach(() => server.reset());

describe("every operation feature fixture", () => {
  it("generates without warnings", () => {
    for (const feature of FEATURES) expect(generated.get(feature)!.warnings, feature).toEqual([]);
  });

  it("type-checks under tsc --strict (one run for all)", async () => {
    const tsconfig = JSON.parse(featureFiles("naming").get("typescript/tsconfig.json")!) as Record<string, unknown>;
    await writeFile(path.join(root, "tsconfig.json"), JSON.stringify({ ...tsconfig, include: FEATURES.map((f) => `${f}/typescript/src`) }, null, 2));
    expect(await typecheck(root)).toBe("");
  }, 120_000);
});

describe("servers and parameters at path and operation level", () => {
  it("matches its snapshots", () => matchSnapshots("servers-parameters"));

  it("sends each operation to its own servers, path-level parameters merged with the operation's", async () => {
    // No serverURL: the client's `port` option fills the {port} variable of every level's server.
    const sdk = await client("servers-parameters", { serverURL: undefined, port: String(server.port) });
    server.reply(json(200, { id: 7 }), noContent, noContent);

    const item = await sdk.getItem(7, "ten", "trace-1");
    expect(item).toMatchObject({ statusCode: 200, object: { id: 7 } });
    await sdk.putItem(7, "trace-2", 5);
    await sdk.getPlain();

    const [get, put, plain] = server.requests;
    // The path item's servers; limit is the operation's (a string), X-Trace the path item's.
    expect([get!.method, get!.path, get!.query]).toEqual(["GET", "/path-level/items/7", { limit: "ten" }]);
    expect(headerValues(get!, "x-trace")).toEqual(["trace-1"]);
    // The operation's servers; its x-trace replaces the path item's X-Trace (one header, not two).
    expect([put!.method, put!.path, put!.query]).toEqual(["PUT", "/op-level/items/7", { limit: "5" }]);
    expect(headerValues(put!, "x-trace")).toEqual(["trace-2"]);
    // The API's servers.
    expect([plain!.method, plain!.path]).toEqual(["GET", "/root/plain"]);
  });

  it("the client's serverURL applies to operations without servers of their own", async () => {
    const sdk = await client("servers-parameters", { serverURL: `${server.base}/client`, port: String(server.port) });
    server.reply(noContent, noContent);
    await sdk.getPlain();
    await sdk.putItem(2, "t");
    expect(server.requests.map((r) => r.path)).toEqual(["/client/plain", "/op-level/items/2"]);
  });

  it("a per-request serverURL still overrides an operation's servers", async () => {
    const sdk = await client("servers-parameters", { serverURL: undefined, port: "1" });
    server.reply(noContent);
    await sdk.putItem(1, "t", undefined, { serverURL: `${server.base}/elsewhere` });
    expect(received().path).toBe("/elsewhere/items/1");
  });
});

describe("parameter styles", () => {
  it("matches its snapshots", () => matchSnapshots("parameter-styles"));

  it("writes arrays in path simple, label and matrix styles and query form, spaceDelimited and pipeDelimited", async () => {
    const sdk = await client("parameter-styles");
    server.reply(noContent);
    const letters = ["a/b", "c"];
    const result = await sdk.arrayStyles({
      simple: letters, label: letters, labelExploded: letters, matrix: letters, matrixExploded: letters,
      formExploded: ["x y", "z"], formFlat: [1, 2], spaced: ["p", "q"], piped: ["r", "s"],
    });
    expect(result.statusCode).toBe(204);
    const request = received();
    expect(request.method).toBe("GET");
    expect(request.path).toBe("/arrays/a%2Fb,c/.a%2Fb,c/.a%2Fb.c/;matrix=a%2Fb,c/;matrixExploded=a%2Fb;matrixExploded=c");
    expect(request.rawQuery).toBe("formExploded=x%20y&formExploded=z&formFlat=1,2&spaced=p%20q&piped=r%7Cs");
    expect(request.query).toEqual({ formExploded: ["x y", "z"], formFlat: "1,2", spaced: "p q", piped: "r|s" });
  });

  it("writes objects in path simple (exploded or not), label and matrix styles and query deepObject and form", async () => {
    const sdk = await client("parameter-styles");
    server.reply(noContent);
    const p = { x: 1, y: 2 };
    await sdk.objectStyles({
      simple: p, simpleExploded: p, label: p, matrix: p, matrixExploded: p,
      filter: { color: "red", sizes: [3, 4] }, formObject: p, at: { x: 5, y: 6 },
    });
    const request = received();
    expect(request.path).toBe("/objects/x,1,y,2/x=1,y=2/.x,1,y,2/;matrix=x,1,y,2/;x=1;y=2");
    expect(request.rawQuery).toBe("filter%5Bcolor%5D=red&filter%5Bsizes%5D=3&filter%5Bsizes%5D=4&formObject=x,1,y,2&x=5&y=6");
    expect(request.query).toEqual({ "filter[color]": "red", "filter[sizes]": ["3", "4"], formObject: "x,1,y,2", x: "5", y: "6" });
  });
});

describe("cookie parameters", () => {
  it("matches its snapshots", () => matchSnapshots("cookies"));

  it("are sent in one Cookie header, values percent-encoded", async () => {
    const sdk = await client("cookies");
    server.reply(json(200, { ok: true }));
    const result = await sdk.getSession("abc 1;x", ["dark", "wide"], 3);
    expect(result.object).toEqual({ ok: true });
    const request = received();
    expect([request.method, request.path]).toEqual(["GET", "/session"]);
    expect(headerValues(request, "cookie")).toEqual(["session_id=abc%201%3Bx; theme=dark%2Cwide; visits=3"]);
  });

  it("leave the header out when none is given but a required one", async () => {
    const sdk = await client("cookies");
    server.reply(json(200, { ok: false }));
    await sdk.getSession("s");
    expect(headerValues(received(), "cookie")).toEqual(["session_id=s"]);
  });
});

/** The multipart body the server received, parsed by undici's FormData reader. */
async function multipartOf(request: RecordedRequest): Promise<FormData> {
  const type = request.headers["content-type"]!;
  return new Response(Buffer.from(request.body, "latin1"), { headers: { "content-type": type } }).formData();
}

describe("uploads: multipart/form-data and application/octet-stream", () => {
  it("matches its snapshots", () => matchSnapshots("uploads"));

  it("sends fields and a file part as multipart/form-data", async () => {
    const sdk = await client("uploads");
    server.reply(json(201, { id: "d1" }));
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    const result = await sdk.uploadDocument({
      requestBody: {
        title: "Report", tags: ["q1", "draft"], pages: 3, meta: { author: "Ann" }, file: new File([bytes], "report.bin", { type: "application/x-report" }),
        cover: new Blob([bytes], { type: "image/png" }), note: "# Hi",
      },
    });
    expect(result).toMatchObject({ statusCode: 201, object: { id: "d1" } });
    const request = received();
    expect([request.method, request.path]).toEqual(["POST", "/documents"]);
    expect(request.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const form = await multipartOf(request);
    const names: string[] = [];
    form.forEach((_, name) => names.push(name));
    expect(names).toEqual(["title", "tags", "tags", "pages", "meta", "file", "cover", "note"]);
    expect(form.get("title")).toBe("Report");
    expect(form.getAll("tags")).toEqual(["q1", "draft"]);
    expect(form.get("pages")).toBe("3");
    expect(JSON.parse(form.get("meta") as string)).toEqual({ author: "Ann" });
    const file = form.get("file") as File;
    expect([file.name, file.type]).toEqual(["report.bin", "application/x-report"]);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);
    const cover = form.get("cover") as File;
    expect([cover.name, cover.type, new Uint8Array(await cover.arrayBuffer())]).toEqual(["cover", "image/png", bytes]);
    expect(form.get("note")).toBe("# Hi");
  });

  it("sends a Uint8Array as a file part named after its field", async () => {
    const sdk = await client("uploads");
    server.reply(json(201, { id: "d2" }));
    await sdk.uploadDocument({ requestBody: { title: "Raw", file: new Uint8Array([9, 8, 7]) } });
    const form = await multipartOf(received());
    const file = form.get("file") as File;
    expect(file.name).toBe("file");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(new Uint8Array([9, 8, 7]));
  });

  it("sends the same multipart bytes again on a 307 redirect, with hooks looking at the request", async () => {
    const sdk = await client("uploads", { hooks: { beforeRequest: (_: unknown, request: Request) => request } });
    server.reply({ status: 307, headers: { location: "/documents-moved" } }, json(201, { id: "d3" }));
    const result = await sdk.uploadDocument({ requestBody: { title: 'Say "hi"\r\nX-Evil: 1', file: new Blob(["abc"], { type: "text/plain" }) } });
    expect(result.object).toEqual({ id: "d3" });
    const [first, second] = server.requests;
    expect([first!.path, second!.path, second!.method]).toEqual(["/documents", "/documents-moved", "POST"]);
    expect(second!.body).toBe(first!.body);
    const form = await multipartOf(second!);
    expect(form.get("title")).toBe('Say "hi"\r\nX-Evil: 1');
    expect(await (form.get("file") as File).text()).toBe("abc");
  });

  it("quotes part names so that no name can add a header or a part", async () => {
    const { encodeMultipart } = await load("uploads", "lib/encodings.ts");
    const blob = encodeMultipart({ 'a"b\r\nX-Evil: 1': "v" }) as Blob;
    const text = await blob.text();
    const boundary = blob.type.replace(/^multipart\/form-data; boundary=/, "");
    expect(text).toBe(`--${boundary}\r\nContent-Disposition: form-data; name="a%22b%0D%0AX-Evil: 1"\r\n\r\nv\r\n--${boundary}--\r\n`);
  });

  it("refuses a file part that is not binary data, before sending", async () => {
    const sdk = await client("uploads");
    await expect(sdk.uploadDocument({ requestBody: { title: "Bad", file: 42 } })).rejects.toThrow(/binary data/);
    expect(server.requests).toEqual([]);
  });

  it("sends bytes as application/octet-stream, unchanged", async () => {
    const sdk = await client("uploads");
    server.reply(noContent, noContent);
    const bytes = new Uint8Array([0, 127, 128, 255, 10, 13]);
    await sdk.putBlob({ name: "a b", requestBody: bytes });
    await sdk.putBlob({ name: "blob", requestBody: new Blob([bytes]) });
    for (const request of server.requests) {
      expect(request.method).toBe("PUT");
      expect(request.headers["content-type"]).toBe("application/octet-stream");
      expect(Buffer.from(request.body, "latin1")).toEqual(Buffer.from(bytes));
    }
    expect(server.requests.map((r) => r.path)).toEqual(["/blobs/a%20b", "/blobs/blob"]);
  });
});

describe("downloads: binary and text/plain bodies", () => {
  it("matches its snapshots", () => matchSnapshots("downloads"));

  it("returns application/octet-stream and image/png bodies as Blobs with every byte", async () => {
    const sdk = await client("downloads");
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    server.reply(
      { status: 200, headers: { "content-type": "application/octet-stream" }, body: bytes },
      { status: 200, headers: { "content-type": "image/png" }, body: bytes },
    );
    const file = await sdk.downloadFile("report.bin");
    const image = await sdk.getAvatar();
    for (const [result, type] of [[file, "application/octet-stream"], [image, "image/png"]] as const) {
      expect(result.body).toBeInstanceOf(Blob);
      expect(result.body.type).toBe(type);
      expect(new Uint8Array(await result.body.arrayBuffer())).toEqual(bytes);
    }
    expect(server.requests.map((r) => [r.path, r.headers["accept"]])).toEqual([
      ["/files/report.bin", "application/octet-stream"],
      ["/avatar.png", "image/png"],
    ]);
  });

  it("returns a text/plain body as a string", async () => {
    const sdk = await client("downloads");
    server.reply({ status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Grüße\nfrom the server" });
    const result = await sdk.getMessageOfTheDay();
    expect(result.text).toBe("Grüße\nfrom the server");
    expect(received().headers["accept"]).toBe("text/plain");
  });
});

describe("several 2xx responses and default responses", () => {
  it("matches its snapshots", () => matchSnapshots("responses"));

  it("exposes the body of whichever success status came back", async () => {
    const sdk = await client("responses");
    server.reply(json(200, { name: "n", revision: 2 }), json(201, { id: "t1" }));
    const updated = await sdk.upsertThing({ requestBody: { name: "n" } });
    const created = await sdk.upsertThing({ requestBody: { name: "m" } });
    expect(updated).toMatchObject({ statusCode: 200, updated: { name: "n", revision: 2 } });
    expect(updated.created).toBeUndefined();
    expect(created).toMatchObject({ statusCode: 201, created: { id: "t1" } });
    expect(created.updated).toBeUndefined();
    expect(server.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ["PUT", "/things", '{"name":"n"}'],
      ["PUT", "/things", '{"name":"m"}'],
    ]);
  });

  it("throws the default response as the error of an operation with 2XX responses", async () => {
    const sdk = await client("responses");
    const { errors } = { errors: await load("responses", "models/errors/index.ts") };
    server.reply(json(409, { title: "already exists", status: 409 }));
    const error = await sdk.upsertThing({ requestBody: { name: "n" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errors["UpsertThingError"]);
    expect(error).toMatchObject({ message: "already exists", statusCode: 409, title: "already exists", status: 409 });
  });

  it("returns the default response as the success body of an operation without 2XX responses", async () => {
    const sdk = await client("responses");
    server.reply(json(200, { value: "old" }));
    expect(await sdk.getLegacy()).toMatchObject({ statusCode: 200, object: { value: "old" } });
    expect(received().path).toBe("/legacy");
  });
});

describe("security schemes and per-operation requirements", () => {
  it("matches its snapshots", () => matchSnapshots("security"));

  const credentials = {
    headerKey: "H-KEY", queryKey: "Q KEY", cookieKey: "C;KEY", bearerAuth: "jwt-token", basicAuth: { username: "ann", password: "p:w" },
    oauth: "oauth-token", oidc: () => Promise.resolve("oidc-token"),
  };
  const auth = (r: RecordedRequest) => ({
    authorization: r.headers["authorization"], key: r.headers["x-api-key"], query: r.rawQuery || undefined, cookie: r.headers["cookie"],
  });

  it("sends each scheme where it belongs, and nothing for security: []", async () => {
    const sdk = await client("security", { ...credentials });
    server.reply(noContent, noContent, noContent, noContent, noContent, noContent, noContent, noContent);
    await sdk.withHeaderKey();
    await sdk.withQueryKey();
    await sdk.withCookieKey("en");
    await sdk.withBearer();
    await sdk.withBasic();
    await sdk.withOAuth();
    await sdk.withOpenIdConnect();
    await sdk.publicEndpoint();
    const none = { authorization: undefined, key: undefined, query: undefined, cookie: undefined };
    expect(server.requests.map((r) => [r.path, auth(r)])).toEqual([
      ["/header", { ...none, key: "H-KEY" }],
      ["/query", { ...none, query: "api_key=Q%20KEY" }],
      ["/cookie", { ...none, cookie: "lang=en; sid=C%3BKEY" }],
      ["/bearer", { ...none, authorization: "Bearer jwt-token" }],
      ["/basic", { ...none, authorization: `Basic ${Buffer.from("ann:p:w").toString("base64")}` }],
      ["/oauth", { ...none, authorization: "Bearer oauth-token" }],
      ["/oidc", { ...none, authorization: "Bearer oidc-token" }],
      ["/public", none],
    ]);
  });

  it("uses the first alternative whose every scheme has a credential", async () => {
    server.reply(noContent, noContent, noContent);
    await (await client("security", { ...credentials })).withAlternatives();
    await (await client("security", { queryKey: "q", cookieKey: "c" })).withAlternatives();
    // Only half of the second alternative: no alternative applies, and nothing is sent.
    await (await client("security", { queryKey: "q" })).withAlternatives();
    const none = { authorization: undefined, key: undefined, query: undefined, cookie: undefined };
    expect(server.requests.map(auth)).toEqual([
      { ...none, authorization: "Bearer jwt-token" },
      { ...none, query: "api_key=q", cookie: "sid=c" },
      none,
    ]);
  });
});

describe("operation names: derived, shared across tags", () => {
  it("matches its snapshots", () => matchSnapshots("naming"));

  it("names operations without operationId from method and path, and lets tags share a method name", () => {
    const funcs = [...featureFiles("naming").keys()].filter((f) => f.startsWith("typescript/src/funcs/")).sort();
    expect(funcs).toEqual([
      "typescript/src/funcs/areasListAreas.ts",
      "typescript/src/funcs/deleteHealth.ts",
      "typescript/src/funcs/getHealth.ts",
      "typescript/src/funcs/identityGovernanceEntitlementManagementAccessPackageAssignmentsAccessPackageAccessPackag99579550.ts",
      "typescript/src/funcs/petsList.ts",
      "typescript/src/funcs/postEvent.ts",
      "typescript/src/funcs/usersGetUsersByUserIdPetsByPetId.ts",
      "typescript/src/funcs/usersList.ts",
    ]);
  });

  it("cuts names of 250 characters and more, so no file name in any target passes the file system's 255 bytes", async () => {
    const segments = [...(await generateFeatureAllTargets("naming")).keys()].flatMap((f) => f.split("/"));
    const longest = Math.max(...segments.map((s) => Buffer.byteLength(s)));
    expect(longest).toBeGreaterThan(MAX_NAME_LENGTH);
    expect(longest).toBeLessThanOrEqual(MAX_NAME_LENGTH + 24);
  });

  it("gives a cut name and its file the same name in every target, also with a suffix (two schemas of one long title)", async () => {
    const files = await generateFeatureAllTargets("naming");
    // The first type each model file declares, by the file's path: PHP's autoloader needs them to agree.
    const declared = (rel: string, content: string): [string, string] | undefined => {
      const base = path.basename(rel).replace(/\.[a-z]+$/, "");
      if (/^php\/src\/.*\.php$/.test(rel) && !rel.startsWith("php/src/Utils/")) {
        const m = /^(?:final |abstract )?(?:class|enum|interface|trait) (\w+)/m.exec(content);
        return m ? [base, m[1]!] : undefined;
      }
      if (/^csharp\/src\/.*\/Models\/.*\.cs$/.test(rel)) return [base, /^public (?:sealed |static |abstract )*(?:partial )?(?:class|enum|record|struct|interface) (\w+)/m.exec(content)?.[1] ?? ""];
      // options.go and sdkerrors.go are the SDK's own files, of several types.
      if (/^go\/models\/.*\.go$/.test(rel) && !rel.endsWith("/options.go") && !rel.endsWith("/sdkerrors.go")) {
        const m = /^type (\w+)/m.exec(content);
        return m ? [base, m[1]!.toLowerCase()] : undefined;
      }
      return undefined;
    };
    const pairs = [...files].flatMap(([rel, content]) => {
      const pair = declared(rel, content);
      return pair ? [{ rel, file: pair[0], type: pair[1] }] : [];
    });
    const long = pairs.filter((p) => p.file.toLowerCase().startsWith("thisoperationcauses"));
    expect(long.map((p) => p.rel.split("/")[0]).sort()).toEqual(["csharp", "csharp", "go", "go", "php", "php"]);
    expect(pairs.filter((p) => p.file !== p.type)).toEqual([]);
  });

  it("calls each of them", async () => {
    const sdk = await client("naming");
    server.reply(json(200, ["rex"]), json(200, ["ann"]), json(200, { name: "rex" }), noContent, noContent);
    expect((await sdk.pets.list()).object).toEqual(["rex"]);
    expect((await sdk.users.list()).object).toEqual(["ann"]);
    expect((await sdk.users.getUsersByUserIdPetsByPetId("u 1", 2)).object).toEqual({ name: "rex" });
    await sdk.getHealth();
    await sdk.deleteHealth();
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /pets", "GET /users", "GET /users/u%201/pets/2", "GET /health", "DELETE /health",
    ]);
    // Standalone functions are named after tag and name, so the two `list` methods do not collide.
    const { petsList } = await load("naming", "funcs/petsList.ts");
    const { ApiCore } = await load("naming");
    server.reply(json(200, []));
    const result = await petsList(new ApiCore({ serverURL: server.base }));
    expect(result).toMatchObject({ ok: true, value: { object: [] } });
  });
});

describe("reserved words as operation ids, parameter names and tag names", () => {
  it("matches its snapshots", () => matchSnapshots("reserved-operation-names"));

  it("calls each operation with its reserved-word parameters on the wire unchanged", async () => {
    const sdk = await client("reserved-operation-names");
    server.reply(noContent, json(200, { this: "t", return: 1 }), noContent);
    await sdk.default.delete("x", "c", "f");
    expect((await sdk.class.new(5, true)).object).toEqual({ this: "t", return: 1 });
    await sdk.void("a", "b");
    const [del, made, nothing] = server.requests;
    expect([del!.method, del!.path, del!.query, del!.headers["function"]]).toEqual(["DELETE", "/delete/x", { class: "c" }, "f"]);
    expect([made!.method, made!.path, made!.query]).toEqual(["POST", "/new", { default: "5", typeof: "true" }]);
    expect([nothing!.method, nothing!.path, nothing!.query]).toEqual(["GET", "/void", { await: "a", constructor: "b" }]);
  });
});
