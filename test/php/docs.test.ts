// The PHP samples of the committed generated/php docs: every ```php block of README.md and docs/**/*.md
// passes php -l (wrapped as `<?php` + the block), and the four operation samples of
// docs/sdks/authentication/README.md run against a local server with only the Composer autoloader
// replaced by ours and `->setServerURL(...)` inserted before `->build()`: what each sends is checked.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeBlocksIn } from "../helpers/markdown.ts";
import { REPO_ROOT } from "../helpers/generate.ts";
import { plexAuthAnswer } from "../helpers/plex-fixtures.ts";
import { headerValues, startServer, type RecordedRequest, type TestServer } from "../helpers/server.ts";
import {
  bootstrapSource, filesUnder, lintFiles, php, phpString, psr4Of, removeTempDirs, sampleFile, tempDir, type PhpRun,
} from "./php-helpers.ts";

const GENERATED_PHP = path.join(REPO_ROOT, "generated/php");
const COMPOSER_AUTOLOAD = "require 'vendor/autoload.php';";

interface Sample {
  page: string;
  line: number;
  code: string;
}

let samples: Sample[] = [];
let lint: { linted: number; failures: string[] };
let dir: string;
let bootstrap: string;

/**
 * A sample as it runs here: our autoloader for Composer's, and the client pointed at `serverURL`. An
 * operation with a server of its own (getTokenDetails and postUsersSignInData: https://plex.tv/api/v2)
 * ignores the client's server URL, as Speakeasy's SDKs do, so its call also gets the per-call `serverURL:`
 * argument (named, first, with a trailing comma): no request may leave the machine.
 */
export function runnable(code: string, bootstrapFile: string, serverURL: string, ownServer: string[] = ["getTokenDetails", "postUsersSignInData"]): string {
  if (code.split(COMPOSER_AUTOLOAD).length !== 2) throw new Error(`expected one "${COMPOSER_AUTOLOAD}" in:\n${code}`);
  if (code.split("->build()").length !== 2) throw new Error(`expected one "->build()" in:\n${code}`);
  let adapted = code.replace(COMPOSER_AUTOLOAD, `require ${phpString(bootstrapFile)};`)
    .replace("->build()", `->setServerURL(${phpString(serverURL)})\n->build()`);
  for (const operation of ownServer) {
    adapted = adapted.replace(`->${operation}(`, `->${operation}(\n    serverURL: ${phpString(serverURL)},`);
  }
  return sampleFile(adapted);
}

beforeAll(async () => {
  dir = await tempDir("docs");
  const pages = [path.join(GENERATED_PHP, "README.md"), ...await filesUnder(path.join(GENERATED_PHP, "docs"), ".md")];
  for (const page of pages) {
    for (const block of codeBlocksIn(await readFile(page, "utf8"), "php")) {
      samples.push({ page: path.relative(GENERATED_PHP, page), line: block.line, code: block.code });
    }
  }
  const files: string[] = [];
  for (const [i, sample] of samples.entries()) {
    const file = path.join(dir, `sample${i}.php`);
    await writeFile(file, sampleFile(sample.code));
    files.push(file);
  }
  lint = await lintFiles(files);
  const { namespace, src } = psr4Of(await readFile(path.join(GENERATED_PHP, "composer.json"), "utf8"));
  bootstrap = path.join(dir, "bootstrap.php");
  await writeFile(bootstrap, bootstrapSource(namespace, path.join(GENERATED_PHP, src)));
}, 120_000);

afterAll(removeTempDirs);

describe("every PHP sample of generated/php's docs", () => {
  it("is found: README.md and each operation's page have some", () => {
    expect(samples.filter((s) => s.page === "README.md").length).toBeGreaterThanOrEqual(3);
    expect(samples.filter((s) => s.page === "docs/sdks/authentication/README.md")).toHaveLength(4);
  });

  it("passes php -l", () => {
    expect(lint.linted).toBe(samples.length);
    const located = lint.failures.map((f) => {
      const i = Number(/sample(\d+)\.php/.exec(f)?.[1]);
      return Number.isNaN(i) ? f : `${samples[i]!.page}:${samples[i]!.line}: ${f}`;
    });
    expect(located).toEqual([]);
  });

  it("starts with declare(strict_types=1) and loads the SDK through Composer's autoloader", () => {
    const runnableOnes = samples.filter((s) => s.code.includes("->build()"));
    expect(runnableOnes.length).toBeGreaterThanOrEqual(5);
    for (const s of runnableOnes) {
      expect(s.code.startsWith("declare(strict_types=1);"), `${s.page}:${s.line}`).toBe(true);
      expect(s.code, `${s.page}:${s.line}`).toContain(COMPOSER_AUTOLOAD);
    }
  });
});

describe("the operation samples of docs/sdks/authentication/README.md, run", () => {
  let server: TestServer;
  const runs = new Map<string, PhpRun>();
  const requests = new Map<string, RecordedRequest[]>();

  beforeAll(async () => {
    server = await startServer();
    const answer = plexAuthAnswer();
    const pageSamples = samples.filter((s) => s.page === "docs/sdks/authentication/README.md");
    for (const sample of pageSamples) {
      const operation = /\$sdk->authentication->(\w+)\(/.exec(sample.code)?.[1] ?? `line${sample.line}`;
      server.reset();
      server.reply(answer, answer);
      const file = path.join(dir, `run-${operation}.php`);
      await writeFile(file, runnable(sample.code, bootstrap, `${server.base}/${operation}`));
      runs.set(operation, await php([file]));
      requests.set(operation, [...server.requests]);
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  function only(operation: string): RecordedRequest {
    const run = runs.get(operation);
    expect(run, `no sample calls ${operation}`).toBeDefined();
    expect(run!.stderr + run!.stdout).toBe("");
    expect(run!.code).toBe(0);
    const sent = requests.get(operation)!;
    expect(sent).toHaveLength(1);
    return sent[0]!;
  }

  it("getSourceConnectionInformation sends the encoded source and the token", () => {
    const r = only("getSourceConnectionInformation");
    expect([r.method, r.path, r.rawQuery]).toEqual(["GET", "/getSourceConnectionInformation/security/resources", "source=server%3A%2F%2Fclient-identifier"]);
    expect(headerValues(r, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
    expect(headerValues(r, "x-plex-client-identifier")).toEqual(["3381b62b-9ab7-4e37-827b-203e9809eb58"]);
    expect(r.body).toBe("");
  });

  it("getTransientToken sends the enum values and the token", () => {
    const r = only("getTransientToken");
    expect([r.method, r.path, r.rawQuery]).toEqual(["GET", "/getTransientToken/security/token", "type=delegation&scope=all"]);
    expect(headerValues(r, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
    expect(headerValues(r, "x-plex-client-identifier")).toEqual(["3381b62b-9ab7-4e37-827b-203e9809eb58"]);
    expect(r.body).toBe("");
  });

  it("getTokenDetails sends the token to the per-call server URL", () => {
    const r = only("getTokenDetails");
    expect([r.method, r.path, r.rawQuery]).toEqual(["GET", "/getTokenDetails/user", ""]);
    expect(headerValues(r, "x-plex-token")).toEqual(["<YOUR_API_KEY_HERE>"]);
    expect(headerValues(r, "x-plex-client-identifier")).toEqual(["3381b62b-9ab7-4e37-827b-203e9809eb58"]);
  });

  it("postUsersSignInData sends the form body byte for byte, the per-call headers, and no token", () => {
    const r = only("postUsersSignInData");
    expect([r.method, r.path, r.rawQuery]).toEqual(["POST", "/postUsersSignInData/users/signin", ""]);
    expect(r.body).toBe("login=username%40email.com&password=password123&verificationCode=123456");
    expect(headerValues(r, "content-type").map((v) => v.split(";")[0])).toEqual(["application/x-www-form-urlencoded"]);
    expect(headerValues(r, "x-plex-token")).toEqual([]);
    expect({
      id: headerValues(r, "x-plex-client-identifier"), product: headerValues(r, "x-plex-product"), device: headerValues(r, "x-plex-device"),
      version: headerValues(r, "x-plex-version"), platform: headerValues(r, "x-plex-platform"),
    }).toEqual({ id: ["3381b62b-9ab7-4e37-827b-203e9809eb58"], product: ["Plex for Roku"], device: ["Roku 3"], version: ["2.4.1"], platform: ["Roku"] });
  });

  it("runnable() changes only the autoloader and the server (negative control: a sample without build() is refused)", () => {
    const code = "declare(strict_types=1);\n\nrequire 'vendor/autoload.php';\n\n$sdk = X::builder()\n->build();\n";
    expect(runnable(code, "/b.php", "http://h/x")).toBe("<?php\n\ndeclare(strict_types=1);\n\nrequire '/b.php';\n\n$sdk = X::builder()\n->setServerURL('http://h/x')\n->build();\n\n");
    expect(() => runnable("require 'vendor/autoload.php';\n$x = 1;", "/b.php", "http://h")).toThrow(/build/);
    expect(runnable(`${code}$r = $sdk->a->getTokenDetails(\n);\n`, "/b.php", "http://h/x")).toContain("getTokenDetails(\n    serverURL: 'http://h/x',\n);");
  });
});
