// additionalProperties in the C# target (test/fixtures/features/additional-properties.yaml): the
// properties a schema does not name are kept in the class's AdditionalProperties dictionary, their
// values read by the schema the object declares or inherits (an allOf base's, as Zuora's custom fields,
// or one written in an inline allOf part), and written again as properties of the object.
// A program built against the generated SDK sends real requests to a node:http server on 127.0.0.1.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect } from "vitest";
import { loadConfig } from "../../generator/config.ts";
import { generate } from "../../generator/pipeline.ts";
import { FIXTURES } from "../features/generate-feature.ts";
import { NO_OUTPUT } from "../helpers/generate.ts";
import { describeInheritedExtras } from "../helpers/inherited-extras.ts";
import { startServer, type TestServer } from "../helpers/server.ts";
import { clientProject, dotnet, projectOf, tempDir, writeCSharpFiles } from "./csharp-helpers.ts";

const PROGRAM = `using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Ap;
using Ap.Models.Components;

var sdk = new Api(serverURL: args[1]);
switch (args[0])
{
    case "receive":
        for (var i = 0; i < int.Parse(args[2]); i++)
        {
            try
            {
                var b = (await sdk.PostBagsAsync(Required())).Bags!;
                Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
                {
                    ["account"] = b.Account?.AdditionalProperties, ["reseller"] = b.Reseller?.AdditionalProperties,
                    ["subscription"] = b.Subscription?.AdditionalProperties, ["tagged"] = b.Tagged?.AdditionalProperties,
                    ["metered"] = b.Metered?.AdditionalProperties, ["meteredText"] = b.MeteredText?.AdditionalProperties,
                    ["levels"] = b.Levels?.AdditionalProperties, ["narrowed"] = b.Narrowed?.AdditionalProperties,
                }));
            }
            catch (Exception e)
            {
                Console.WriteLine("error: " + e.GetType().Name + ": " + e.Message);
            }
        }
        break;
    case "send":
        var bags = Required();
        bags.Account = new Account { Number = 1, Active = true, AdditionalProperties = new() { ["region__h"] = "eu" } };
        bags.Reseller = new Reseller { Number = 2, Id = "r", Tier = 3, AdditionalProperties = new() { ["region__h"] = "eu", ["seats__c"] = "4" } };
        bags.Subscription = new Subscription { Status = "active", AdditionalProperties = new() { ["plan__c"] = "gold" } };
        bags.Tagged = new Tagged { Id = "t", Tag = "x", AdditionalProperties = new() { ["color"] = J("\\"red\\""), ["nested"] = J("{\\"deep\\":[1,2]}") } };
        bags.Metered = new Metered { Unit = "kg", Id = "m", AdditionalProperties = new() { ["apples"] = 3 } };
        bags.MeteredText = new MeteredText { Unit = "kg", AdditionalProperties = new() { ["note"] = "text" } };
        bags.Levels = new Levels { Level = 1, AdditionalProperties = new() { ["floor"] = 2 } };
        bags.Narrowed = new Narrowed { Unit = "kg", AdditionalProperties = new() { ["count"] = 5 } };
        await sdk.PostBagsAsync(bags);
        Console.WriteLine("sent");
        break;
}

static Bags Required() => new Bags { Anything = new Anything { Id = "a" }, Closed = new Closed { Id = "c" }, Counts = new Counts { Total = 0 } };

static JsonElement J(string text) => JsonDocument.Parse(text).RootElement.Clone();
`;

let server: TestServer;
let app = "";

beforeAll(async () => {
  server = await startServer();
  const config = await loadConfig(undefined, { spec: path.join(FIXTURES, "additional-properties.yaml"), out: NO_OUTPUT });
  config.clientName = "Api";
  config.targets = { csharp: { namespace: "Ap", packageVersion: "0.1.0" } };
  const files = (await generate(config)).files;
  const dir = await tempDir("additional-properties");
  await writeCSharpFiles(files, path.join(dir, "sdk"));
  app = path.join(dir, "app");
  await mkdir(app);
  await writeFile(path.join(app, "Program.cs"), PROGRAM);
  await writeFile(path.join(app, "App.csproj"), clientProject(path.join("..", "sdk", projectOf(files)), "program"));
  const build = await dotnet(["build", "-nologo", "-v", "quiet"], app);
  expect(build.code, build.output).toBe(0);
}, 600_000);

afterAll(async () => {
  await server?.close();
});

async function run(...args: string[]): Promise<string[]> {
  const result = await dotnet(["run", "--no-build", "--", args[0]!, server.base, ...args.slice(1)], app, 120_000);
  expect(result.code, result.output).toBe(0);
  return result.output.trim().split("\n");
}

describeInheritedExtras("C#", () => server, run);
