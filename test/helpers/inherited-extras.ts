// The objects of test/fixtures/features/additional-properties.yaml whose extra properties come from
// elsewhere than an additionalProperties beside their own properties: inherited from allOf bases
// (Zuora's custom fields), or written inside an inline allOf part. Every target's additionalProperties
// test receives and sends these, so that each SDK is held to the same values.

import { describe, expect, it } from "vitest";
import { json, type TestServer } from "./server.ts";

/** The properties each object declares (its own and its bases'), by the Bags property holding it. */
export const DECLARED = {
  // allOf [CustomFields, own properties]: extra values are strings.
  account: { number: 1, active: true },
  // allOf [Account, Plain, own properties]: CustomFields' strings, inherited in turn.
  reseller: { number: 2, id: "r", tier: 3 },
  // Zuora's order, allOf [own properties, CustomFields]: strings.
  subscription: { status: "active" },
  // allOf [Anything (additionalProperties: true), own properties]: any value.
  tagged: { id: "t", tag: "x" },
  // allOf [Plain, {properties, additionalProperties: integer}]: integers.
  metered: { unit: "kg", id: "m" },
  // The same with additionalProperties: string beside the allOf, which wins: strings.
  meteredText: { unit: "kg" },
  // allOf [CustomFields, {properties, additionalProperties: integer}]: the part's integers, not the base's strings.
  levels: { level: 1 },
  // allOf [Plain, {additionalProperties: number}, {properties, additionalProperties: integer}]: integers.
  narrowed: { unit: "kg" },
} as const;

/** The extra properties of each, of the type its schema gives them. */
export const EXTRAS = {
  account: { region__h: "eu" },
  reseller: { region__h: "eu", seats__c: "4" },
  subscription: { plan__c: "gold" },
  tagged: { color: "red", nested: { deep: [1, 2] } },
  metered: { apples: 3 },
  meteredText: { note: "text" },
  levels: { floor: 2 },
  narrowed: { count: 5 },
} as const;

export type Holder = keyof typeof DECLARED;
export const HOLDERS = Object.keys(DECLARED) as Holder[];

/** The Bags properties every request and response must have. */
export const REQUIRED_BAGS = { anything: { id: "a" }, closed: { id: "c" }, counts: { total: 0 } } as const;

/** Bags holding every object above, each with its declared and its extra properties. */
export function inheritedBags(): Record<string, unknown> {
  const bags: Record<string, unknown> = { ...REQUIRED_BAGS };
  for (const holder of HOLDERS) bags[holder] = { ...DECLARED[holder], ...EXTRAS[holder] };
  return bags;
}

/**
 * Responses whose one extra value does not fit the schema it has: each must be refused, naming the
 * path (holder.key) of the value.
 */
export const MISFITS: Array<{ holder: Holder; key: string; value: unknown }> = [
  { holder: "account", key: "region__h", value: 5 },
  { holder: "reseller", key: "seats__c", value: 4 },
  { holder: "subscription", key: "plan__c", value: true },
  { holder: "metered", key: "apples", value: "many" },
  { holder: "levels", key: "floor", value: "two" },
  { holder: "narrowed", key: "count", value: 1.5 },
];

/** The Bags of a misfit: the required properties and the one object with its wrong extra value. */
export function misfitBags(misfit: (typeof MISFITS)[number]): Record<string, unknown> {
  return { ...REQUIRED_BAGS, [misfit.holder]: { ...DECLARED[misfit.holder], [misfit.key]: misfit.value } };
}

/**
 * The cases a driver-program target (C#, PHP) is held to: `run(command, serverBase, ...args)` runs its
 * program, which prints the received extras as one JSON line per response (`receive N`), sends
 * REQUIRED_BAGS and prints `sent` (`send`), and prints `error: <Exception>: <message>` for a refused response.
 */
export function describeInheritedExtras(language: string, server: () => TestServer, run: (...args: string[]) => Promise<string[]>): void {
  describe(`additionalProperties inherited from allOf bases or written in an inline allOf part, in the ${language} SDK`, () => {
    it("keeps them from a response, read by the schema they inherit", async () => {
      server().reset();
      server().reply(json(200, inheritedBags()));
      const [line] = await run("receive", "1");
      expect(JSON.parse(line!)).toEqual(EXTRAS);
    });

    it("writes them as properties of the object", async () => {
      server().reset();
      server().reply(json(200, REQUIRED_BAGS));
      expect(await run("send")).toEqual(["sent"]);
      expect(JSON.parse(server().requests[0]!.body)).toEqual(inheritedBags());
    });

    it("refuses a response whose extra value does not fit the schema it inherits, naming its path", async () => {
      server().reset();
      server().reply(...MISFITS.map((m) => json(200, misfitBags(m))));
      const lines = await run("receive", String(MISFITS.length));
      expect(lines).toHaveLength(MISFITS.length);
      lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^error: ResponseValidationException: .*\\$\\.${MISFITS[i]!.holder}\\.${MISFITS[i]!.key}\\b`)));
    });
  });
}
