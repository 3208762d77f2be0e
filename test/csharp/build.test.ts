// The generated C# SDKs build warning-free (warnings are errors): the committed one, its doc samples, the
// hostile spec, every feature fixture and the 243-operation Plex 2026-01 spec. One `dotnet build` of one
// solution builds them all, in parallel; each test then reads its own projects' problems from the output.
import { readdirSync, readFileSync } from "node:fs";
import { cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { FEATURE_NAMES, generateFeatureAllTargets } from "../features/generate-feature.ts";
import { generateFiles, REPO_ROOT } from "../helpers/generate.ts";
import { dotnet, clientProject, problemsUnder, projectOf, tempDir, wrappedSamples, writeCSharpFiles } from "./csharp-helpers.ts";

const GENERATED_CSHARP = path.join(REPO_ROOT, "generated/csharp");
const PLEX_2026 = path.join(REPO_ROOT, "test/fixtures/plex-2026-01/plex-api-spec.yaml");
const HOSTILE = path.join(REPO_ROOT, "test/fixtures/hostile/hostile.yaml");

let root: string;
let build: { code: number; output: string };
let plexSamples = 0;
let hostileFiles: Map<string, string>;

beforeAll(async () => {
  root = await tempDir("build");
  const projects: string[] = [];
  // The committed SDK as it is on disk, and a project compiling every sample of its docs against it.
  await cp(GENERATED_CSHARP, path.join(root, "plex"), { recursive: true });
  const plexFiles = await generateFiles();
  const plexProject = path.join("plex", projectOf(plexFiles));
  projects.push(plexProject);
  const samples = wrappedSamples(plexFiles);
  plexSamples = samples.count;
  await mkdir(path.join(root, "plex-samples"), { recursive: true });
  await writeFile(path.join(root, "plex-samples", "Samples.csproj"), clientProject(path.join("..", plexProject)));
  await writeFile(path.join(root, "plex-samples", "Samples.cs"), samples.source);
  projects.push("plex-samples/Samples.csproj");
  // Specs that are only built: their samples are compiled into their own project.
  const inputs: Array<[string, Map<string, string>]> = [
    ["hostile", (hostileFiles = await generateFiles(HOSTILE))],
    ["plex-2026-01", await generateFiles(PLEX_2026)],
    ...await Promise.all(FEATURE_NAMES.map(async (f): Promise<[string, Map<string, string>]> => [`features/${f}`, await generateFeatureAllTargets(f)])),
  ];
  for (const [name, files] of inputs) {
    const dir = path.join(root, name);
    await writeCSharpFiles(files, dir);
    const project = projectOf(files);
    await writeFile(path.join(dir, path.dirname(project), "DocSamples.cs"), wrappedSamples(files).source);
    projects.push(path.join(name, project));
  }
  // One solution folder per project: several SDKs share the default project name.
  const entries = projects.map((p, i) => `  <Folder Name="/p${i}/">\n    <Project Path="${p}" />\n  </Folder>`);
  await writeFile(path.join(root, "all.slnx"), `<Solution>\n${entries.join("\n")}\n</Solution>\n`);
  build = await dotnet(["build", "all.slnx", "-nologo", "-v", "minimal"], root);
}, 900_000);

/** What the build printed for a folder's files; and the folder must hold a built assembly, so a build that never ran fails too. */
function problems(folder: string): string[] {
  const found = problemsUnder(build.output, path.join(root, folder) + path.sep);
  return builtAssemblies(path.join(root, folder)).length > 0 ? found : [...found, `${folder}: nothing was built`];
}

/** The assemblies built below a folder (bin/<configuration>/<framework>/*.dll). */
function builtAssemblies(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((p) => /(^|\/)bin\/Debug\/net[\d.]+\/[^/]+\.dll$/.test(p));
}

describe("generated/csharp", () => {
  it("builds for net8.0 with no warning and no error", () => {
    expect(problems("plex")).toEqual([]);
    expect(builtAssemblies(path.join(root, "plex"))).toContain("src/SdkGen.PlexAPI/bin/Debug/net8.0/SdkGen.PlexAPI.dll");
  });

  it("compiles every C# sample of its docs against the SDK", () => {
    expect(plexSamples).toBeGreaterThanOrEqual(9);
    expect(problems("plex-samples")).toEqual([]);
  });

  it("is the build the solution reports as clean", () => {
    expect(build.output).toMatch(/\b0 Warning\(s\)/);
    expect(build.output).toMatch(/\b0 Error\(s\)/);
    expect(build.code, build.output.slice(-4000)).toBe(0);
  });
});

describe("other specs build with their doc samples", () => {
  it("the hostile spec", () => {
    expect(problems("hostile")).toEqual([]);
  });

  it("the hostile spec's project file: MSBuild reads its title back as written, expanding nothing", async () => {
    const project = path.join(root, "hostile", projectOf(hostileFiles));
    const evaluated = await dotnet(["msbuild", project, "-nologo", "-getProperty:Description"], root);
    expect(evaluated.code, evaluated.output).toBe(0);
    const title = (parse(readFileSync(HOSTILE, "utf8")) as { info: { title: string } }).info.title;
    expect(evaluated.output.trim()).toBe(`A client of ${title}, generated by sdkgen.`);
  });

  it("Plex 2026-01 (243 operations)", () => {
    expect(problems("plex-2026-01")).toEqual([]);
  });

  it.each(FEATURE_NAMES)("feature %s", (feature) => {
    expect(problems(`features/${feature}`)).toEqual([]);
  });

  it("counts a folder without a built assembly as a problem (negative control)", async () => {
    const empty = await tempDir("empty");
    expect(builtAssemblies(empty)).toEqual([]);
  });

  it("reads problems per folder (negative control)", () => {
    const line = `${path.join(root, "features", "enums")}/src/X/Y.cs(1,1): error CS0103: The name 'z' does not exist [${root}/x.csproj]`;
    expect(problemsUnder(line, path.join(root, "features", "enums") + path.sep)).toHaveLength(1);
    expect(problemsUnder(line, path.join(root, "features", "unions") + path.sep)).toEqual([]);
  });
});
