// additionalProperties in the Python target (test/fixtures/features/additional-properties.yaml):
// the properties a schema does not name are kept in the dataclass's `additional_properties`,
// their values decoded by the declared schema, and sent again as properties of the object.
// Real requests against a node:http server on 127.0.0.1.
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { NO_OUTPUT } from "../helpers/generate.ts";
import { generate } from "../../generator/pipeline.ts";
import { FIXTURES } from "../features/generate-feature.ts";
import { json, startServer, type TestServer } from "../helpers/server.ts";
import { runPython, runScript, writeTree, mypyStrict } from "./helpers.ts";
import { DECLARED, EXTRAS, HOLDERS, inheritedBags, MISFITS, misfitBags, REQUIRED_BAGS } from "../helpers/inherited-extras.ts";

const BAGS = {
  anything: { id: "a", color: "red", nested: { deep: [1, 2] } },
  closed: { id: "c" },
  counts: { total: 3, apples: 1, pears: 2 },
  labels: { primary: "p", en: { text: "hello" }, fr: { text: "bonjour" } },
  plain: { id: "x" },
};

let server: TestServer;
let root: string;
let src: string;

beforeAll(async () => {
  server = await startServer();
  const config = await loadConfig(undefined, { spec: path.join(FIXTURES, "additional-properties.yaml"), out: NO_OUTPUT });
  config.clientName = "Api";
  config.targets = { python: { packageName: "ap_sdk", packageVersion: "0.1.0" } };
  root = await writeTree((await generate(config)).files, "python/");
  src = path.join(root, "src");
}, 60_000);

beforeEach(() => server.reset());

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

async function py(code: string): Promise<string> {
  const result = await runScript(`from ap_sdk import Api\nfrom ap_sdk.models import components, operations\ns = Api(server_url=${JSON.stringify(server.base)})\n${code}`, {}, src);
  expect(result.stderr).toBe("");
  return result.stdout.trim();
}

describe("additionalProperties in the Python SDK", () => {
  it("is black-formatted and passes mypy --strict", async () => {
    const black = await runPython(["-m", "black", "--check", "--diff", "-q", src]);
    expect(black.stdout + black.stderr).toBe("");
    const mypy = await mypyStrict(["-p", "ap_sdk"], { cwd: src, env: { PYTHONPATH: src } });
    expect(mypy.stdout + mypy.stderr).toContain("Success");
  }, 120_000);

  it("keeps the properties a response's schema does not name, decoded by their schema", async () => {
    server.reply(json(200, BAGS));
    const out = await py([
      "bags = s.post_bags({'request_body': {'anything': {'id': 'a'}, 'closed': {'id': 'c'}, 'counts': {'total': 0}}}).bags",
      "print(bags.labels.primary, type(bags.labels.additional_properties['en']).__name__, bags.labels.additional_properties['fr'].text)",
      "print(bags.counts.total, bags.counts.additional_properties)",
      "print(bags.anything.additional_properties)",
      "print(bags.plain)",
    ].join("\n"));
    expect(out.split("\n")).toEqual([
      "p LabelsModel bonjour",
      "3 {'apples': 1, 'pears': 2}",
      "{'color': 'red', 'nested': {'deep': [1, 2]}}",
      // additionalProperties not declared: nothing to keep them in.
      "Plain(id='x')",
    ]);
  });

  it("sends them again as properties of the object, from a dataclass or a dict", async () => {
    server.reply(json(200, BAGS), json(200, BAGS));
    await py([
      "labels = components.Labels(primary='p', additional_properties={'en': components.LabelsModel(text='hi')})",
      "counts = components.Counts(total=2, additional_properties={'apples': 2})",
      "s.post_bags(operations.PostBagsRequest(request_body=components.Bags(anything=components.Anything(id='a'), closed=components.Closed(id='c'), counts=counts, labels=labels)))",
      "s.post_bags({'request_body': {'anything': {'id': 'a', 'color': 'red'}, 'closed': {'id': 'c'}, 'counts': {'total': 1, 'pears': 4}}})",
    ].join("\n"));
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([
      { anything: { id: "a" }, closed: { id: "c" }, counts: { total: 2, apples: 2 }, labels: { primary: "p", en: { text: "hi" } } },
      { anything: { id: "a", color: "red" }, closed: { id: "c" }, counts: { total: 1, pears: 4 } },
    ]);
  });

  it("refuses extra values of the wrong type, and extra properties of a closed object, before sending", async () => {
    const out = await py([
      "for body in ({'anything': {'id': 'a'}, 'closed': {'id': 'c'}, 'counts': {'total': 1, 'pears': 'many'}},",
      "             {'anything': {'id': 'a'}, 'closed': {'id': 'c', 'extra': 1}, 'counts': {'total': 1}}):",
      "    try:",
      "        s.post_bags({'request_body': body})",
      "    except Exception as e:",
      "        print(type(e).__name__, getattr(e, 'path', ''))",
    ].join("\n"));
    expect(out.split("\n")).toEqual(["SDKValidationError body.counts.pears", "SDKValidationError body.closed.extra"]);
    expect(server.requests).toHaveLength(0);
  });
});

// Objects whose extra properties come from an allOf base (Zuora's custom fields) or an inline allOf
// part (test/helpers/inherited-extras.ts): they were dropped from responses and refused in requests.
describe("additionalProperties inherited from allOf bases or written in an inline allOf part", () => {
  it("keeps them from a response, decoded by the schema they inherit", async () => {
    server.reply(json(200, inheritedBags()));
    const out = await py([
      "import json",
      `bags = s.post_bags({'request_body': json.loads(${JSON.stringify(JSON.stringify(REQUIRED_BAGS))})}).bags`,
      `print(json.dumps({h: getattr(bags, h).additional_properties for h in ${JSON.stringify(HOLDERS.map(pySnake))}}))`,
    ].join("\n"));
    expect(JSON.parse(out)).toEqual(Object.fromEntries(HOLDERS.map((h) => [pySnake(h), EXTRAS[h]])));
  });

  it("sends them, from dataclasses and from dicts", async () => {
    server.reply(json(200, REQUIRED_BAGS), json(200, REQUIRED_BAGS));
    const classes = HOLDERS.map((h) => `${pySnake(h)}=components.${h.charAt(0).toUpperCase()}${h.slice(1)}(**{**${pyDict(DECLARED[h])}, 'additional_properties': ${pyDict(EXTRAS[h])}})`);
    await py([
      "import json",
      `required = json.loads(${JSON.stringify(JSON.stringify(REQUIRED_BAGS))})`,
      `s.post_bags({'request_body': json.loads(${JSON.stringify(JSON.stringify(inheritedBags()))})})`,
      `s.post_bags(operations.PostBagsRequest(request_body=components.Bags(anything=components.Anything(id='a'), closed=components.Closed(id='c'), counts=components.Counts(total=0), ${classes.join(", ")})))`,
    ].join("\n"));
    expect(server.requests.map((r) => JSON.parse(r.body))).toEqual([inheritedBags(), inheritedBags()]);
  });

  it("refuses a response whose extra value does not fit the schema it inherits", async () => {
    server.reply(...MISFITS.map((m) => json(200, misfitBags(m))));
    const out = await py([
      `for _ in range(${MISFITS.length}):`,
      "    try:",
      "        s.post_bags({'request_body': {'anything': {'id': 'a'}, 'closed': {'id': 'c'}, 'counts': {'total': 0}}})",
      "        print('accepted')",
      "    except Exception as e:",
      "        print(type(e).__name__, getattr(e, 'path', ''))",
    ].join("\n"));
    expect(out.split("\n")).toEqual(MISFITS.map((m) => `ResponseValidationError $.${m.holder}.${m.key}`));
  });
});

/** A Bags property's Python field name. */
function pySnake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** A JSON object as a Python dict literal (through json.loads, so true and null need no spelling). */
function pyDict(value: object): string {
  return `json.loads(${JSON.stringify(JSON.stringify(value))})`;
}
