// Hostile spec strings (test/fixtures/hostile/hostile.yaml): comment ends, template-literal
// substitutions, quotes, backslashes, line separators, HTML, and names such as __proto__,
// constructor, class or toString. The generated SDK must compile under --strict, send and parse
// them faithfully against a real HTTP server without running anything injected, and its Markdown
// must keep them inside their table cells with HTML neutralised.
import { rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { generate } from "../../generator/pipeline.ts";
import { REPO_ROOT } from "../helpers/generate.ts";
import {
  codeBlocks, markdownPages, records, tableLayoutProblems, tableUnder, tables, typecheckSamples, typescriptSamples,
} from "../helpers/markdown.ts";
import { headerValues, json, startServer, type RecordedRequest, type ScriptedResponse, type TestServer } from "../helpers/server.ts";
import { typecheck, writeToTemp } from "../helpers/tsc.ts";

const CONFIG = path.join(REPO_ROOT, "test/fixtures/hostile/sdkgen.yaml");
const PACKAGE_NAME = "@sdkgen/hostile";
/** Words of the injected code: none may ever appear as an identifier of the generated code. */
const INJECTED_WORDS = ["process", "exit", "globalThis", "__pwned", "alert", "script"];
/** The default of Hostile.class, exactly as the spec writes it. */
const CLASS_DEFAULT = "it's \"q\" `${process.exit(1)}` */ | <b>";
const SERVER_0 = "http://127.0.0.1:{port}/base/${globalThis.__pwned = 1}/it's\"q\\";

declare global {
  // Set by the injected code if it ever ran.
  var __pwned: unknown;
}

let files: Map<string, string>;
let outDir: string;
let pkgDir: string;

beforeAll(async () => {
  files = (await generate(await loadConfig(CONFIG, {}))).files;
  outDir = await writeToTemp(files, "sdkgen-hostile-");
  pkgDir = path.join(outDir, "typescript");
});

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Generated TypeScript sources (the runtime in src/lib/ is copied verbatim and holds no spec text). */
function generatedSources(): Array<[string, string]> {
  return [...files].filter(([rel]) => rel.startsWith("typescript/src/") && rel.endsWith(".ts") && !rel.startsWith("typescript/src/lib/"));
}

interface Token {
  kind: ts.SyntaxKind;
  start: number;
  end: number;
  text: string;
}

/**
 * The tokens of a module, comments included. The generated code has no regular expressions and no
 * template literals (asserted below), so a plain forward scan sees every token as the compiler does.
 */
function tokens(source: string): Token[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, source);
  const out: Token[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    out.push({ kind, start: scanner.getTokenStart(), end: scanner.getTokenEnd(), text: scanner.getTokenText() });
  }
  return out;
}

const isString = (t: Token) => t.kind === ts.SyntaxKind.StringLiteral;
const isComment = (t: Token) => t.kind === ts.SyntaxKind.MultiLineCommentTrivia || t.kind === ts.SyntaxKind.SingleLineCommentTrivia;

/** Offsets of every occurrence of `needle` in `text`. */
function offsets(text: string, needle: string): number[] {
  const found: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) found.push(i);
  return found;
}

describe("generated TypeScript for hostile strings", () => {
  it("generates the fixture's whole surface (so the checks below cannot pass vacuously)", () => {
    const paths = [...files.keys()];
    expect(paths).toEqual(expect.arrayContaining([
      "typescript/src/sdk/sdk.ts", "typescript/src/core.ts", "typescript/src/models/components/index.ts",
      "typescript/src/models/errors/index.ts", "typescript/src/models/operations/index.ts",
    ]));
    expect(generatedSources().length).toBeGreaterThan(15);
    const all = generatedSources().map(([, c]) => c).join("\n");
    // Each hostile string reaches the code: as written, or escaped as a comment ("*\/") or a string literal ("\u003c") needs.
    const forms = (text: string) => [text, text.replace("*/", "*\\/"), text.replace(/</g, "\\u003c")];
    for (const hostile of ["Get */ a thing", "${globalThis.__pwned = 1}", "${process.exit(1)}", "<script>", "-->", "GMT+12", "it's"]) {
      expect(forms(hostile).some((form) => all.includes(form)), hostile).toBe(true);
    }
  });

  it("type-checks under tsc --strict", async () => {
    expect(await typecheck(pkgDir)).toBe("");
  });

  it("writes no file twice, even where names differ only in case (one file on macOS and Windows)", () => {
    const lower = [...files.keys()].map((p) => p.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    // The tag "sdk" does not take the client's own file, nor the tags "Odd Case" and "ODD case" one file.
    expect([...files.keys()].filter((p) => p.startsWith("typescript/src/sdk/")).sort()).toEqual([
      "typescript/src/sdk/constructor.ts", "typescript/src/sdk/hostilecoreoperations.ts", "typescript/src/sdk/hostileoperations.ts",
      "typescript/src/sdk/oddcase.ts", "typescript/src/sdk/oddcase2.ts", "typescript/src/sdk/oddtagxbpipe.ts",
      "typescript/src/sdk/sdk.ts", "typescript/src/sdk/sdk2.ts",
    ]);
  });

  it("gives GMT+12 and GMT-12 (and every other enum value) distinct member names", () => {
    const components = files.get("typescript/src/models/components/index.ts")!;
    const zone = /export const Zone = \{\n([\s\S]*?)\n\} as const;/.exec(components)![1]!;
    const members = zone.split("\n").map((line) => /^ {2}(\w+): /.exec(line)![1]!);
    expect(members).toEqual(["GmtPlus12", "GmtMinus12", "ItS", "Quoted", "Value", "X", "Empty"]);
  });

  it("writes no template literal: `${` and backticks only ever sit inside string literals or comments", () => {
    for (const [file, source] of generatedSources()) {
      const toks = tokens(source);
      const templates = toks.filter((t) => t.kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral || t.kind === ts.SyntaxKind.TemplateHead);
      expect(templates.map((t) => t.text), file).toEqual([]);
      const inside = (offset: number, length: number) => toks.some((t) => (isString(t) || isComment(t)) && t.start <= offset && offset + length <= t.end);
      for (const needle of ["${", "`"]) {
        const outside = offsets(source, needle).filter((o) => !inside(o, needle.length));
        expect(outside.map((o) => source.slice(Math.max(0, o - 30), o + 30)), `${file}: ${needle}`).toEqual([]);
      }
    }
  });

  it("closes comments only where the generator ends a JSDoc block", () => {
    for (const [file, source] of generatedSources()) {
      const toks = tokens(source);
      for (const comment of toks.filter((t) => t.kind === ts.SyntaxKind.MultiLineCommentTrivia)) {
        // Every block comment is a JSDoc the generator wrote, closed on its own terms, or a bundler annotation.
        expect(comment.text.startsWith("/**") || comment.text === "/* @__PURE__ */", `${file}: ${comment.text}`).toBe(true);
        expect(offsets(comment.text, "*/"), `${file}: ${comment.text}`).toEqual([comment.text.length - 2]);
      }
      // Any other `*/` is inside a string literal (such as the accept header "*/*").
      const ends = new Set(toks.filter((t) => t.kind === ts.SyntaxKind.MultiLineCommentTrivia).map((t) => t.end - 2));
      const stray = offsets(source, "*/").filter((o) => !ends.has(o) && !toks.some((t) => isString(t) && t.start < o && o + 2 < t.end));
      expect(stray.map((o) => source.slice(Math.max(0, o - 30), o + 30)), file).toEqual([]);
    }
  });

  it("lets no injected word become code, and no raw line or paragraph separator into a source file", () => {
    for (const [file, source] of generatedSources()) {
      const identifiers = tokens(source).filter((t) => t.kind === ts.SyntaxKind.Identifier).map((t) => t.text);
      expect(identifiers.filter((name) => INJECTED_WORDS.includes(name)), file).toEqual([]);
      expect(source, file).not.toMatch(/[\u2028\u2029\r]/);
    }
  });

  it("names models after schemas that would shadow globals or runtime names without shadowing them", () => {
    const components = files.get("typescript/src/models/components/index.ts")!;
    for (const name of ["ErrorModel", "PromiseModel", "ObjectModel", "ResponseModel", "SchemaModel", "Constructor", "HostileModel"]) {
      expect(components).toMatch(new RegExp(`^export (interface|type) ${name}\\b`, "m"));
    }
    expect(components).not.toMatch(/^export (interface|type|const) (Error|Promise|Object|Response|Schema)\b/m);
  });
});

/** What the tests use of the generated package, imported at run time from the temporary folder. */
interface Sdk {
  Hostile: new (options?: Record<string, unknown>) => HostileClient;
  HostileCore: new (options?: Record<string, unknown>) => object;
}
type Call = (...args: unknown[]) => Promise<Record<string, unknown>>;
interface HostileClient {
  oddTagXBPipe: { getThingXQ: Call };
  constructorOperations: { toStringOperation: Call };
  sdk: { getObject: Call };
  hostile: { ping: Call };
  hostileCore: { pong: Call };
  oddCase: { oddCase: Call };
  oddCaseOperations: { oddCaseUpper: Call };
  class: Call;
  constructorOperation: Call;
  invoke: Call;
}
type ErrorClass = new (...args: never[]) => Error & { data$: Record<string, unknown>; statusCode: number };

describe("the generated SDK at run time, against a server on 127.0.0.1", () => {
  let server: TestServer;
  let sdk: Sdk;
  let Zone: Record<string, string>;
  let errors: Record<string, ErrorClass>;
  let invokeOperation: (client: object, ...args: unknown[]) => Promise<{ ok: boolean }>;
  let exit: ReturnType<typeof vi.spyOn>;
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    // Were injected code to call process.exit, the test would see it rather than the worker dying silently.
    exit = vi.spyOn(process, "exit").mockImplementation((() => {
      throw new Error("process.exit was called");
    }) as never);
    server = await startServer();
    const load = async (rel: string) => (await import(pathToFileURL(path.join(pkgDir, rel)).href)) as Record<string, unknown>;
    sdk = (await load("src/index.ts")) as unknown as Sdk;
    Zone = (await load("src/models/components/index.ts"))["Zone"] as Record<string, string>;
    errors = (await load("src/models/errors/index.ts")) as unknown as Record<string, ErrorClass>;
    invokeOperation = (await load("src/funcs/invokeOperation.ts"))["invokeOperation"] as typeof invokeOperation;
  });

  afterAll(async () => {
    await server?.close();
    exit?.mockRestore();
  });

  /** A client on server 0 of the spec, whose URL holds quotes and `${...}`, pointed at the test server by its port variable. */
  const client = (options: Record<string, unknown> = {}) => new sdk.Hostile({ port: String(server.port), ...options });

  async function once(reply: ScriptedResponse, call: () => Promise<unknown>): Promise<{ request: RecordedRequest; value: unknown }> {
    server.reset();
    server.reply(reply);
    const value = await call();
    expect(server.requests).toHaveLength(1);
    return { request: server.requests[0]!, value };
  }

  /** Query pairs as sent (the server helper's decoded record would itself be polluted by a key "__proto__"). */
  const query = (request: RecordedRequest) => [...new URLSearchParams(request.rawQuery)];

  /** A body with every hostile property name, as raw JSON (an object literal could not hold an own "__proto__" as easily). */
  const HOSTILE_JSON =
    '{"":"empty","1st":true,"__proto__":"proto","a-b":1,"constructor":"ctor","default":"dflt","toString":"str",' +
    '"hasOwnProperty":"own","zone":"GMT-12"}';

  it("sends path, query and header values encoded, to the server URL exactly as the spec wrote it", async () => {
    const { request, value } = await once(
      { status: 200, headers: { "content-type": "application/json" }, body: HOSTILE_JSON },
      () => client().oddTagXBPipe.getThingXQ({
        id: "../x?y#z",
        class: "a/b c",
        proto: "it's \"q\" ${x}",
        xOddHeader: "odd value",
        xQuoteD: Zone["GmtMinus12"],
      }),
    );
    const base = SERVER_0.replace("{port}", String(server.port));
    // The URL parser fetch uses decides how the literal server URL is written; the generator must not have changed it.
    expect(request.path).toBe(new URL(`${base}/things/..%2Fx%3Fy%23z/a%2Fb%20c`).pathname);
    expect(request.path).toContain("/base/$%7BglobalThis.__pwned%20=%201%7D/it's%22q");
    const segments = request.path.split("/");
    expect(segments.slice(-3).map(decodeURIComponent)).toEqual(["things", "../x?y#z", "a/b c"]);
    // The unset `constructor` parameter, the unset global `valueOf` and the unset credentials send nothing.
    expect(query(request)).toEqual([["__proto__", "it's \"q\" ${x}"]]);
    expect(headerValues(request, "X-Odd!#$%&'*+.^_`|~Header")).toEqual(["odd value"]);
    expect(headerValues(request, "X-Quote'd")).toEqual(["GMT-12"]);
    expect(request.headers["authorization"]).toBeUndefined();

    const hostile = (value as { hostile: Record<string, unknown> }).hostile;
    expect(Object.getPrototypeOf(hostile)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(hostile, "__proto__")).toBe(true);
    expect(hostile["__proto__"]).toBe("proto");
    expect(hostile).toMatchObject({ "": "empty", "1st": true, "a-b": 1, constructor: "ctor", default: "dflt", toString: "str", hasOwnProperty: "own", zone: "GMT-12" });
    // `class` was absent: its default is filled in, the text as written and never evaluated.
    expect(hostile["class"]).toBe(CLASS_DEFAULT);
  });

  it("turns an error body with __proto__, constructor and toString into a typed error without polluting anything", async () => {
    const body = '{"__proto__":{"polluted":true},"constructor":"c","toString":"t","valueOf":"v","class":"k","code":7,"message":"m"}';
    const { value } = await once(
      { status: 400, headers: { "content-type": 'application/problem+json; profile="a|b<c>"' }, body },
      () => client().oddTagXBPipe.getThingXQ({ id: "1", class: "2", proto: "3" }).catch((e: unknown) => e),
    );
    const BadRequest = errors["GetThingXQBadRequest"]!;
    expect(value).toBeInstanceOf(BadRequest);
    expect(value).toBeInstanceOf(errors["HTTPError"]!);
    const error = value as InstanceType<ErrorClass> & Record<string, unknown>;
    expect(error.statusCode).toBe(400);
    expect(error["class"]).toBe("k");
    expect(error["code"]).toBe(7);
    // Fields named like Object.prototype members stay on data$: the error keeps its prototype and prints.
    expect(Object.getPrototypeOf(error)).toBe(BadRequest.prototype);
    expect(String(error)).toContain("GetThingXQBadRequest");
    expect(Object.prototype.hasOwnProperty.call(error.data$, "__proto__")).toBe(true);
    expect(error.data$["__proto__"]).toEqual({ polluted: true });
    expect(error.data$).toMatchObject({ constructor: "c", toString: "t", valueOf: "v" });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("sends a body with every hostile property name as JSON, own __proto__ included", async () => {
    const requestBody = JSON.parse(HOSTILE_JSON.replace('"zone":"GMT-12"', '"zone":"GMT+12","class":"cls"')) as Record<string, unknown>;
    const { request, value } = await once(
      { status: 201, headers: { "content-type": "application/json" }, body: HOSTILE_JSON.replace("}", ',"class":"created"}') },
      () => client().class({ requestBody }),
    );
    expect(request.method).toBe("POST");
    expect(request.path.endsWith("/things")).toBe(true);
    const sent = JSON.parse(request.body) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(sent, "__proto__")).toBe(true);
    expect(sent).toEqual(requestBody);
    expect((value as { hostile: Record<string, unknown> }).hostile["class"]).toBe("created");
  });

  it("runs operations named constructor, invoke and toString, with arguments named like the generated code's locals", async () => {
    const zone = await once(json(200, "GMT-12"), () => client().constructorOperation(Zone["GmtPlus12"]));
    expect(query(zone.request)).toEqual([["zone", "GMT+12"]]);
    expect((zone.value as { zone: unknown }).zone).toBe("GMT-12");

    const invoked = await once({ status: 204 }, () => client().invoke("op", "inv", "unw"));
    expect(query(invoked.request)).toEqual([["operation", "op"], ["invoke", "inv"], ["unwrap", "unw"]]);
    const standalone = await once({ status: 204 }, () => invokeOperation(new sdk.HostileCore({ port: String(server.port) }), "op2"));
    expect(standalone.value).toMatchObject({ ok: true });
    expect(query(standalone.request)).toEqual([["operation", "op2"]]);

    const response = await once(json(200, { status: "fine" }), () => client().constructorOperations.toStringOperation());
    expect(response.request.path.endsWith("/response")).toBe(true);
    expect((response.value as { response: unknown }).response).toEqual({ status: "fine" });

    const objects = { object: { valueOf: "GMT+12" }, promise: { then: "not a function" }, schema: "s", ctor: { name: "n" } };
    const got = await once(json(200, objects), () => client().sdk.getObject());
    expect((got.value as { object: unknown }).object).toEqual(objects);
  });

  it("keeps tag classes whose names clash with the client, its core or each other apart", async () => {
    const c = client();
    const calls: Array<[() => Promise<unknown>, string]> = [
      [() => c.hostile.ping(), "/ping"],
      [() => c.hostileCore.pong(), "/pong"],
      [() => c.oddCase.oddCase(), "/odd-case"],
      [() => c.oddCaseOperations.oddCaseUpper(), "/odd-case-upper"],
    ];
    for (const [call, path] of calls) {
      const { request } = await once({ status: 204 }, call);
      expect(request.path.endsWith(path), path).toBe(true);
    }
    expect(c).toBeInstanceOf(sdk.HostileCore);
  });

  it("applies credentials and globals named __proto__, toString and valueOf only when set, and redacts the __proto__ key in logs", async () => {
    const logs: string[] = [];
    const logger = { log: (...args: unknown[]) => logs.push(args.map(String).join(" ")) };
    const { request } = await once(
      { status: 204 },
      () => client({ proto: "s3cr3t-key", toStringSecurity: "t0ken", valueOfParam: "global", debugLogger: logger }).hostile.ping(),
    );
    // The first security alternative ("__proto__") has its credential; the query carries it and the global.
    expect(query(request)).toEqual(expect.arrayContaining([["api_key", "s3cr3t-key"], ["valueOf", "global"]]));
    expect(logs.join("\n")).not.toContain("s3cr3t-key");
    expect(logs.join("\n")).toContain("REDACTED");

    const bearer = await once({ status: 204 }, () => client({ toStringSecurity: "t0ken" }).hostile.ping());
    expect(bearer.request.headers["authorization"]).toBe("Bearer t0ken");
    expect(query(bearer.request)).toEqual([]);
  });

  // A property named __proto__ is required and type-checked like any other.
  it("checks a property named __proto__ like any other (runtime/schema.ts allProps)", async () => {
    const { value } = await once(
      { status: 200, headers: { "content-type": "application/json" }, body: '{"__proto__":5,"":"e","constructor":"c","class":"k"}' },
      () => client().oddTagXBPipe.getThingXQ({ id: "1", class: "2", proto: "3" }).catch((e: unknown) => e),
    );
    expect(value).toBeInstanceOf(errors["ResponseValidationError"]!);
  });

  it("ran nothing injected: no global set, no exit, no prototype changed", () => {
    expect(globalThis.__pwned).toBeUndefined();
    expect(exit).not.toHaveBeenCalled();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});

describe("generated Markdown for hostile strings", () => {
  let pages: Map<string, string>;

  beforeAll(() => {
    pages = markdownPages(files);
  });

  it("keeps every table row on one line with its cells intact", () => {
    let rows = 0;
    for (const [page, md] of pages) {
      expect(md, page).not.toMatch(/\r/);
      for (const table of tables(md)) {
        expect(tableLayoutProblems(table), page).toEqual([]);
        rows += table.rows.length;
      }
    }
    expect(rows).toBeGreaterThan(50);
  });

  it("escapes pipes and HTML in table cells, and lets no raw HTML through outside code", () => {
    for (const [page, md] of pages) {
      let prose = md;
      for (const block of codeBlocks(md)) prose = prose.replace(block.code, "");
      expect(prose, page).not.toMatch(/<script|<\/script|<b>|<c>/i);
    }
    const fields = records(tableUnder(pages.get("docs/models/components/hostilemodel.md")!, "Fields")!);
    const byName = (name: string) => fields.find((r) => r["Field"] === name);
    expect(byName("`__proto__`")).toMatchObject({
      Description: "Named __proto__ */ ${globalThis.__pwned = 1}",
      Example: "it's \"q\" ${x} `tick` \\| pipe &lt;b&gt;",
    });
    // A default holding backticks gets a code span long enough for them.
    expect(byName("`class`")!["Description"]).toBe('Default: ``"it\'s \\"q\\" `${process.exit(1)}` */ \\| &lt;b&gt;"``.');
    expect(fields.map((r) => r["Field"])).toEqual(expect.arrayContaining(["`constructor`", "`a-b`", "`1st`", "`toString`", "`hasOwnProperty`", "`default`"]));

    const errorsTable = records(tableUnder(pages.get("docs/sdks/oddtagxbpipe/README.md")!, "Errors")!);
    expect(errorsTable[0]!["Content Type"]).toBe('application/problem+json; profile="a\\|b&lt;c&gt;"');

    const servers = records(tableUnder(pages.get("README.md")!, "Server Selection")!);
    expect(servers.map((s) => s["Description"])).toEqual([
      "Local */ server \\| with pipe &lt;script&gt;alert(1)&lt;/script&gt;<br/>second line",
      "Region<br/>server",
    ]);
    expect(servers[1]!["Server"]).toBe("`` https://example.com/{region}/{debugLogger}/`${process.exit(1)}` ``");

    const values = records(tableUnder(pages.get("docs/models/components/zone.md")!, "Values")!);
    expect(values.map((v) => v["Name"])).toEqual(["`GmtPlus12`", "`GmtMinus12`", "`ItS`", "`Quoted`", "`Value`", "`X`", "`Empty`"]);
  });

  it("documents only the fields an error class really has", () => {
    const fields = records(tableUnder(pages.get("docs/models/errors/getthingxqbadrequest.md")!, "Fields")!).map((r) => r["Field"]);
    expect(fields).toEqual(["`data$`", "`class`", "`code`", "`statusCode`", "`body`"]);
  });

  it("type-checks every TypeScript sample of the docs", async () => {
    const samples = typescriptSamples(pages);
    // README (6), two per operation (7 tagged, 3 on the client's own page), one per enum page (Zone).
    expect(samples.length).toBe(6 + 2 * (7 + 3) + 1);
    const { diagnostics, cleanup } = await typecheckSamples(files, samples, PACKAGE_NAME);
    try {
      expect(diagnostics).toBe("");
    } finally {
      await cleanup();
    }
  });
});
