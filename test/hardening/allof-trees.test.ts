// Property-based (fast-check, fixed seeds): random trees of allOf next to a schema's own keywords
// (inline and referenced bases, nested allOf, unions, titles and name overrides that collide with
// component names, nullable, 3.1 $ref siblings, shared inline bases, the same shapes inside
// properties and array items) never give a type that refers to itself without an object in between,
// in the IR or in the plan of any target; and a batch of their TypeScript SDKs type-checks.
// Issue 16: `type X = XModel & X`, whose schema descriptor recursed at run time.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig, type GeneratorConfig } from "../../generator/config.ts";
import { buildIr } from "../../generator/ir/build.ts";
import type { Api, NamedType, Type } from "../../generator/ir/types.ts";
import { loadSpec } from "../../generator/load/load.ts";
import { generate } from "../../generator/pipeline.ts";
import { planCSharp } from "../../generator/targets/csharp/plan.ts";
import { planGo } from "../../generator/targets/go/plan.ts";
import { planPython } from "../../generator/targets/python/plan.ts";
import { planTypeScript } from "../../generator/targets/typescript/plan.ts";
import { typecheckBatch } from "../helpers/tsc.ts";

const SEED = 1616;
type Schema = Record<string, unknown>;

/** Component names chosen to collide with the names derived ones would take (…Model, …Fields). */
const NAMES = ["Pet", "PetModel", "PetFields", "Node", "NodeFields", "Thing"];
const PROPS = ["id", "name", "own", "next", "kind"];

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

function ownProperties(all: string[], earlier: string[], depth: number): fc.Arbitrary<Schema> {
  return fc.uniqueArray(fc.tuple(fc.constantFrom(...PROPS), propertySchema(all, earlier, depth)), { minLength: 1, maxLength: 3, selector: ([n]) => n })
    .map((props) => ({ properties: Object.fromEntries(props) }));
}

/** A property's schema: plain, a reference to any component (recursion passes through the object), or a node. */
function propertySchema(all: string[], earlier: string[], depth: number): fc.Arbitrary<Schema> {
  const options: Array<fc.Arbitrary<Schema>> = [fc.constant({ type: "string" }), fc.constantFrom(...all).map(ref)];
  if (depth > 0) options.push(node(all, earlier, depth - 1));
  return fc.oneof(...options);
}

/** A schema that allOf, oneOf or an array may hold; references only go to earlier components. */
function node(all: string[], earlier: string[], depth: number): fc.Arbitrary<Schema> {
  const options: Array<fc.Arbitrary<Schema>> = [
    fc.constantFrom(...PROPS).map((p) => ({ type: "object", properties: { [p]: { type: "integer" } } })),
  ];
  if (earlier.length > 0) options.push(fc.constantFrom(...earlier).map(ref));
  if (depth > 0) {
    const child = node(all, earlier, depth - 1);
    options.push(
      fc.record({
        parts: fc.array(child, { minLength: 1, maxLength: 3 }),
        own: fc.option(ownProperties(all, earlier, depth - 1), { nil: undefined }),
        title: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
        override: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
        nullable: fc.constantFrom(undefined, "3.0", "3.1"),
        typed: fc.boolean(),
      }).map(({ parts, own, title, override, nullable, typed }) => ({
        allOf: parts,
        ...(own ?? {}),
        ...(typed && own ? { type: nullable === "3.1" ? ["object", "null"] : "object" } : {}),
        ...(title ? { title } : {}),
        ...(override ? { "x-speakeasy-name-override": override } : {}),
        ...(nullable === "3.0" ? { nullable: true } : {}),
      })),
      fc.array(child, { minLength: 2, maxLength: 2 }).map((variants) => ({ oneOf: variants })),
      child.map((items) => ({ type: "array", items })),
      ownProperties(all, earlier, depth).map((own) => ({ type: "object", ...own })),
      fc.constantFrom("x", "y").map((v) => ({ allOf: [{ type: "string" }], enum: [v, "z"] })),
    );
    if (earlier.length > 0) {
      // 3.1: keywords beside a $ref.
      options.push(fc.tuple(fc.constantFrom(...earlier), ownProperties(all, earlier, depth - 1), fc.option(child, { nil: undefined }))
        .map(([name, own, part]) => ({ ...ref(name), ...own, ...(part ? { allOf: [part] } : {}) })));
    }
  }
  return fc.oneof(...options);
}

/** A 3.1 document of 2 to 5 components, each (mostly) an allOf tree, and one operation echoing all of them. */
const allOfDocument: fc.Arbitrary<Schema> = fc
  .uniqueArray(fc.constantFrom(...NAMES), { minLength: 2, maxLength: 5 })
  .chain((names) => fc.tuple(
    fc.constant(names),
    fc.tuple(...names.map((_, i) => node(names, names.slice(0, i), 3))),
    fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
  ))
  .map(([names, schemas, share]) => {
    const components: Schema = {};
    names.forEach((name, i) => {
      // Some components use an inline allOf base of an earlier one by its pointer.
      const shared = share[i] ? names.slice(0, i).find((n) => isInlineBase((components[n] as Schema)["allOf"])) : undefined;
      components[name] = shared ? { allOf: [{ $ref: `#/components/schemas/${shared}/allOf/0` }, schemas[i]] } : schemas[i];
    });
    const all: Schema = { type: "object", properties: Object.fromEntries(names.map((n) => [n.toLowerCase(), ref(n)])) };
    return {
      openapi: "3.1.0",
      info: { title: "AllOf Trees", version: "1.0.0" },
      paths: {
        "/echo": {
          post: {
            operationId: "echo",
            requestBody: { content: { "application/json": { schema: all } } },
            responses: { "200": { description: "OK", content: { "application/json": { schema: all } } } },
          },
        },
      },
      components: { schemas: components },
    };
  });

function isInlineBase(parts: unknown): boolean {
  return Array.isArray(parts) && typeof parts[0] === "object" && parts[0] !== null && !("$ref" in parts[0]);
}

/**
 * The first named type (id) that refers to itself through aliases, unions, intersections, arrays,
 * maps or nullables only: an object or enum in between ends the walk.
 */
export function selfReferencing(types: Iterable<NamedType>): string | undefined {
  const byId = new Map([...types].map((t) => [t.id, t]));
  const reaches = (type: Type, start: string, seen: Set<string>): boolean => {
    switch (type.kind) {
      case "ref": {
        if (type.target === start) return true;
        const def = byId.get(type.target);
        if (def?.kind !== "alias" || seen.has(def.id)) return false;
        seen.add(def.id);
        return reaches(def.type, start, seen);
      }
      case "array": return reaches(type.items, start, seen);
      case "map": return reaches(type.values, start, seen);
      case "nullable": return reaches(type.inner, start, seen);
      case "union": return type.variants.some((v) => reaches(v, start, seen));
      case "intersection": return type.parts.some((p) => reaches(p, start, seen));
      default: return false;
    }
  };
  for (const def of byId.values()) if (def.kind === "alias" && reaches(def.type, def.id, new Set())) return def.id;
  return undefined;
}

const temps: string[] = [];
afterAll(async () => {
  for (const dir of temps) await rm(dir, { recursive: true, force: true });
});

async function configFor(spec: string): Promise<GeneratorConfig> {
  const config = await loadConfig(undefined, { spec });
  config.clientName = "Api";
  config.targets = {
    typescript: { packageName: "trees-sdk", packageVersion: "0.1.0", maxMethodParams: 4 },
    python: { packageName: "trees_sdk", packageVersion: "0.1.0" },
    go: { modulePath: "example.com/trees", packageName: "trees" },
    csharp: { namespace: "Trees", packageVersion: "0.1.0" },
  };
  return config;
}

async function irOf(spec: string): Promise<Api> {
  const loaded = await loadSpec(spec);
  return buildIr(loaded.document as unknown as Record<string, unknown>, loaded.file, { refsChecked: loaded.refsChecked }).api;
}

describe("random allOf trees", () => {
  it("the checker finds an alias that names itself", () => {
    const alias = (id: string, type: Type): NamedType => ({ kind: "alias", id, hint: { kind: "component", key: id }, docs: {}, type });
    const object: NamedType = { kind: "object", id: "O", hint: { kind: "component", key: "O" }, docs: {}, bases: [], properties: [] };
    expect(selfReferencing([alias("X", { kind: "intersection", parts: [{ kind: "ref", target: "O" }, { kind: "ref", target: "X" }] })])).toBe("X");
    expect(selfReferencing([alias("X", { kind: "ref", target: "Y" }), alias("Y", { kind: "nullable", inner: { kind: "ref", target: "X" } })])).toBe("X");
    expect(selfReferencing([object, alias("X", { kind: "intersection", parts: [{ kind: "ref", target: "O" }] })])).toBeUndefined();
  });

  it("never refer to themselves in the IR or the plan of any target (150 documents)", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "sdkgen-allof-trees-"));
    temps.push(root);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(allOfDocument, async (doc) => {
        const spec = path.join(root, `d${n++}.json`);
        await writeFile(spec, JSON.stringify(doc));
        const api = await irOf(spec);
        const config = await configFor(spec);
        const found = [
          ["ir", selfReferencing(api.types)],
          ["typescript", selfReferencing([...planTypeScript(api, config).typesById.values()].map((d) => d.def))],
          ["python", selfReferencing([...planPython(api, config).typesById.values()].map((d) => d.def))],
          ["go", selfReferencing([...planGo(api, config).typesById.values()].map((d) => d.def))],
          ["csharp", selfReferencing([...planCSharp(api, config).typesById.values()].map((d) => d.def))],
        ].filter(([, id]) => id !== undefined);
        if (found.length > 0) throw new Error(`types refer to themselves: ${JSON.stringify(found)}\n${JSON.stringify(doc, null, 2)}`);
        // Every id names one type.
        expect(new Set(api.types.map((t) => t.id)).size).toBe(api.types.length);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });

  it("give TypeScript SDKs that type-check under --strict (10 packages, one tsc run)", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "sdkgen-allof-tsc-"));
    temps.push(root);
    const docs = fc.sample(allOfDocument, { seed: SEED + 1, numRuns: 10 });
    const outputs: Array<Map<string, string>> = [];
    for (const [i, doc] of docs.entries()) {
      const spec = path.join(root, `d${i}.json`);
      await writeFile(spec, JSON.stringify(doc));
      const config = await configFor(spec);
      config.targets = { typescript: config.targets.typescript! };
      outputs.push((await generate(config)).files);
    }
    const { output, failing } = await typecheckBatch(root, outputs);
    if (output !== "") {
      expect.fail(`generated packages do not type-check:\n${output.slice(0, 4000)}\n${failing.map((i) => JSON.stringify(docs[i], null, 2)).join("\n")}`);
    }
  }, 120_000);
});
