// OpenAPI coverage, schema features (issue #5): one small fixture per feature under
// test/fixtures/features/, generated with a TypeScript-only config. Each feature's SDK is
// snapshotted (all files but the copied runtime in src/lib/), type-checked under --strict in one
// shared tsc run, and driven end to end against a node:http server on 127.0.0.1: real requests,
// real bytes, asserting what the server received and what the SDK returned.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, startServer, type RecordedRequest, type TestServer } from "../helpers/server.ts";
import { typecheck } from "../helpers/tsc.ts";
import { generateFeature, matchFeatureSnapshots, type GeneratedFeature } from "./generate-feature.ts";
import { inheritedBags, MISFITS, misfitBags, REQUIRED_BAGS } from "../helpers/inherited-extras.ts";

const FEATURES = [
  "allof", "allof-shapes", "unions", "nullable", "type-arrays", "const", "enums", "additional-properties", "recursive",
  "read-write-only", "deprecated", "reserved-words",
] as const;
type Feature = (typeof FEATURES)[number];

let root: string;
let server: TestServer;
const generated = new Map<Feature, GeneratedFeature>();

/** The generated SDK's entry module and its models, imported from the temp folder (tsx/vite compile the .ts). */
async function sdk(feature: Feature) {
  const src = path.join(root, feature, "typescript", "src");
  const index = (await import(pathToFileURL(path.join(src, "index.ts")).href)) as Record<string, unknown>;
  const components = (await import(pathToFileURL(path.join(src, "models/components/index.ts")).href)) as Record<string, unknown>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Api = index["Api"] as new (options: { serverURL: string }) => any;
  return { client: new Api({ serverURL: server.base }), components };
}

/** Warnings each fixture is expected to give (formatted), besides none. */
const EXPECTED_WARNINGS: Partial<Record<Feature, string[]>> = {
  "type-arrays": [
    "warning: test/fixtures/features/type-arrays.yaml:41 #/components/schemas/Record/properties/absent: property \"absent\" has the schema `false` (it must be absent): it is left out",
    "warning: test/fixtures/features/type-arrays.yaml:43 #/components/schemas/Record/properties/noItems/items: a `false` schema accepts no value: it is typed as any value, and nothing is checked",
  ],
  "additional-properties": [
    "warning: test/fixtures/features/additional-properties.yaml:143 #/components/schemas/Narrowed/allOf/2/additionalProperties: allOf parts declare different additionalProperties (allOf/1, allOf/2): an undeclared property must match each, so it is typed by the values they all accept",
  ],
  const: [
    "warning: test/fixtures/features/const.yaml:37 #/components/schemas/Unsupported/const: a const that is an object is not supported yet: the value is typed by the schema's other keywords, not checked against the constant",
  ],
};

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "sdkgen-features-"));
  for (const feature of FEATURES) generated.set(feature, await generateFeature(root, feature));
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

function files(feature: Feature): Map<string, string> {
  return generated.get(feature)!.files;
}

async function matchSnapshots(feature: Feature): Promise<void> {
  await matchFeatureSnapshots(feature, files(feature));
}

function model(feature: Feature): string {
  return files(feature).get("typescript/src/models/components/index.ts")!;
}

describe("every feature's SDK", () => {
  it("generates with only the expected warnings", () => {
    for (const feature of FEATURES) expect(generated.get(feature)!.warnings, feature).toEqual(EXPECTED_WARNINGS[feature] ?? []);
  });

  it("type-checks under tsc --strict (one run for all)", async () => {
    const tsconfig = JSON.parse(files("allof").get("typescript/tsconfig.json")!) as Record<string, unknown>;
    await writeFile(path.join(root, "tsconfig.json"), JSON.stringify({ ...tsconfig, include: FEATURES.map((f) => `${f}/typescript/src`) }, null, 2));
    expect(await typecheck(root)).toBe("");
  });
});

/** The one request the server received since the last reset, its JSON body parsed. */
function received(): RecordedRequest & { json: unknown } {
  expect(server.requests).toHaveLength(1);
  const request = server.requests[0]!;
  return { ...request, json: request.body === "" ? undefined : JSON.parse(request.body) };
}

/** The error a call fails with. */
async function failure(call: Promise<unknown>): Promise<Error> {
  try {
    await call;
  } catch (error) {
    return error as Error;
  }
  throw new Error("the call succeeded");
}

describe("allOf", () => {
  it("matches its snapshots", () => matchSnapshots("allof"));

  it("merges parts into one interface extending the components, the redeclared property narrowed and required", () => {
    expect(model("allof")).toContain("export interface NewPet extends Named, Tagged {");
    expect(model("allof")).toMatch(/export interface NewPet[^}]*\n  kind: NewPetKind;/);
    expect(model("allof")).toContain("export interface Pet extends NewPet {");
  });

  it("round trip: sends the merged object and validates the response against every part", async () => {
    server.reset();
    const { client } = await sdk("allof");
    const pet = { id: 7, name: "Tom", kind: "cat", tags: ["grey"], age: 3 };
    server.reply(json(200, pet));
    const res = await client.createPet({ requestBody: { name: "Tom", kind: "cat", tags: ["grey"], age: 3 } });
    expect(received()).toMatchObject({ method: "POST", path: "/pets", json: { name: "Tom", kind: "cat", tags: ["grey"], age: 3 } });
    expect(res.pet).toEqual(pet);

    // A base's property (name, from Named) and the narrowed enum are checked as well.
    server.reset();
    server.reply(json(200, { id: 7, kind: "cat" }));
    expect((await failure(client.createPet({ requestBody: { name: "Tom", kind: "cat" } }))).message).toContain("at $.name: is required but missing");
    server.reset();
    server.reply(json(200, { id: 7, name: "Tom", kind: "cow" }));
    expect((await failure(client.createPet({ requestBody: { name: "Tom", kind: "cat" } }))).message).toContain('at $.kind: expected one of "cat", "dog"');
  });
});

describe("allOf next to a schema's own keywords (issue 16)", () => {
  it("matches its snapshots", () => matchSnapshots("allof-shapes"));

  it("makes a base's optional properties required through a part of only `required` (or `required` beside one $ref)", () => {
    expect(model("allof-shapes")).toContain("export interface CompleteProfile extends Profile {\n  email: string;\n  nickname: string;\n}");
    expect(model("allof-shapes")).toContain("export interface RequiredBeside extends Profile {\n  nickname: string;\n}");
    expect(model("allof-shapes")).toContain("  alreadyRequired?: Profile | undefined;");
  });

  it("never declares a type alias that names itself", () => {
    const aliases = [...model("allof-shapes").matchAll(/^export type (\w+) = (.*);$/gm)];
    expect(aliases.map((m) => m[1])).toEqual(expect.arrayContaining(["NestedAllOf", "RefToUnion", "TitledBase", "OverriddenBase", "Recursive"]));
    // `typeof X` names the enum's value, not the type.
    for (const [, name, body] of aliases) expect(body!.replace(/typeof \w+/g, ""), name).not.toMatch(new RegExp(`\\b${name}\\b`));
    expect(model("allof-shapes")).toContain("export type NestedAllOf = NestedAllOfModel & NestedAllOfFields;");
    expect(model("allof-shapes")).toContain("export type RefToUnion = Choice & RefToUnionFields;");
    expect(model("allof-shapes")).toContain("export interface SharedBase extends NestedAllOfModel {");
    expect(model("allof-shapes")).toContain("export interface RefSibling extends Base {");
  });

  it("round trip: every part of an unmerged allOf is checked, own fields included, recursion through them too", async () => {
    server.reset();
    const { client } = await sdk("allof-shapes");
    const shapes = {
      nestedAllOf: { id: 1, a: "a", own: "own" },
      refToUnion: { cat: "tom", own: "own" },
      recursive: { dog: "rex", next: { cat: "tom", next: { dog: "fido" } } },
      inProperty: { id: 2, own: "own" },
      inItems: [{ cat: "tom", own: "x" }],
      sharedBase: { id: 3, a: "a", own: "own" },
      refSibling: { id: 4, a: "a" },
    };
    server.reply(json(200, shapes));
    expect((await client.putShapes({ requestBody: shapes })).shapes).toEqual(shapes);
    expect(received().json).toEqual(shapes);

    server.reset();
    server.reply(json(200, { nestedAllOf: { a: "a" } }));
    expect((await failure(client.putShapes({ requestBody: {} }))).message).toContain("at $.nestedAllOf.id: is required but missing");
    server.reset();
    server.reply(json(200, { recursive: { dog: "rex", next: { dog: "fido", own: 1, next: { cow: "x" } } } }));
    expect((await failure(client.putShapes({ requestBody: {} }))).message).toContain("$.recursive.next.next");
    server.reset();
    server.reply(json(200, { refSibling: { id: 4, a: 5 } }));
    expect((await failure(client.putShapes({ requestBody: {} }))).message).toContain("at $.refSibling.a: expected a string");
  });
});

describe("oneOf / anyOf", () => {
  it("matches its snapshots", () => matchSnapshots("unions"));

  it("types discriminated unions so the discriminator narrows them, with mapped and implicit (component name) values", () => {
    expect(model("unions")).toContain('export type Shape = (Circle & { kind: "circle" }) | (Square & { kind: "square" });');
    expect(model("unions")).toContain('export type Pet = (Cat & { petType: "Cat" }) | (Dog & { petType: "Dog" });');
    expect(model("unions")).toContain("export type Value = string | number | Array<string> | Value4;");
  });

  it("round trip: a discriminated union is checked against the variant its discriminator names", async () => {
    server.reset();
    const { client } = await sdk("unions");
    server.reply(json(200, { kind: "square", side: 2 }));
    const res = await client.addShape({ requestBody: { kind: "square", side: 2 } });
    expect(received()).toMatchObject({ method: "POST", path: "/shapes", json: { kind: "square", side: 2 } });
    expect(res.shape).toEqual({ kind: "square", side: 2 });

    // It fits Circle, but its discriminator says square: only Square's rules apply.
    server.reset();
    server.reply(json(200, { kind: "square", radius: 1 }));
    expect((await failure(client.addShape({ requestBody: { kind: "circle", radius: 1 } }))).message)
      .toContain("Response validation failed at $.side: is required but missing");

    server.reset();
    server.reply(json(200, { kind: "triangle", side: 2 }));
    expect((await failure(client.addShape({ requestBody: { kind: "circle", radius: 1 } }))).message)
      .toContain('Response validation failed at $.kind: expected one of "circle", "square" (the variant\'s discriminator), got string "triangle"');

    server.reset();
    server.reply(json(200, { radius: 1 }));
    expect((await failure(client.addShape({ requestBody: { kind: "circle", radius: 1 } }))).message)
      .toContain("at $.kind: is required but missing");
  });

  it("round trip: the implicit mapping picks a variant by its component's name", async () => {
    server.reset();
    const { client } = await sdk("unions");
    server.reply(json(200, { petType: "Dog", barks: true }));
    expect((await client.getPet()).pet).toEqual({ petType: "Dog", barks: true });
    server.reset();
    server.reply(json(200, { petType: "Cat", barks: true }));
    expect((await failure(client.getPet())).message).toContain("at $.lives: is required but missing");
  });

  it("round trip: an anyOf takes any of its variants and reports every variant's complaint otherwise", async () => {
    const { client } = await sdk("unions");
    for (const value of ["text", 42, ["a", "b"], { note: "n" }]) {
      server.reset();
      server.reply(json(200, value));
      expect((await client.getValue()).value).toEqual(value);
    }
    server.reset();
    server.reply(json(200, 2.5));
    expect((await failure(client.getValue())).message).toContain("matches no variant (expected a string, got number 2.5; expected an integer");
  });
});

describe("3.0 nullable", () => {
  it("matches its snapshots", () => matchSnapshots("nullable"));

  it("round trip: null is sent and accepted where nullable allows it, and refused elsewhere", async () => {
    server.reset();
    const { client } = await sdk("nullable");
    const record = { title: null, count: null, color: null, owner: null, tags: [null, "x"], previousOwner: null, idOrName: null, archived: null, score: null };
    server.reply(json(200, record));
    const res = await client.putRecord({ requestBody: record });
    expect(received().json).toEqual(record);
    expect(res.record).toEqual(record);

    server.reset();
    server.reply(json(200, { ...record, owner: { name: null } }));
    expect((await failure(client.putRecord({ requestBody: record }))).message).toContain("at $.owner.name: expected a string, got null");
  });
});

describe("3.1 type arrays", () => {
  it("matches its snapshots", () => matchSnapshots("type-arrays"));

  it("round trip: every listed type is accepted, null included", async () => {
    server.reset();
    const { client } = await sdk("type-arrays");
    const record = { title: null, count: 3, color: null, owner: { name: "o" }, tags: null, stringOrNumber: 1.5, anything: true };
    server.reply(json(200, record));
    const res = await client.putRecord({ requestBody: record });
    expect(received().json).toEqual(record);
    expect(res.record).toEqual(record);

    server.reset();
    server.reply(json(200, { ...record, stringOrNumber: null }));
    expect((await failure(client.putRecord({ requestBody: record }))).message).toContain("at $.stringOrNumber: matches no variant");
  });
});

describe("const", () => {
  it("matches its snapshots", () => matchSnapshots("const"));

  it("round trip: constants are sent as they are and checked in responses", async () => {
    server.reset();
    const { client } = await sdk("const");
    const event = { type: "user.created", version: 2, final: true, nothing: null, quote: 'a "quoted" */ value' };
    server.reply(json(200, event));
    const res = await client.sendEvent({ requestBody: event });
    expect(received().json).toEqual(event);
    expect(res.event).toEqual(event);

    server.reset();
    server.reply(json(200, { ...event, version: 3 }));
    expect((await failure(client.sendEvent({ requestBody: event }))).message).toContain("at $.version: expected 2, got number 3");
  });
});

describe("enums with values that are not identifiers", () => {
  it("matches its snapshots", () => matchSnapshots("enums"));

  it("names members after their values, keeping the values exact", () => {
    expect(model("enums")).toContain('  AB: "a-b",\n  Value1St: "1st",\n  Empty: "",\n  Plus: "+",');
    expect(model("enums")).toContain("  ValueMinus1: -1,");
    expect(model("enums")).toContain("  Value2Point5: 2.5,");
  });

  it("round trip: odd values go out in the query and body, closed enums refuse unknown values, open ones keep them", async () => {
    server.reset();
    const { client, components } = await sdk("enums");
    const Odd = components["Odd"] as Record<string, string>;
    const Level = components["Level"] as Record<string, number>;
    const settings = { odd: Odd["Empty"], openOdd: "1st", level: Level["ValueMinus1"], openLevel: 1, ratio: 2.5 };
    server.reply(json(200, { ...settings, openOdd: "brand-new", openLevel: 99 }));
    const res = await client.putSettings({ mode: Odd["Plus"], requestBody: settings });
    const request = received();
    expect(request.rawQuery).toBe("mode=%2B");
    expect(request.json).toEqual({ odd: "", openOdd: "1st", level: -1, openLevel: 1, ratio: 2.5 });
    expect(res.settings).toEqual({ ...settings, openOdd: "brand-new", openLevel: 99 });

    server.reset();
    server.reply(json(200, { ...settings, odd: "a b" }));
    expect((await failure(client.putSettings({ mode: "a-b", requestBody: settings }))).message).toContain('at $.odd: expected one of "a-b", "1st", "", "+"');
    server.reset();
    server.reply(json(200, { ...settings, ratio: 2 }));
    expect((await failure(client.putSettings({ mode: "a-b", requestBody: settings }))).message).toContain("at $.ratio: expected one of 2.5, -0.5, 1");
  });

  it("types an enum of several JSON types as the union of its values, and checks them both ways", async () => {
    expect(model("enums")).toContain('export type Mode = "auto" | 0 | 1.5 | true;');
    expect(model("enums")).toContain('export type NullableMode = ("off" | 2) | null;');
    expect(model("enums")).toContain('export type TypedMode = "max" | 10;');
    server.reset();
    const { client } = await sdk("enums");
    const settings = { odd: "", level: 0, mode: true, nullableMode: null, typedModes: ["max", 10] };
    server.reply(json(200, { ...settings, mode: 1.5 }));
    const res = await client.putSettings({ mode: "+", requestBody: settings });
    expect(received().json).toEqual(settings);
    expect(res.settings).toEqual({ ...settings, mode: 1.5 });
    server.reset();
    server.reply(json(200, { ...settings, mode: "1.5" }));
    expect((await failure(client.putSettings({ mode: "+", requestBody: settings }))).message).toContain("at $.mode");
    server.reset();
    await expect(client.putSettings({ mode: "+", requestBody: { ...settings, typedModes: [11] } })).rejects.toThrow(/typedModes/);
  });
});

describe("additionalProperties", () => {
  it("matches its snapshots", () => matchSnapshots("additional-properties"));

  it("types the index signature by the schema, widened by the declared properties; false and absent add none", () => {
    expect(model("additional-properties")).toMatch(/export interface Anything \{\n  \[key: string\]: unknown;/);
    expect(model("additional-properties")).toMatch(/export interface Counts \{\n  \[key: string\]: number;/);
    expect(model("additional-properties")).toMatch(/export interface Labels \{\n  \[key: string\]: LabelsModel \| string \| undefined;/);
    expect(model("additional-properties")).toMatch(/export interface Closed \{\n  id: string;\n\}/);
  });

  it("keeps a base's typed extra properties without extending it: its properties are copied and the index signature takes in every property", () => {
    // Extending CustomFields ([key: string]: string) made every own property that is not a string, or is optional, TS2411 (Zuora).
    expect(model("additional-properties")).toMatch(/export interface Account \{\n  \[key: string\]: string \| boolean \| null \| number \| Plain \| undefined;\n  active\?/);
    expect(model("additional-properties")).toContain("export const Account$: Schema = /* @__PURE__ */ $lazy(() => $objectRest($string, {");
    // Inherited in turn through Account, whose properties Reseller now declares; Plain has none and is still extended.
    expect(model("additional-properties")).toMatch(/export interface Reseller extends Plain \{\n  \[key: string\]: string \| number \| boolean \| null \| Plain \| undefined;\n  active\?[^}]*\n  number: number;/);
    // The object's own additionalProperties replaces the base's: true, false, or a schema of another type.
    expect(model("additional-properties")).toMatch(/export interface OpenAccount \{\n  \[key: string\]: unknown;/);
    expect(model("additional-properties")).toMatch(/export interface ClosedAccount \{\n  active\?: boolean \| undefined;\n\}/);
    expect(model("additional-properties")).toMatch(/export interface Flags \{\n  \[key: string\]: boolean \| null \| undefined;/);
  });

  it("types the inherited extra properties so that models are written and read as the spec says", async () => {
    const dir = path.join(root, "additional-properties", "typescript");
    await writeFile(path.join(dir, "src", "usage.ts"), [
      'import type { Account, ClosedAccount, Flags, OpenAccount, Reseller } from "./models/components/index.js";',
      'const account: Account = { number: 1, active: true, note: null, owner: { id: "o" }, region__h: "eu" };',
      'const reseller: Reseller = { number: 2, id: "r", tier: 3, region__h: "eu" };',
      "const open: OpenAccount = { active: true, anything: [1] };",
      "const flags: Flags = { active: true, beta: null, gamma: false };",
      "const closed: ClosedAccount = { active: false };",
      "// @ts-expect-error no extra properties in a closed object",
      'const closedExtra: ClosedAccount = { active: false, region__h: "eu" };',
      "const number: number = account.number;",
      "const region: string | boolean | null | number | undefined | object = account[\"region__h\"];",
      "export { account, reseller, open, flags, closed, closedExtra, number, region };",
      "",
    ].join("\n"));
    try {
      expect(await typecheck(dir)).toBe("");
    } finally {
      await rm(path.join(dir, "src", "usage.ts"));
    }
  });

  it("round trip: extra properties are sent and returned, and checked against their schema", async () => {
    server.reset();
    const { client } = await sdk("additional-properties");
    const bags = {
      anything: { id: "a", extra: [1, { deep: true }] },
      counts: { total: 3, apples: 1, pears: 2 },
      labels: { primary: "p", en: { text: "hello" } },
      closed: { id: "c" },
      plain: { id: "p" },
      scores: { x: 1.5 },
      free: { any: ["thing"] },
      account: { number: 1, active: true, note: null, owner: { id: "o" }, region__h: "eu" },
      reseller: { number: 2, id: "r", tier: 3, region__h: "eu" },
      openAccount: { active: true, anything: [1] },
      closedAccount: { active: false },
      flags: { active: true, beta: null },
    };
    server.reply(json(200, bags));
    const res = await client.postBags({ requestBody: bags });
    expect(received().json).toEqual(bags);
    expect(res.bags).toEqual(bags);

    server.reset();
    server.reply(json(200, { ...bags, counts: { total: 3, apples: "one" } }));
    expect((await failure(client.postBags({ requestBody: bags }))).message).toContain('at $.counts.apples: expected an integer, got string "one"');
    server.reset();
    server.reply(json(200, { ...bags, labels: { en: { txt: "typo" } } }));
    expect((await failure(client.postBags({ requestBody: bags }))).message).toContain("at $.labels.en.text: is required but missing");
    // Extra properties inherited from a base are checked against the base's schema, declared ones against their own.
    server.reset();
    server.reply(json(200, { ...bags, account: { number: 1, region__h: 5 } }));
    expect((await failure(client.postBags({ requestBody: bags }))).message).toContain("at $.account.region__h: expected a string, got number 5");
    server.reset();
    server.reply(json(200, { ...bags, reseller: { number: 2, region__h: true } }));
    expect((await failure(client.postBags({ requestBody: bags }))).message).toContain("at $.reseller.region__h: expected a string, got boolean true");
    server.reset();
    server.reply(json(200, { ...bags, account: { number: "1" } }));
    expect((await failure(client.postBags({ requestBody: bags }))).message).toContain('at $.account.number: expected an integer, got string "1"');
    server.reset();
    server.reply(json(200, { ...bags, flags: { beta: "yes" } }));
    expect((await failure(client.postBags({ requestBody: bags }))).message).toContain('at $.flags.beta: expected a boolean, got string "yes"');
    // The request is checked too, before anything is sent.
    server.reset();
    const bad = { ...bags, counts: { total: 1, apples: 0.5 } };
    expect((await failure(client.postBags({ requestBody: bad }))).message).toContain("Invalid input at");
    expect(server.requests).toHaveLength(0);
  });

  it("round trip of extra properties inherited from allOf bases or written in an inline allOf part, each checked against its schema", async () => {
    server.reset();
    const { client } = await sdk("additional-properties");
    const bags = inheritedBags();
    server.reply(json(200, bags));
    const res = await client.postBags({ requestBody: bags });
    expect(received().json).toEqual(bags);
    expect(res.bags).toEqual(bags);
    for (const misfit of MISFITS) {
      server.reset();
      server.reply(json(200, misfitBags(misfit)));
      expect((await failure(client.postBags({ requestBody: REQUIRED_BAGS }))).message, misfit.holder).toContain(`at $.${misfit.holder}.${misfit.key}: expected`);
    }
  });
});

describe("recursive schemas", () => {
  it("matches its snapshots", () => matchSnapshots("recursive"));

  it("round trip: deep trees, mutual recursion and a recursive JSON value validate all the way down", async () => {
    server.reset();
    const { client } = await sdk("recursive");
    const tree = { value: 1, children: [{ value: 2, children: [{ value: 3, children: [] }] }], next: { value: 4, children: [] }, byName: { x: { value: 5, children: [] } } };
    server.reply(json(200, tree));
    expect((await client.echoTree({ requestBody: tree })).tree).toEqual(tree);
    expect(received().json).toEqual(tree);

    server.reset();
    server.reply(json(200, { ...tree, byName: { x: { value: 5, children: [{ value: "six", children: [] }] } } }));
    expect((await failure(client.echoTree({ requestBody: tree }))).message).toContain("at $.byName.x.children[0].value: expected an integer");

    const folder = { name: "root", entries: [{ name: "sub", entries: [] }, { name: "f", parent: { name: "root", entries: [] } }] };
    server.reset();
    server.reply(json(200, folder));
    expect((await client.getFolder()).folder).toEqual(folder);

    const value = { a: [1, "two", null, { b: { c: [true] } }] };
    server.reset();
    server.reply(json(200, value));
    expect((await client.getJson()).json).toEqual(value);
  });
});

describe("readOnly / writeOnly", () => {
  it("matches its snapshots", () => matchSnapshots("read-write-only"));

  it("makes required readOnly and writeOnly properties optional, with a remark saying when they are absent", () => {
    expect(model("read-write-only")).toContain("  id?: string | undefined;");
    expect(model("read-write-only")).toContain("  password?: string | undefined;");
    expect(model("read-write-only")).toContain("  name: string;");
    expect(model("read-write-only")).toContain("@remarks Read-only: set by the server, absent from requests.");
  });

  it("round trip: a request leaves out readOnly properties, a response leaves out writeOnly ones", async () => {
    server.reset();
    const { client } = await sdk("read-write-only");
    const stored = { id: "u1", name: "Ann", createdAt: "2024-01-01T00:00:00Z", profile: { bio: "hi", views: 3 } };
    server.reply(json(201, stored));
    const res = await client.createUser({ requestBody: { name: "Ann", password: "secret", profile: { bio: "hi" } } });
    expect(received().json).toEqual({ name: "Ann", password: "secret", profile: { bio: "hi" } });
    expect(res.user).toEqual(stored);

    server.reset();
    server.reply(json(200, { id: "u1", createdAt: "2024-01-01T00:00:00Z" }));
    expect((await failure(client.getUser("u1"))).message).toContain("at $.name: is required but missing");
  });
});

describe("deprecated", () => {
  it("matches its snapshots", () => matchSnapshots("deprecated"));

  it("marks deprecated schemas and properties, not properties whose type alone is deprecated", () => {
    const text = model("deprecated");
    expect(text).toContain("/**\n * Use Item instead.\n * @deprecated\n */\nexport interface OldItem {");
    expect(text).toContain("/** @deprecated */\nexport type Status = ");
    expect(text).toContain("/** @deprecated */\nexport type LegacyId = string;");
    expect(text).toContain("  /**\n   * Use title.\n   * @deprecated\n   */\n  name?: string | undefined;");
    expect(text).toContain("  status?: Status | undefined;");
    expect(text).not.toMatch(/@deprecated \*\/\n  status/);
    expect(text).toContain("   * @deprecated\n   */\n  old?: OldItem | undefined;");
  });

  it("says so in the Markdown docs", () => {
    const docs = files("deprecated");
    expect(docs.get("typescript/docs/models/components/olditem.md")).toContain("**Deprecated.** Use Item instead.");
    expect(docs.get("typescript/docs/models/components/status.md")).toContain("**Deprecated.**");
    expect(docs.get("typescript/docs/models/components/item.md")).toContain("| `name` | *string* | :heavy_minus_sign: | **Deprecated.** Use title. |");
  });

  it("round trip: deprecated properties are still sent and received", async () => {
    server.reset();
    const { client } = await sdk("deprecated");
    const item = { id: "i", code: "c", name: "n", status: "on", legacyId: "L", old: { id: "o" } };
    server.reply(json(200, item));
    expect((await client.getItem()).item).toEqual(item);
    expect(received()).toMatchObject({ method: "GET", path: "/items" });
  });
});

describe("reserved words as names", () => {
  it("matches its snapshots", () => matchSnapshots("reserved-words"));

  it("round trip: properties named like keywords and Object.prototype members are own properties both ways", async () => {
    server.reset();
    const { client, components } = await sdk("reserved-words");
    const Then = components["Then"] as Record<string, string>;
    const Constructor = components["Constructor"] as Record<string, number>;
    expect([Then["Proto"], Then["Constructor"], Constructor["Proto"]]).toEqual(["__proto__", "constructor", 1]);
    const body = JSON.parse('{"default":"d","delete":true,"constructor":"c","__proto__":{"class":"k"},"then":"__proto__","new":1,"toString":"s","hasOwnProperty":2,"valueOf":{"a":"b"},"proto":"p"}') as Record<string, unknown>;
    server.reply({ status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const res = await client.delete({ requestBody: body });
    expect(received().json).toEqual(body);
    expect(received().body).toContain('"__proto__":{"class":"k"}');
    expect(Object.getPrototypeOf(res.class)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(res.class, "__proto__")).toBe(true);
    expect(res.class).toEqual(body);

    server.reset();
    server.reply(json(200, { ...body, then: "finally" }));
    expect((await failure(client.delete({ requestBody: body }))).message).toContain('at $.then: expected one of "class"');
  });
});
