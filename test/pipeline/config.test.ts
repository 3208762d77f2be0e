import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, namesFromTitle } from "../../generator/config.ts";
import { GenerationError } from "../../generator/diagnostics.ts";
import { generate } from "../../generator/pipeline.ts";
import { REPO_ROOT } from "../helpers/generate.ts";

async function configFile(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "sdkgen-config-"));
  const file = path.join(dir, "sdkgen.yaml");
  await writeFile(file, text);
  return file;
}

describe("generator config", () => {
  it("resolves spec and output against the config's folder and applies defaults", async () => {
    const file = await configFile("spec: api.yaml\n");
    const config = await loadConfig(file, {});
    expect(path.resolve(config.spec)).toBe(path.join(path.dirname(file), "api.yaml"));
    expect(path.resolve(config.output)).toBe(path.resolve(path.dirname(file), "../generated"));
    expect(config.targets.typescript).toEqual({ packageName: "sdk", packageVersion: "0.1.0", maxMethodParams: 4 });
    expect(config.globals).toEqual([]);
  });

  it.each([
    ["an unknown key", "spek: a.yaml\n", "/spek"],
    ["an unknown target", "targets:\n  cobol: {}\n", "/targets/cobol"],
    ["an unknown typescript option", "targets:\n  typescript:\n    packageNmae: x\n", "/targets/typescript/packageNmae"],
    ["a bad maxMethodParams", "targets:\n  typescript:\n    maxMethodParams: many\n", "/targets/typescript/maxMethodParams"],
    ["a bad client name", "clientName: 'my client'\n", "/clientName"],
    ["a global without a location", "globals:\n  - name: X-Id\n", "/globals/0"],
    ["a PHP namespace with dots", "targets:\n  php:\n    namespace: Acme.Sdk\n", "/targets/php/namespace"],
    ["a PHP namespace segment that is a keyword", "targets:\n  php:\n    namespace: Acme\\List\n", "/targets/php/namespace"],
    ["a Composer package name without a vendor", "targets:\n  php:\n    packageName: sdk\n", "/targets/php/packageName"],
    ["an unknown php option", "targets:\n  php:\n    composer: x\n", "/targets/php/composer"],
  ])("rejects %s with its pointer", async (_name, text, pointer) => {
    const file = await configFile(text);
    const error = await loadConfig(file, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GenerationError);
    expect((error as GenerationError).diagnostics.map((d) => [d.file, d.pointer])).toContainEqual([file, pointer]);
  });

  it("derives the PHP namespace and Composer package from the client name", async () => {
    const config = await loadConfig(await configFile("clientName: AcmeAPI\ntargets:\n  php:\n"), {});
    expect(config.targets.php).toEqual({ namespace: "Sdk\\AcmeAPI", packageName: "sdk/acmeapi", packageVersion: "0.1.0" });
    const given = await loadConfig(await configFile("targets:\n  php:\n    namespace: Acme\\Plex_API\n    packageName: acme/plex-api\n"), {});
    expect(given.targets.php).toMatchObject({ namespace: "Acme\\Plex_API", packageName: "acme/plex-api" });
  });

  it("a missing config given explicitly is an error; the default one may be absent", async () => {
    await expect(loadConfig("/nonexistent/sdkgen.yaml", {})).rejects.toBeInstanceOf(GenerationError);
  });

  it("globals from the config become client options for a spec without x-speakeasy-globals", async () => {
    const spec = path.join(REPO_ROOT, "test/fixtures/plex-multifile/pms-spec.yaml");
    const file = await configFile(`spec: ${JSON.stringify(spec)}\nglobals:\n  - { in: header, name: X-Plex-Client-Identifier }\n  - { in: header, name: X-Plex-Product }\n`);
    const { files } = await generate(await loadConfig(file, {}));
    const core = files.get("typescript/src/core.ts")!;
    expect(core).toContain("xPlexClientIdentifier?: string | undefined;");
    expect(core).toContain(`{ option: "xPlexClientIdentifier", name: "X-Plex-Client-Identifier", in: "header", encode: serializeHeaderValue }`);
    expect(core).toContain('{ option: "xPlexProduct", name: "X-Plex-Product", in: "header"');
    // Where an operation declares the header itself, the request field becomes optional.
    expect(files.get("typescript/src/models/operations/index.ts")).toMatch(/clientID\?: string \| undefined;/);
  });
});

describe("names made from info.title (no config)", () => {
  it("gives each target a name its config would accept, whatever the title", async () => {
    expect(namesFromTitle("Swagger Petstore - OpenAPI 3.0")).toMatchObject({
      typescript: { packageName: "swagger-petstore-open-api-3-0" },
      python: { packageName: "swagger_petstore_open_api_3_0" },
      go: { modulePath: "example.com/swagger-petstore-open-api-3-0", packageName: "swaggerpetstoreopenapi30" },
      csharp: { namespace: "SwaggerPetstoreOpenApi30.Sdk" },
    });
    for (const title of ["", "日本 API", "123 Go", "class", "Ünïcode Straße", "a/b\\c"]) {
      const names = namesFromTitle(title);
      // Each config written with the derived names loads without a complaint.
      const file = await configFile([
        "spec: api.yaml",
        "targets:",
        `  typescript: { packageName: ${JSON.stringify(names.typescript.packageName)} }`,
        `  python: { packageName: ${JSON.stringify(names.python.packageName)} }`,
        `  go: { modulePath: ${JSON.stringify(names.go.modulePath)}, packageName: ${JSON.stringify(names.go.packageName)} }`,
        `  csharp: { namespace: ${JSON.stringify(names.csharp.namespace)} }`,
      ].join("\n"));
      await expect(loadConfig(file, {}), title).resolves.toBeDefined();
      expect(names.typescript.packageName, title).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    }
    expect(namesFromTitle("").python.packageName).toBe("sdk");
    expect(namesFromTitle("123 Go").go.packageName).toBe("sdk123go");
    // Keywords and modules the SDKs import are not package names.
    expect(namesFromTitle("Class").python.packageName).toBe("class_sdk");
    expect(namesFromTitle("HTTPX").python.packageName).toBe("httpx_sdk");
    expect(namesFromTitle("Go").go.packageName).toBe("gosdk");
    expect(namesFromTitle("String").go.packageName).toBe("stringsdk");
  });
});

describe("targets named after info.title (derive)", () => {
  it("generate every derived target, with the same warnings as a config listing them", async () => {
    const spec = path.join(REPO_ROOT, "test/fixtures/features/uploads.yaml");
    const derived = await loadConfig(undefined, { spec });
    const listed = await loadConfig(undefined, { spec });
    listed.targets = {
      typescript: { packageName: "x", packageVersion: "0.1.0", maxMethodParams: 4 },
      go: { modulePath: "example.com/x", packageName: "x" },
    };
    const fromTitle = await generate({ ...derived, targets: {}, derive: ["typescript", "go"] });
    const fromConfig = await generate(listed);
    expect(fromTitle.warnings.map((w) => w.message)).toEqual(fromConfig.warnings.map((w) => w.message));
    expect(fromTitle.warnings.some((w) => w.message.includes("by the Go SDK"))).toBe(true);
    expect(JSON.parse(fromTitle.files.get("typescript/package.json")!)).toMatchObject({ name: "uploads" });
    expect(fromTitle.files.get("go/go.mod")).toMatch(/^module example\.com\/uploads$/m);
  });
});
