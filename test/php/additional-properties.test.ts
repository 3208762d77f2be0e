// additionalProperties in the PHP target (test/fixtures/features/additional-properties.yaml): the
// properties a schema does not name are kept in the model's $additionalProperties array, their values
// read by the schema the object declares or inherits (an allOf base's, as Zuora's custom fields, or one
// written in an inline allOf part), and written again as properties of the object.
// A PHP script using the generated SDK sends real requests to a node:http server on 127.0.0.1.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { generate } from "../../generator/pipeline.ts";
import { FIXTURES } from "../features/generate-feature.ts";
import { NO_OUTPUT } from "../helpers/generate.ts";
import { describeInheritedExtras } from "../helpers/inherited-extras.ts";
import { startServer, type TestServer } from "../helpers/server.ts";
import { bootstrapSource, php, removeTempDirs, tempDir, writePhpFiles } from "./php-helpers.ts";

const SCRIPT = `<?php

declare(strict_types=1);

require __DIR__ . '/bootstrap.php';

use Ap\\Api;
use Ap\\Models\\Components;
use Ap\\Models\\Operations;

$sdk = Api::builder()->setServerURL($argv[2])->build();

function required(): Components\\Bags
{
    return new Components\\Bags(
        anything: new Components\\Anything(id: 'a'),
        closed: new Components\\Closed(id: 'c'),
        counts: new Components\\Counts(total: 0),
    );
}

switch ($argv[1]) {
    case 'receive':
        for ($i = 0; $i < (int) $argv[3]; $i++) {
            try {
                $b = $sdk->postBags(request: new Operations\\PostBagsRequest(requestBody: required()))->bags;
                echo json_encode([
                    'account' => $b->account->additionalProperties, 'reseller' => $b->reseller->additionalProperties,
                    'subscription' => $b->subscription->additionalProperties, 'tagged' => $b->tagged->additionalProperties,
                    'metered' => $b->metered->additionalProperties, 'meteredText' => $b->meteredText->additionalProperties,
                    'levels' => $b->levels->additionalProperties, 'narrowed' => $b->narrowed->additionalProperties,
                ]), "\\n";
            } catch (\\Throwable $e) {
                echo 'error: ', (new \\ReflectionClass($e))->getShortName(), ': ', $e->getMessage(), "\\n";
            }
        }
        break;
    case 'send':
        $bags = required();
        $bags->account = new Components\\Account(number: 1, active: true, additionalProperties: ['region__h' => 'eu']);
        $bags->reseller = new Components\\Reseller(number: 2, id: 'r', tier: 3, additionalProperties: ['region__h' => 'eu', 'seats__c' => '4']);
        $bags->subscription = new Components\\Subscription(status: 'active', additionalProperties: ['plan__c' => 'gold']);
        $bags->tagged = new Components\\Tagged(id: 't', tag: 'x', additionalProperties: ['color' => 'red', 'nested' => ['deep' => [1, 2]]]);
        $bags->metered = new Components\\Metered(unit: 'kg', id: 'm', additionalProperties: ['apples' => 3]);
        $bags->meteredText = new Components\\MeteredText(unit: 'kg', additionalProperties: ['note' => 'text']);
        $bags->levels = new Components\\Levels(level: 1, additionalProperties: ['floor' => 2]);
        $bags->narrowed = new Components\\Narrowed(unit: 'kg', additionalProperties: ['count' => 5]);
        $sdk->postBags(request: new Operations\\PostBagsRequest(requestBody: $bags));
        echo "sent\\n";
        break;
}
`;

let server: TestServer;
let script = "";

beforeAll(async () => {
  server = await startServer();
  const config = await loadConfig(undefined, { spec: path.join(FIXTURES, "additional-properties.yaml"), out: NO_OUTPUT });
  config.clientName = "Api";
  config.targets = { php: { namespace: "Ap", packageName: "sdkgen/ap", packageVersion: "0.1.0" } };
  const dir = await tempDir("additional-properties");
  const sdk = path.join(dir, "sdk");
  await writePhpFiles((await generate(config)).files, sdk);
  await writeFile(path.join(dir, "bootstrap.php"), bootstrapSource("Ap", path.join(sdk, "src")));
  script = path.join(dir, "run.php");
  await writeFile(script, SCRIPT);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await removeTempDirs();
});

async function run(...args: string[]): Promise<string[]> {
  const result = await php([script, args[0]!, server.base, ...args.slice(1)]);
  expect(result.stderr).toBe("");
  expect(result.code, result.stdout).toBe(0);
  return result.stdout.trim().split("\n");
}

describeInheritedExtras("PHP", () => server, run);
