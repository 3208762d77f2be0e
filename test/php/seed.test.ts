// The PHP seed's examples (test/fixtures/seeds/plexphp-authentication.md), extracted and run with only the
// namespace changed, our autoloader for Composer's, and the client pointed at a local server, against an
// SDK generated from spec/ with the seed's names for the X-Plex-* parameters, given by the target's overlays (spec/sdkgen.yaml).
// A second script then checks what the seed does not show: a cross-origin redirect and hooks.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateFiles, REPO_ROOT } from "../helpers/generate.ts";
import { plexAuthAnswer } from "../helpers/plex-fixtures.ts";
import { headerValues, startServer, type RecordedRequest, type TestServer } from "../helpers/server.ts";
import { bootstrapSource, php, phpString, psr4Of, removeTempDirs, tempDir, writePhpFiles, type PhpRun } from "./php-helpers.ts";

const SEED = path.join(REPO_ROOT, "test/fixtures/seeds/plexphp-authentication.md");
const SEED_NAMESPACE = "LukeHagar\\Plex_API";
const OUR_NAMESPACE = "SdkGen\\Plex_API";
/** Operations with a server of their own (https://plex.tv/api/v2), which the client's server URL does not replace. */
const OWN_SERVER = ["getTokenDetails", "postUsersSignInData"];

/** Every "Example Usage" program of the seed: from `declare(strict_types=1);` to the `}` closing its `if`. */
export function seedExamples(markdown: string): string[] {
  const examples: string[] = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== "declare(strict_types=1);") continue;
    const opening = lines.findIndex((l, j) => j > i && /^\s*if \(.*\) \{\s*$/.test(l));
    const end = lines.findIndex((l, j) => j > opening && /^\s*\}\s*$/.test(l));
    if (opening < 0 || end < 0) throw new Error(`the example on line ${i + 1} has no closing if`);
    examples.push(lines.slice(i, end + 1).join("\n"));
    i = end;
  }
  return examples;
}

/**
 * An example as it runs here: our namespace, our autoloader for Composer's, `->setServerURL(...)` before
 * `->build()`, and for an operation with its own server the per-call `serverURL:` argument too.
 */
export function adapt(example: string, bootstrapFile: string, serverURL: string): string {
  let code = example.replaceAll(SEED_NAMESPACE, OUR_NAMESPACE)
    .replace("require 'vendor/autoload.php';", `require ${phpString(bootstrapFile)};`)
    .replace("->build()", `->setServerURL(${phpString(serverURL)})->build()`);
  for (const operation of OWN_SERVER) code = code.replace(`->${operation}(`, `->${operation}(\nserverURL: ${phpString(serverURL)},`);
  // The example ends with its `if`: it says what happened, for the test.
  return `<?php\n\n${code}\necho 'status ', $response->statusCode, "\\n";\n`;
}

/** Beyond the seed: a redirect to another origin, and hooks; one JSON line per check. */
function extras(bootstrapFile: string, base: string): string {
  return `<?php

declare(strict_types=1);

require ${phpString(bootstrapFile)};

use Psr\\Http\\Message\\RequestInterface;
use Psr\\Http\\Message\\ResponseInterface;
use SdkGen\\Plex_API;
use SdkGen\\Plex_API\\Models\\Operations;
use SdkGen\\Plex_API\\Utils;

function check(string $name, \\Closure $check): void
{
    try {
        $outcome = $check();
    } catch (\\Throwable $e) {
        $outcome = get_class($e) . ': ' . $e->getMessage();
    }
    echo json_encode(['name' => $name, 'outcome' => $outcome], JSON_UNESCAPED_SLASHES), "\\n";
}

final class Stamp implements Utils\\BeforeRequestHook, Utils\\AfterSuccessHook
{
    public int $seen = 0;

    public function beforeRequest(Utils\\HookContext $ctx, RequestInterface $request): RequestInterface
    {
        return $request->withHeader('x-hooked', $ctx->operationId . '/' . $ctx->attempt);
    }

    public function afterSuccess(Utils\\HookContext $ctx, ResponseInterface $response): ResponseInterface
    {
        $this->seen = $response->getStatusCode();
        return $response;
    }
}

// The server redirects to the same port on "localhost": another origin, so the token must not follow.
check('redirect-cross-origin', static function (): string {
    $sdk = Plex_API\\PlexAPI::builder()->setSecurity('secret-token')->setServerURL(${phpString(`${base}/redirect`)})->build();
    $res = $sdk->authentication->getTransientToken(type: Operations\\GetTransientTokenQueryParamType::Delegation, scope: Operations\\Scope::All);
    return (string) $res->statusCode;
});

check('hooks', static function (): string {
    $stamp = new Stamp();
    $sdk = Plex_API\\PlexAPI::builder()->setSecurity('t')->setServerURL(${phpString(`${base}/hooks`)})
        ->setHooks((new Utils\\SDKHooks())->register($stamp))->build();
    $sdk->authentication->getTransientToken(type: Operations\\GetTransientTokenQueryParamType::Delegation, scope: Operations\\Scope::All);
    return 'after-success saw ' . $stamp->seen;
});
`;
}

let server: TestServer;
let examples: string[];
const runs: PhpRun[] = [];
let extrasRun: PhpRun;
let outcomes: Map<string, string>;
const byPath = (prefix: string) => server.requests.filter((r) => r.path.startsWith(prefix));

beforeAll(async () => {
  examples = seedExamples(await readFile(SEED, "utf8"));
  const dir = await tempDir("seed");
  // spec/ as committed: the seed's names come from the PHP target's overlays in spec/sdkgen.yaml.
  const files = await generateFiles();
  const sdk = path.join(dir, "sdk");
  await writePhpFiles(files, sdk);
  const { namespace, src } = psr4Of(files.get("php/composer.json")!);
  expect(namespace).toBe(OUR_NAMESPACE);
  const bootstrap = path.join(dir, "bootstrap.php");
  await writeFile(bootstrap, bootstrapSource(namespace, path.join(sdk, src)));

  server = await startServer();
  const plex = plexAuthAnswer();
  const answer = (r: RecordedRequest) => {
    if (r.path.startsWith("/redirect/")) return { status: 307, headers: { location: `http://localhost:${server.port}/landed${r.path.slice("/redirect".length)}?${r.rawQuery}` } };
    return plex(r);
  };
  server.reply(...Array.from({ length: 20 }, () => answer));
  for (const [i, example] of examples.entries()) {
    const file = path.join(dir, `seed${i}.php`);
    await writeFile(file, adapt(example, bootstrap, `${server.base}/ex${i}`));
    runs.push(await php([file]));
  }
  const extrasFile = path.join(dir, "extras.php");
  await writeFile(extrasFile, extras(bootstrap, server.base));
  extrasRun = await php([extrasFile]);
  outcomes = new Map(extrasRun.stdout.split("\n").filter((l) => l.startsWith("{")).map((l) => {
    const { name, outcome } = JSON.parse(l) as { name: string; outcome: string };
    return [name, outcome];
  }));
}, 300_000);

afterAll(async () => {
  await server?.close();
  await removeTempDirs();
});

const PLEX_HEADERS = ["x-plex-client-identifier", "x-plex-product", "x-plex-version", "x-plex-platform", "x-plex-device"];

/** The example ran, printed its status and nothing else, and sent exactly one request. */
function ran(index: number, status: number): RecordedRequest {
  const run = runs[index]!;
  expect(run.stderr, `seed${index}`).toBe("");
  expect(run.stdout, `seed${index}`).toBe(`status ${status}\n`);
  expect(run.code).toBe(0);
  const sent = byPath(`/ex${index}/`);
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

describe("the PHP seed's examples, run verbatim but for the namespace, the autoloader and the server", () => {
  it("finds the seed's four examples", () => {
    expect(examples).toHaveLength(4);
    expect(examples.map((e) => /\$sdk->authentication->(\w+)\(/.exec(e)?.[1])).toEqual([
      "getTransientToken", "getSourceConnectionInformation", "getTokenDetails", "postUsersSignInData",
    ]);
    for (const e of examples) {
      expect(e.startsWith("declare(strict_types=1);")).toBe(true);
      expect(e.trimEnd().endsWith("}")).toBe(true);
    }
  });

  it("getTransientToken sends the query and the token, and no X-Plex-* header the seed does not set", () => {
    const request = ran(0, 200);
    expect([request.method, request.path, request.rawQuery]).toEqual(["GET", "/ex0/security/token", "type=delegation&scope=all"]);
    expect(headerValues(request, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
    for (const name of PLEX_HEADERS) expect(headerValues(request, name), name).toEqual([]);
    expect(request.body).toBe("");
  });

  it("getSourceConnectionInformation percent-encodes the source", () => {
    const request = ran(1, 200);
    expect([request.method, request.path, request.rawQuery]).toEqual(["GET", "/ex1/security/resources", "source=server%3A%2F%2Fclient-identifier"]);
    expect(headerValues(request, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
    for (const name of PLEX_HEADERS) expect(headerValues(request, name), name).toEqual([]);
  });

  it("getTokenDetails sends the token to its per-call server URL and decodes the account", () => {
    const request = ran(2, 200);
    expect([request.method, request.path, request.rawQuery]).toEqual(["GET", "/ex2/user", ""]);
    expect(headerValues(request, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
  });

  it("postUsersSignInData sends the form body byte for byte, every X-Plex-* value under the seed's names, and no token", () => {
    const request = ran(3, 201);
    expect([request.method, request.path, request.rawQuery]).toEqual(["POST", "/ex3/users/signin", ""]);
    expect(request.body).toBe("login=username%40email.com&password=password123&verificationCode=123456");
    expect(headerValues(request, "content-type").map((v) => v.split(";")[0])).toEqual(["application/x-www-form-urlencoded"]);
    expect(Object.fromEntries(PLEX_HEADERS.map((h) => [h, headerValues(request, h)]))).toEqual({
      "x-plex-client-identifier": ["3381b62b-9ab7-4e37-827b-203e9809eb58"], "x-plex-product": ["Plex for Roku"],
      "x-plex-device": ["Roku 3"], "x-plex-version": ["2.4.1"], "x-plex-platform": ["Roku"],
    });
    expect(headerValues(request, "x-plex-token")).toEqual([]);
  });

  it("adapt() changes only the namespace, the autoloader and the server (negative control)", () => {
    const example = "declare(strict_types=1);\nrequire 'vendor/autoload.php';\nuse LukeHagar\\Plex_API;\n$sdk = Plex_API\\PlexAPI::builder()->build();\n$response = $sdk->authentication->getTokenDetails(\n);";
    expect(adapt(example, "/b.php", "http://h/x")).toBe(
      "<?php\n\ndeclare(strict_types=1);\nrequire '/b.php';\nuse SdkGen\\Plex_API;\n$sdk = Plex_API\\PlexAPI::builder()->setServerURL('http://h/x')->build();\n"
      + "$response = $sdk->authentication->getTokenDetails(\nserverURL: 'http://h/x',\n);\necho 'status ', $response->statusCode, \"\\n\";\n",
    );
    expect(seedExamples("```php\ndeclare(strict_types=1);\n$a = 1;\nif ($a) {\n// x\n}\n```\nmore }\n")).toEqual(["declare(strict_types=1);\n$a = 1;\nif ($a) {\n// x\n}"]);
  });
});

describe("beyond the seed, against the same server", () => {
  it("the extra checks ran without PHP errors", () => {
    expect(extrasRun.stderr).toBe("");
    expect(extrasRun.code).toBe(0);
    expect([...outcomes.keys()]).toEqual(["redirect-cross-origin", "hooks"]);
  });

  it("follows a redirect to another origin without the token", () => {
    expect(outcomes.get("redirect-cross-origin")).toBe("200");
    const [first, landed] = [byPath("/redirect/")[0]!, byPath("/landed/")[0]!];
    expect(headerValues(first, "x-plex-token")).toEqual(["secret-token"]);
    expect(landed.path).toBe("/landed/security/token");
    expect(landed.rawQuery).toBe("type=delegation&scope=all");
    expect(landed.headers.host).toBe(`localhost:${server.port}`);
    expect(headerValues(landed, "x-plex-token")).toEqual([]);
  });

  it("runs the before-request and after-success hooks", () => {
    expect(outcomes.get("hooks")).toBe("after-success saw 200");
    expect(headerValues(byPath("/hooks/")[0]!, "x-hooked")).toEqual(["getTransientToken/1"]);
  });
});
