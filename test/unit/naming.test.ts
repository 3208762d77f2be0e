import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { buildIr } from "../../generator/ir/build.ts";
import type { NameHint } from "../../generator/ir/types.ts";
import { loadSpec } from "../../generator/load/load.ts";
import { camelCase, pascalCase, snakeCase, words } from "../../generator/naming/case.ts";
import { capped, MAX_NAME_LENGTH, NameScope } from "../../generator/naming/namer.ts";
import { docText, jsonLiteral, propertyKey, stringLiteral } from "../../generator/targets/typescript/literals.ts";
import { planTypeScript, type TsView } from "../../generator/targets/typescript/plan.ts";
import { candidatesFor } from "../../generator/naming/type-names.ts";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PLEX = path.join(REPO_ROOT, "spec/plex-authentication.yaml");
const CONFIG = path.join(REPO_ROOT, "spec/sdkgen.yaml");

describe("case conversion", () => {
  const cases: Array<{ given: string; words: string[]; pascal: string; camel: string; snake: string }> = [
    { given: "X-Plex-Client-Identifier", words: ["X", "Plex", "Client", "Identifier"], pascal: "XPlexClientIdentifier", camel: "xPlexClientIdentifier", snake: "x_plex_client_identifier" },
    { given: "post-users-sign-in-data", words: ["post", "users", "sign", "in", "data"], pascal: "PostUsersSignInData", camel: "postUsersSignInData", snake: "post_users_sign_in_data" },
    { given: "serverURL", words: ["server", "URL"], pascal: "ServerURL", camel: "serverURL", snake: "server_url" },
    { given: "HTTPServer", words: ["HTTP", "Server"], pascal: "HTTPServer", camel: "httpServer", snake: "http_server" },
    { given: "getHTTPResponseCode", words: ["get", "HTTP", "Response", "Code"], pascal: "GetHTTPResponseCode", camel: "getHTTPResponseCode", snake: "get_http_response_code" },
    { given: "v2 api", words: ["v", "2", "api"], pascal: "V2Api", camel: "v2Api", snake: "v_2_api" },
    { given: "getTransientToken", words: ["get", "Transient", "Token"], pascal: "GetTransientToken", camel: "getTransientToken", snake: "get_transient_token" },
    { given: "snake_case_name", words: ["snake", "case", "name"], pascal: "SnakeCaseName", camel: "snakeCaseName", snake: "snake_case_name" },
    { given: "a.b/c d", words: ["a", "b", "c", "d"], pascal: "ABCD", camel: "aBCD", snake: "a_b_c_d" },
    { given: "  padded  words  ", words: ["padded", "words"], pascal: "PaddedWords", camel: "paddedWords", snake: "padded_words" },
    { given: "user2FA", words: ["user", "2", "FA"], pascal: "User2FA", camel: "user2FA", snake: "user_2_fa" },
    { given: "ABC", words: ["ABC"], pascal: "ABC", camel: "abc", snake: "abc" },
    { given: "naïve café", words: ["naïve", "café"], pascal: "NaïveCafé", camel: "naïveCafé", snake: "naïve_café" },
    { given: "Ünïcödé-wörds", words: ["Ünïcödé", "wörds"], pascal: "ÜnïcödéWörds", camel: "ünïcödéWörds", snake: "ünïcödé_wörds" },
    { given: "ÉCOLE normale", words: ["ÉCOLE", "normale"], pascal: "ÉCOLENormale", camel: "écoleNormale", snake: "école_normale" },
    { given: "日本語 テキスト", words: ["日本語", "テキスト"], pascal: "日本語テキスト", camel: "日本語テキスト", snake: "日本語_テキスト" },
    { given: "emoji 😀 text", words: ["emoji", "text"], pascal: "EmojiText", camel: "emojiText", snake: "emoji_text" },
    { given: "IoE² IoT API ½ Ⅻ", words: ["Io", "E", "Io", "T", "API"], pascal: "IoEIoTAPI", camel: "ioEIoTAPI", snake: "io_e_io_t_api" },
    { given: "v٣ api", words: ["v", "٣", "api"], pascal: "V٣Api", camel: "v٣Api", snake: "v_٣_api" },
    { given: "100 continue", words: ["100", "continue"], pascal: "100Continue", camel: "100Continue", snake: "100_continue" },
    { given: "", words: [], pascal: "", camel: "", snake: "" },
    { given: "-_- / .", words: [], pascal: "", camel: "", snake: "" },
  ];

  it.each(cases)("$given", ({ given, words: w, pascal, camel, snake }) => {
    expect(words(given)).toEqual(w);
    expect(pascalCase(given)).toBe(pascal);
    expect(camelCase(given)).toBe(camel);
    expect(snakeCase(given)).toBe(snake);
  });

  it.each(["XPlexClientIdentifier", "postUsersSignInData", "ServerURL", "getTransientToken"])("is idempotent on %s", (given) => {
    expect(pascalCase(pascalCase(given))).toBe(pascalCase(given));
    expect(camelCase(camelCase(given))).toBe(camelCase(given));
    expect(snakeCase(snakeCase(given))).toBe(snakeCase(given));
  });
});

describe("NameScope", () => {
  it("hands out the first free candidate, in order", () => {
    const scope = new NameScope();
    expect(scope.claim(["Foo", "Bar"])).toBe("Foo");
    expect(scope.claim(["Foo", "Bar"])).toBe("Bar");
    expect(scope.claim(["Bar", "Foo", "Baz"])).toBe("Baz");
  });

  it("adds a numeric suffix to the first candidate only when every candidate is taken", () => {
    const scope = new NameScope();
    const claims = [["Foo", "Bar"], ["Foo", "Bar"], ["Foo", "Bar"], ["Foo", "Bar"], ["Bar"]].map((c) => scope.claim(c));
    expect(claims).toEqual(["Foo", "Bar", "Foo2", "Foo3", "Bar2"]);
  });

  it("skips a suffixed name that is already taken", () => {
    const scope = new NameScope();
    expect(["A2", "A", "A", "A"].map((c) => scope.claim([c]))).toEqual(["A2", "A", "A3", "A4"]);
  });

  it("never hands out a reserved name", () => {
    const scope = new NameScope((n) => n === "class" || n.startsWith("_"));
    expect(scope.claim(["class", "klass"])).toBe("klass");
    expect(scope.claim(["_private", "open"])).toBe("open");
    expect(scope.claim(["class"])).toBe("class2");
  });

  it("treats reserve()d names as taken", () => {
    const scope = new NameScope();
    scope.reserve("Result", "Error");
    expect(scope.has("Result")).toBe(true);
    expect(scope.claim(["Result", "ResultModel"])).toBe("ResultModel");
    expect(scope.claim(["Error"])).toBe("Error2");
  });

  it("compares names through the fold function", () => {
    const scope = new NameScope(() => false, (n) => n.toLowerCase());
    expect(scope.claim(["models"])).toBe("models");
    expect(scope.has("MODELS")).toBe(true);
    expect(scope.claim(["Models", "Types"])).toBe("Types");
    expect(scope.claim(["MODELS"])).toBe("MODELS2");
  });

  it("cuts a suffixed name too, so no name it hands out is longer than the limit or cut again elsewhere", () => {
    // VTEX's three schemas of one 104-character title: the second took the cut name with a "2", 97 characters,
    // which a file scope cut again to other digits (the PHP class and its file disagreed).
    const long = "ThisOperationCausesTheCreationOfNInvoicesWhereNIsTheNumberOfInstallmentsTheFirstInvoiceWillHaveADueDate";
    const scope = new NameScope();
    const names = [1, 2, 3].map(() => scope.claim([long]));
    expect(new Set(names).size).toBe(3);
    for (const name of names) {
      expect(Array.from(name).length).toBe(MAX_NAME_LENGTH);
      expect(capped(name)).toBe(name);
      expect(new NameScope().claim([name])).toBe(name);
    }
    expect(names[0]).toBe(capped(long));
    expect(names[1]).toBe(capped(`${capped(long)}2`));
  });

  it("ignores empty candidates", () => {
    const scope = new NameScope();
    expect(scope.claim(["", "Named"])).toBe("Named");
  });

  it("is deterministic", () => {
    const run = () => {
      const scope = new NameScope((n) => n === "Reserved");
      return [["Reserved", "A"], ["A"], ["B", "A"], ["A", "B"], [""], ["Reserved"]].map((c) => scope.claim(c));
    };
    expect(run()).toEqual(run());
    expect(run()).toEqual(["A", "A2", "B", "A3", "Value2", "Reserved2"]);
  });
});

describe("candidatesFor", () => {
  const user: NameHint = { kind: "component", key: "User" };
  it.each<{ hint: NameHint; want: string[] }>([
    { hint: { kind: "component", key: "user-profile" }, want: ["UserProfile", "UserProfileModel"] },
    { hint: { kind: "title", title: "plex account" }, want: ["PlexAccount"] },
    { hint: { kind: "property", owner: user, property: "address" }, want: ["Address", "UserAddress"] },
    // Generic words are qualified by their context first.
    { hint: { kind: "property", owner: user, property: "status" }, want: ["UserStatus", "Status"] },
    { hint: { kind: "parameter", operationId: "getTransientToken", location: "query", name: "type" }, want: ["GetTransientTokenQueryParamType", "Type"] },
    { hint: { kind: "parameter", operationId: "getTransientToken", location: "query", name: "scope" }, want: ["Scope", "GetTransientTokenQueryParamScope"] },
    { hint: { kind: "parameter", location: "header", name: "X-Plex-Product" }, want: ["XPlexProduct", "HeaderParamXPlexProduct"] },
    { hint: { kind: "requestBody", operationId: "post-users-sign-in-data" }, want: ["PostUsersSignInDataRequestBody"] },
    { hint: { kind: "response", operationId: "getTokenDetails", status: "200", baseName: "UserPlexAccount" }, want: ["GetTokenDetailsUserPlexAccount", "GetTokenDetailsResponseBody"] },
    { hint: { kind: "response", operationId: "getX", status: "200" }, want: ["GetXResponseBody"] },
    { hint: { kind: "item", owner: { kind: "property", owner: user, property: "tags" } }, want: ["Tags", "UserTags", "TagsItem"] },
    { hint: { kind: "variant", owner: { kind: "component", key: "Pet" }, index: 0 }, want: ["Pet1"] },
    { hint: { kind: "override", name: "BadRequest" }, want: ["BadRequest"] },
  ])("$want.0", ({ hint, want }) => {
    expect(candidatesFor(hint)).toEqual(want);
  });

  // A status inside a type name stays as written ("400", "4XX").
  it.each([
    { status: "400", want: "GetX400ErrorBody" },
    { status: "4XX", want: "GetX4XXErrorBody" },
  ])("names an inline $status error body $want", ({ status, want }) => {
    expect(candidatesFor({ kind: "error", operationId: "getX", status })[0]).toBe(want);
  });

  it("names a default error body", () => {
    expect(candidatesFor({ kind: "error", operationId: "getX", status: "default" })).toEqual(["GetXDefaultErrorBody"]);
  });
});

describe("planTypeScript: the Plex spec", async () => {
  const loaded = await loadSpec(PLEX);
  const { api } = buildIr(loaded.document as unknown as Record<string, unknown>, loaded.file);
  const config = await loadConfig(CONFIG, {});
  const view = planTypeScript(api, config);
  const nameOf = (id: string) => view.typesById.get(id)?.name;
  const operations = view.groups.flatMap((g) => g.operations);
  const planned = (operationId: string) => operations.find((o) => o.op.operationId === operationId)!;

  it("names the client", () => {
    expect([view.clientName, view.coreName]).toEqual(["PlexAPI", "PlexAPICore"]);
  });

  it.each([
    ["/paths/~1security~1token/get/parameters/0/schema", "GetTransientTokenQueryParamType"],
    ["/paths/~1security~1token/get/parameters/1/schema", "Scope"],
    ["/paths/~1users~1signin/post/requestBody/content/application~1x-www-form-urlencoded/schema", "PostUsersSignInDataRequestBody"],
    ["/paths/~1users~1signin/post/responses/201/content/application~1json/schema", "PostUsersSignInDataUserPlexAccount"],
    ["/components/schemas/UserPlexAccount", "UserPlexAccount"],
    ["/components/schemas/PlexBoolean", "PlexBoolean"],
    ["/components/schemas/UserPlexAccount/properties/mailingListStatus", "MailingListStatus"],
    ["/components/schemas/Subscription/properties/status", "SubscriptionStatus"],
    ["/components/schemas/PastSubscription/properties/state", "PastSubscriptionState"],
    ["/components/responses/BadRequest/content/application~1json/schema", "BadRequest"],
    ["/components/responses/Unauthorized/content/application~1json/schema/properties/errors/items", "UnauthorizedErrors"],
  ])("names %s %s", (id, want) => {
    expect(nameOf(id)).toBe(want);
  });

  it("gives every type a distinct name", () => {
    const names = view.types.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(view.types.map((t) => t.def.id)).toEqual(api.types.map((t) => t.id));
  });

  it("plans the four methods on the Authentication group", () => {
    expect(view.groups.map((g) => [g.tag?.className, g.tag?.propertyName])).toEqual([["Authentication", "authentication"]]);
    expect(operations.map((o) => [o.methodName, o.funcName, o.style])).toEqual([
      ["getSourceConnectionInformation", "authenticationGetSourceConnectionInformation", "positional"],
      ["getTransientToken", "authenticationGetTransientToken", "positional"],
      ["getTokenDetails", "authenticationGetTokenDetails", "positional"],
      ["postUsersSignInData", "authenticationPostUsersSignInData", "request"],
    ]);
  });

  it.each([
    ["getSourceConnectionInformation", "GetSourceConnectionInformation"],
    ["getTransientToken", "GetTransientToken"],
    ["getTokenDetails", "GetTokenDetails"],
    ["post-users-sign-in-data", "PostUsersSignInData"],
  ])("names the response and error classes of %s", (operationId, base) => {
    const o = planned(operationId);
    expect(o.responseTypeName).toBe(`${base}Response`);
    expect(o.errors.map((e) => [e.status, e.className])).toEqual([["400", `${base}BadRequest`], ["401", `${base}Unauthorized`]]);
  });

  it("takes query parameters positionally and the sign-in data as a request object", () => {
    expect(planned("getTransientToken").args.map((a) => [a.name, a.optional])).toEqual([["type", false], ["scope", false]]);
    expect(planned("getSourceConnectionInformation").args.map((a) => a.name)).toEqual(["source"]);
    const signIn = planned("post-users-sign-in-data");
    expect(signIn.request?.typeName).toBe("PostUsersSignInDataRequest");
    expect(signIn.request?.fields.map((f) => [f.name, f.optional])).toEqual([
      ["xPlexClientIdentifier", true],
      ["xPlexProduct", true],
      ["xPlexDevice", true],
      ["xPlexVersion", true],
      ["xPlexPlatform", true],
      // The spec's requestBody has no `required: true`, and OpenAPI's default is false.
      ["requestBody", true],
    ]);
  });

  it("names the response body fields", () => {
    expect(planned("getTokenDetails").bodyFields.map((f) => [f.status, f.name, f.always])).toEqual([["200", "userPlexAccount", true]]);
    expect(planned("post-users-sign-in-data").bodyFields.map((f) => [f.status, f.name])).toEqual([["201", "userPlexAccount"]]);
    expect(planned("getTransientToken").bodyFields).toEqual([]);
  });

  it("plans the client options", () => {
    expect(view.options.map((o) => [o.kind, o.name])).toEqual([
      ["security", "accessToken"],
      ["serverVariable", "protocol"],
      ["serverVariable", "ip"],
      ["serverVariable", "port"],
      ["global", "xPlexClientIdentifier"],
      ["global", "xPlexProduct"],
      ["global", "xPlexDevice"],
      ["global", "xPlexVersion"],
      ["global", "xPlexPlatform"],
    ]);
  });

  it("is deterministic", () => {
    const again = planTypeScript(api, config);
    const summary = (v: TsView) => ({
      types: v.types.map((t) => [t.def.id, t.name, t.module, t.memberNames]),
      ops: v.groups.flatMap((g) => g.operations.map((o) => [o.methodName, o.funcName, o.responseTypeName, o.errors.map((e) => e.className)])),
      options: v.options.map((o) => o.name),
    });
    expect(summary(again)).toEqual(summary(view));
  });
});

describe("planTypeScript: enum member names", async () => {
  const config = await loadConfig(CONFIG, {});
  /** Member names of a component enum `E` with the given schema. */
  const memberNames = (schema: Record<string, unknown>): string[] | undefined => {
    const doc = {
      openapi: "3.1.0",
      info: { title: "Enums", version: "1" },
      paths: { "/e": { get: { operationId: "getE", responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/E" } } } } } } } },
      components: { schemas: { E: schema } },
    };
    const view = planTypeScript(buildIr(doc, "enums.yaml").api, config);
    return view.typesById.get("/components/schemas/E")?.memberNames;
  };

  it.each<{ name: string; schema: Record<string, unknown>; want: string[] }>([
    { name: "signs in time zones", schema: { type: "string", enum: ["GMT+12", "GMT-12", "GMT", "UTC+5:30"] }, want: ["GmtPlus12", "GmtMinus12", "Gmt", "UtcPlus530"] },
    { name: "signed number strings", schema: { type: "string", enum: ["-1", "+1", "1"] }, want: ["Minus1", "Plus1", "Value1"] },
    { name: "a hyphen between words is not a sign", schema: { type: "string", enum: ["sign-in", "x-1"] }, want: ["SignIn", "XMinus1"] },
    { name: "integers", schema: { type: "integer", enum: [0, 1, -1, 200] }, want: ["Value0", "Value1", "ValueMinus1", "Value200"] },
    { name: "x-speakeasy-enums hints", schema: { type: "integer", enum: [0, 1], "x-speakeasy-enums": ["DISABLE", "ENABLE"] }, want: ["Disable", "Enable"] },
    { name: "spellings", schema: { type: "string", enum: ["snake_case", "camelCase", "SCREAMING_CASE", "kebab-case", "with space"] }, want: ["SnakeCase", "CamelCase", "ScreamingCase", "KebabCase", "WithSpace"] },
    { name: "empty, leading digit, and symbol-only values", schema: { type: "string", enum: ["", "1st", "***"] }, want: ["Empty", "Value1St", "Value"] },
    { name: "unicode", schema: { type: "string", enum: ["ünï", "日本"] }, want: ["Ünï", "日本"] },
    { name: "values that fold together get suffixes", schema: { type: "string", enum: ["a-b", "a_b", "A B"] }, want: ["AB", "AB2", "AB3"] },
  ])("$name", ({ schema, want }) => {
    const names = memberNames(schema)!;
    expect(names).toEqual(want);
    expect(new Set(names).size).toBe(names.length);
  });

  it("gives GMT+12 and GMT-12 distinct names", () => {
    const names = memberNames({ type: "string", enum: ["GMT+12", "GMT-12"] })!;
    expect(names[0]).not.toBe(names[1]);
  });

  // Fractions are spelled out, so 1.5 and 15 get different names.
  it("names fractional values apart from whole ones", () => {
    const names = memberNames({ type: "number", enum: [1.5, 15, 152] })!;
    // Each whole number keeps its natural name; 1.5 gets one of its own (e.g. "Value1_5").
    expect(names.slice(1)).toEqual(["Value15", "Value152"]);
    expect(names[0]).not.toMatch(/^Value15\d*$/);
  });
});

describe("literals", () => {
  const evaluate = (source: string): unknown => new Function(`"use strict"; return (${source});`)() as unknown;

  const strings: Array<[string, string]> = [
    ["plain", "hello"],
    ["double quotes", 'say "hi"'],
    ["single quotes", "it's"],
    ["backslashes", "C:\\path\\to\\file \\u0041"],
    ["newlines and tabs", "line 1\nline 2\r\n\ttabbed"],
    ["line and paragraph separators", "a\u2028b\u2029c"],
    ["a closing script tag", "</script><script>alert(1)</script>"],
    ["template syntax", "${process.exit(1)} `tick`"],
    ["a comment opener", "/* not a comment */ // nor this"],
    ["control characters", "\u0000\u0001\u001f\u007f"],
    ["unicode", "naïve 日本語 😀"],
    ["a lone surrogate", "\ud800"],
    ["empty", ""],
  ];

  it.each(strings)("stringLiteral round-trips %s", (_name, given) => {
    const literal = stringLiteral(given);
    expect(evaluate(literal)).toBe(given);
    expect(literal).toMatch(/^".*"$/s);
    expect(literal).not.toMatch(/[\n\r\u2028\u2029<]/);
  });

  it.each([
    ['a"b', '"a\\"b"'],
    ["a\\b", '"a\\\\b"'],
    ["a\nb", '"a\\nb"'],
    ["\u2028", '"\\u2028"'],
    ["\u2029", '"\\u2029"'],
    ["<b>", '"\\u003cb>"'],
  ])("stringLiteral(%j) is %s", (given, want) => {
    expect(stringLiteral(given)).toBe(want);
  });

  it.each<[string, unknown]>([
    ["null", null],
    ["a number", -1.5e3],
    ["a boolean", false],
    ["an array", [1, "two", [null, true]]],
    ["an object", { plain: 1, "with-dash": "x", nested: { "1st": [] }, "": "empty key" }],
    ["an empty object", {}],
    ["hostile strings", { "</script>": "\u2028", "a\"b": "\\" }],
  ])("jsonLiteral round-trips %s", (_name, given) => {
    expect(evaluate(jsonLiteral(given))).toEqual(given);
  });

  // "__proto__" must become an own key, never the prototype.
  it("writes __proto__ as an own key, not a prototype", () => {
    const given = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    const value = evaluate(jsonLiteral(given)) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(["__proto__"]);
  });

  it("propertyKey(\"__proto__\") defines an own property", () => {
    const value = evaluate(`{ ${propertyKey("__proto__")}: { t: "string" } }`) as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(["__proto__"]);
  });

  it.each([
    [Number.NaN, "null"],
    [Number.POSITIVE_INFINITY, "null"],
    [undefined, "undefined"],
  ])("jsonLiteral(%s) is %s", (given, want) => {
    expect(jsonLiteral(given)).toBe(want);
  });

  it.each([
    ["name", "name"],
    ["_private", "_private"],
    ["$dollar", "$dollar"],
    ["café", "café"],
    ["with-dash", '"with-dash"'],
    ["1st", '"1st"'],
    ["", '""'],
    ["__proto__", '["__proto__"]'],
    ["has space", '"has space"'],
  ])("propertyKey(%j) is %s", (given, want) => {
    expect(propertyKey(given)).toBe(want);
  });

  it.each([
    ["closes the comment */ early", "closes the comment *\\/ early"],
    ["/* opens another", "/\\* opens another"],
    ["**/", "**\\/"],
    ["windows\r\nline\rends", "windows\nline\nends"],
    ["separators\u2028and\u2029more", "separators\nand\nmore"],
    ["  trimmed  \n", "trimmed"],
  ])("docText(%j) is %j", (given, want) => {
    expect(docText(given)).toBe(want);
  });

  it.each(["*/", "a */ b */", "**/", "*/*/", "* /", "/**/"])("docText(%j) cannot end a JSDoc block", (given) => {
    const text = docText(given);
    expect(text).not.toContain("*/");
    // The text inside a real comment leaves the comment intact.
    expect(evaluate(`/** ${text} */ 1`)).toBe(1);
  });
});
