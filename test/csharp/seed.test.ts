// The C# seed's examples (test/fixtures/seeds/plexcsharp-authentication.md), extracted and run with only
// the namespace changed and a serverURL argument pointing each call at a local server, against an SDK
// generated from spec/ with the seed's names for the X-Plex-* parameters, given by the target's overlays (spec/sdkgen.yaml).
// The same program then checks what the seed does not show: redirects, hooks and cancellation.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFiles, REPO_ROOT } from "../helpers/generate.ts";
import { headerValues, startServer, type RecordedRequest, type TestServer } from "../helpers/server.ts";
import { plexAuthAnswer } from "../helpers/plex-fixtures.ts";
import { clientProject, dotnet, projectOf, tempDir, writeCSharpFiles } from "./csharp-helpers.ts";

const SEED = path.join(REPO_ROOT, "test/fixtures/seeds/plexcsharp-authentication.md");

/** Every "Example Usage" program of the seed: from its first `using` line to `// handle response`. */
export function seedExamples(markdown: string): string[] {
  const examples: string[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith("using ") || (i > 0 && lines[i - 1]!.startsWith("using "))) continue;
    const end = lines.indexOf("// handle response", i);
    examples.push(lines.slice(i, end + 1).join("\n"));
    i = end;
  }
  return examples;
}

/** An example as it runs here: our namespace, and each SDK call sent to `<base>/ex<index>`. */
function adapt(example: string, index: number): { usings: string[]; body: string } {
  const code = example.replaceAll("LukeHagar.PlexAPI.SDK", "SdkGen.PlexAPI")
    .replace(/(await sdk\.\w+\.\w+Async\()(\)?)/g, (_m, call: string, close: string) => `${call}serverURL: Checks.Base + "/ex${index}"${close ? ")" : ", "}`);
  const lines = code.split("\n");
  return { usings: lines.filter((l) => l.startsWith("using ")), body: lines.filter((l) => !l.startsWith("using ")).join("\n") };
}

/** The program: the seed's examples as methods, then the further checks, each printing one JSON line. */
function program(examples: string[]): string {
  const adapted = examples.map(adapt);
  const usings = [...new Set(["using System;", "using System.Net.Http;", "using System.Threading;", "using System.Threading.Tasks;", "using SdkGen.PlexAPI.Utils;", ...adapted.flatMap((a) => a.usings)])];
  return `${usings.join("\n")}

Checks.Base = args[0];
${adapted.map((_, i) => `await Checks.Run("seed${i}", Checks.Seed${i});`).join("\n")}
await Checks.Run("redirect-cross-origin", Checks.Redirect);
await Checks.Run("hooks", Checks.Hooks);
await Checks.Run("cancelled", Checks.Cancel);

static class Checks
{
    public static string Base = "";

    public static async Task Run(string name, Func<Task<string>> check)
    {
        string outcome;
        try { outcome = await check(); }
        catch (Exception e) { outcome = e.GetType().Name + ": " + e.Message; }
        Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { name, outcome }));
    }
${adapted.map((a, i) => `
    public static async Task<string> Seed${i}()
    {
${a.body.split("\n").map((l) => (l === "" ? "" : `        ${l}`)).join("\n")}
        return res.StatusCode.ToString();
    }`).join("\n")}

    // The server redirects to the same port on "localhost": another origin, so the token must not follow.
    public static async Task<string> Redirect()
    {
        var sdk = new PlexAPI(accessToken: "secret-token", serverURL: Base + "/redirect");
        var res = await sdk.Authentication.GetTransientTokenAsync(GetTransientTokenQueryParamType.Delegation, Scope.All);
        return res.StatusCode.ToString();
    }

    sealed class Stamp : IBeforeRequestHook, IAfterSuccessHook
    {
        public int Seen;
        public Task<HttpRequestMessage> BeforeRequestAsync(HookContext context, HttpRequestMessage request)
        {
            request.Headers.Add("x-hooked", context.OperationId + "/" + context.Attempt);
            return Task.FromResult(request);
        }
        public Task<HttpResponseMessage> AfterSuccessAsync(HookContext context, HttpResponseMessage response)
        {
            Seen = (int)response.StatusCode;
            return Task.FromResult(response);
        }
    }

    public static async Task<string> Hooks()
    {
        var stamp = new Stamp();
        var sdk = new PlexAPI(accessToken: "t", serverURL: Base + "/hooks", hooks: new SDKHooks().Register(stamp));
        await sdk.Authentication.GetTransientTokenAsync(GetTransientTokenQueryParamType.Delegation, Scope.All);
        return "after-success saw " + stamp.Seen;
    }

    public static async Task<string> Cancel()
    {
        var sdk = new PlexAPI(accessToken: "t", serverURL: Base + "/hang");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await sdk.Authentication.GetTransientTokenAsync(GetTransientTokenQueryParamType.Delegation, Scope.All, cancellationToken: cancel.Token);
        return "not cancelled";
    }
}
`;
}

let server: TestServer;
let outcomes: Map<string, string>;
let examples: string[];
const byPath = (prefix: string) => server.requests.filter((r) => r.path.startsWith(prefix));

beforeAll(async () => {
  examples = seedExamples(await readFile(SEED, "utf8"));
  const dir = await tempDir("seed");
  // spec/ as committed: the seed's names come from the C# target's overlays in spec/sdkgen.yaml.
  const files = await generateFiles();
  await writeCSharpFiles(files, path.join(dir, "sdk"));
  // The program's folder is a sibling of the SDK's: a project compiles every .cs file below it.
  const app = path.join(dir, "app");
  await mkdir(app);
  await writeFile(path.join(app, "Program.cs"), program(examples));
  await writeFile(path.join(app, "Seed.csproj"), clientProject(path.join("..", "sdk", projectOf(files)), "program"));
  const build = await dotnet(["build", "-nologo", "-v", "quiet"], app);
  expect(build.code, build.output).toBe(0);

  server = await startServer();
  const plex = plexAuthAnswer();
  const answer = (r: RecordedRequest) => {
    if (r.path.startsWith("/redirect/")) return { status: 307, headers: { location: `http://localhost:${server.port}/landed${r.path.slice("/redirect".length)}?${r.rawQuery}` } };
    if (r.path.startsWith("/hang/")) return { status: 200, headers: { "content-type": "application/json" }, body: "{", stall: true };
    return plex(r);
  };
  server.reply(...Array.from({ length: 20 }, () => answer));
  const run = await dotnet(["run", "--no-build", "--", server.base], app, 120_000);
  expect(run.code, run.output).toBe(0);
  outcomes = new Map(run.output.split("\n").filter((l) => l.startsWith("{")).map((l) => {
    const { name, outcome } = JSON.parse(l) as { name: string; outcome: string };
    return [name, outcome];
  }));
}, 300_000);

afterAll(async () => {
  await server?.close();
});

const PLEX_HEADERS = {
  "x-plex-client-identifier": "gcgzw5rz2xovp84b4vha3a40", "x-plex-product": "Plex Web", "x-plex-version": "4.133.0",
  "x-plex-platform": "Chrome", "x-plex-device": "Linux",
};

function expectHeaders(request: RecordedRequest, expected: Record<string, string>): void {
  for (const [name, value] of Object.entries(expected)) expect(headerValues(request, name), name).toEqual([value]);
}

describe("the C# seed's examples, run verbatim but for the namespace and the server", () => {
  it("finds the seed's four examples", () => {
    expect(examples).toHaveLength(4);
    expect(examples.map((e) => /sdk\.Authentication\.(\w+)\(/.exec(e)?.[1])).toEqual([
      "GetTransientTokenAsync", "GetSourceConnectionInformationAsync", "GetTokenDetailsAsync", "PostUsersSignInDataAsync",
    ]);
  });

  it("GetTransientTokenAsync sends the query, the token and every X-Plex-* header the seed sets", () => {
    expect(outcomes.get("seed0")).toBe("200");
    const [request, ...more] = byPath("/ex0/");
    expect(more).toEqual([]);
    expect([request!.method, request!.path, request!.rawQuery]).toEqual(["GET", "/ex0/security/token", "type=delegation&scope=all"]);
    expectHeaders(request!, { "x-plex-token": "<YOUR_API_KEY_HERE>", ...PLEX_HEADERS });
    expect(request!.body).toBe("");
  });

  it("GetSourceConnectionInformationAsync percent-encodes the source", () => {
    expect(outcomes.get("seed1")).toBe("200");
    const [request] = byPath("/ex1/");
    expect([request!.method, request!.path, request!.rawQuery]).toEqual(["GET", "/ex1/security/resources", "source=server%3A%2F%2Fclient-identifier"]);
    expectHeaders(request!, { "x-plex-token": "<YOUR_API_KEY_HERE>", ...PLEX_HEADERS });
  });

  it("GetTokenDetailsAsync decodes the account", () => {
    expect(outcomes.get("seed2")).toBe("200");
    const [request] = byPath("/ex2/");
    expect([request!.method, request!.path, request!.rawQuery]).toEqual(["GET", "/ex2/user", ""]);
    expectHeaders(request!, { "x-plex-token": "<YOUR_API_KEY_HERE>", ...PLEX_HEADERS });
  });

  it("PostUsersSignInDataAsync sends the form body byte for byte, the per-call clientID, and no token", () => {
    expect(outcomes.get("seed3")).toBe("201");
    const [request] = byPath("/ex3/");
    expect([request!.method, request!.path]).toEqual(["POST", "/ex3/users/signin"]);
    expect(request!.body).toBe("login=username%40email.com&password=password123&verificationCode=123456");
    expectHeaders(request!, { "content-type": "application/x-www-form-urlencoded", ...PLEX_HEADERS });
    expect(headerValues(request!, "x-plex-token")).toEqual([]);
  });
});

describe("beyond the seed, against the same server", () => {
  it("follows a redirect to another origin without the token", () => {
    expect(outcomes.get("redirect-cross-origin")).toBe("200");
    const [first, landed] = [byPath("/redirect/")[0]!, byPath("/landed/")[0]!];
    expect(headerValues(first, "x-plex-token")).toEqual(["secret-token"]);
    expect(landed.path).toBe("/landed/security/token");
    expect(landed.headers.host).toBe(`localhost:${server.port}`);
    expect(headerValues(landed, "x-plex-token")).toEqual([]);
  });

  it("runs the before-request and after-success hooks", () => {
    expect(outcomes.get("hooks")).toBe("after-success saw 200");
    expect(headerValues(byPath("/hooks/")[0]!, "x-hooked")).toEqual(["getTransientToken/1"]);
  });

  it("a cancelled CancellationToken ends the call with OperationCanceledException", () => {
    expect(outcomes.get("cancelled")).toMatch(/^(TaskCanceledException|OperationCanceledException): /);
  });
});
