// additionalProperties in the Go target (test/fixtures/features/additional-properties.yaml): the
// properties a schema does not name are kept in the struct's AdditionalProperties map, their
// values decoded by the declared schema, and sent again as properties of the object.
// Real requests against a node:http server on 127.0.0.1.
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { NO_OUTPUT } from "../helpers/generate.ts";
import { generate } from "../../generator/pipeline.ts";
import { FIXTURES } from "../features/generate-feature.ts";
import { json, startServer, type TestServer } from "../helpers/server.ts";
import { clientModule, go, tempDir, writeGoFiles } from "./go-helpers.ts";
import { EXTRAS, inheritedBags, MISFITS, misfitBags } from "../helpers/inherited-extras.ts";

const BAGS = {
  anything: { id: "a", color: "red", nested: { deep: [1, 2] } },
  closed: { id: "c", ignored: true },
  counts: { total: 3, apples: 1, pears: 2 },
  labels: { primary: "p", en: { text: "hello" }, fr: { text: "bonjour" } },
};

const MAIN = `package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	ap "github.com/sdkgen/plexgo"
	"github.com/sdkgen/plexgo/models/components"
)

func main() {
	s := ap.New(ap.WithServerURL(os.Args[2]))
	ctx := context.Background()
	switch os.Args[1] {
	case "receive":
		res, err := s.PostBags(ctx, &components.Bags{})
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		out, _ := json.Marshal(map[string]any{
			"labels": res.Bags.Labels.AdditionalProperties, "primary": *res.Bags.Labels.Primary,
			"counts": res.Bags.Counts.AdditionalProperties, "anything": res.Bags.Anything.AdditionalProperties,
		})
		fmt.Println(string(out))
	case "send":
		primary := "p"
		_, err := s.PostBags(ctx, &components.Bags{
			Anything: components.Anything{Id: "a", AdditionalProperties: map[string]any{"color": "red", "id": "shadowed"}},
			Closed:   components.Closed{Id: "c"},
			Counts:   components.Counts{Total: 2, AdditionalProperties: map[string]int{"pears": 4, "apples": 1}},
			Labels:   &components.Labels{Primary: &primary, AdditionalProperties: map[string]components.LabelsModel{"en": {Text: "hi"}}},
		})
		fmt.Println("error:", err)
	case "receive-inherited":
		res, err := s.PostBags(ctx, &components.Bags{})
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		b := res.Bags
		out, _ := json.Marshal(map[string]any{
			"account": b.Account.AdditionalProperties, "reseller": b.Reseller.AdditionalProperties,
			"subscription": b.Subscription.AdditionalProperties, "tagged": b.Tagged.AdditionalProperties,
			"metered": b.Metered.AdditionalProperties, "meteredText": b.MeteredText.AdditionalProperties,
			"levels": b.Levels.AdditionalProperties, "narrowed": b.Narrowed.AdditionalProperties,
		})
		fmt.Println(string(out))
	case "send-inherited":
		_, err := s.PostBags(ctx, &components.Bags{
			Anything:     components.Anything{Id: "a"},
			Closed:       components.Closed{Id: "c"},
			Counts:       components.Counts{Total: 0},
			Account:      &components.Account{Number: 1, Active: ap.Bool(true), AdditionalProperties: map[string]string{"region__h": "eu"}},
			Reseller:     &components.Reseller{Number: 2, Id: ap.String("r"), Tier: ap.Int(3), AdditionalProperties: map[string]string{"region__h": "eu", "seats__c": "4"}},
			Subscription: &components.Subscription{Status: ap.String("active"), AdditionalProperties: map[string]string{"plan__c": "gold"}},
			Tagged:       &components.Tagged{Id: "t", Tag: ap.String("x"), AdditionalProperties: map[string]any{"color": "red", "nested": map[string]any{"deep": []int{1, 2}}}},
			Metered:      &components.Metered{Plain: components.Plain{Id: ap.String("m")}, Unit: "kg", AdditionalProperties: map[string]int{"apples": 3}},
			MeteredText:  &components.MeteredText{Unit: ap.String("kg"), AdditionalProperties: map[string]string{"note": "text"}},
			Levels:       &components.Levels{Level: ap.Int(1), AdditionalProperties: map[string]int{"floor": 2}},
			Narrowed:     &components.Narrowed{Unit: ap.String("kg"), AdditionalProperties: map[string]int{"count": 5}},
		})
		fmt.Println("error:", err)
	}
}
`;

let server: TestServer;
let binary = "";

beforeAll(async () => {
  server = await startServer();
  const config = await loadConfig(undefined, { spec: path.join(FIXTURES, "additional-properties.yaml"), out: NO_OUTPUT });
  config.clientName = "Api";
  config.targets = { go: { modulePath: "github.com/sdkgen/plexgo", packageName: "ap" } };
  const sdk = await tempDir("ap-sdk");
  await writeGoFiles((await generate(config)).files, sdk);
  const client = await clientModule(sdk, { "main.go": MAIN }, "ap");
  binary = path.join(client, "ap");
  await go(["vet", "./..."], sdk);
  await go(["build", "-o", binary, "."], client);
}, 300_000);

beforeEach(() => server.reset());

afterAll(async () => {
  await server.close();
});

async function run(command: string): Promise<string> {
  return (await go([command, server.base], process.cwd(), binary)).stdout.trim();
}

describe("additionalProperties in the Go SDK", () => {
  it("keeps the properties a response's schema does not name, decoded by their schema", async () => {
    server.reply(json(200, BAGS));
    expect(JSON.parse(await run("receive"))).toEqual({
      labels: { en: { text: "hello" }, fr: { text: "bonjour" } },
      primary: "p",
      counts: { apples: 1, pears: 2 },
      anything: { color: "red", nested: { deep: [1, 2] } },
    });
  });

  it("refuses a response whose extra values do not fit their schema", async () => {
    server.reply(json(200, { ...BAGS, counts: { total: 1, pears: "many" } }));
    expect(await run("receive")).toMatch(/^error: .*counts\.pears/);
  });

  it("sends them as properties of the object, after the declared ones and never over them", async () => {
    server.reply(json(200, BAGS));
    expect(await run("send")).toBe("error: <nil>");
    expect(server.requests[0]!.body).toBe(
      '{"anything":{"id":"a","color":"red"},"closed":{"id":"c"},"counts":{"total":2,"apples":1,"pears":4},"labels":{"primary":"p","en":{"text":"hi"}}}',
    );
  });
});

// Objects whose extra properties come from an allOf base (Zuora's custom fields) or an inline allOf
// part (test/helpers/inherited-extras.ts): the structs had no field for them, so they were dropped.
describe("additionalProperties inherited from allOf bases or written in an inline allOf part", () => {
  it("keeps them from a response, decoded by the schema they inherit", async () => {
    server.reply(json(200, inheritedBags()));
    expect(JSON.parse(await run("receive-inherited"))).toEqual(EXTRAS);
  });

  it("sends them as properties of the object", async () => {
    server.reply(json(200, BAGS));
    expect(await run("send-inherited")).toBe("error: <nil>");
    expect(JSON.parse(server.requests[0]!.body)).toEqual(inheritedBags());
  });

  it.each(MISFITS)("refuses a response whose extra value does not fit the schema it inherits: $holder.$key", async (misfit) => {
    server.reply(json(200, misfitBags(misfit)));
    expect(await run("receive-inherited")).toMatch(new RegExp(`^error: .*\\$\\.${misfit.holder}\\.${misfit.key}\\b`));
  });
});
