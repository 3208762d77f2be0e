// Helpers of the C# target's tests: the dotnet tool offline, generated SDKs written out, doc samples
// wrapped so that many compile in one project.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { codeBlocksIn } from "../helpers/markdown.ts";

const run = promisify(execFile);

export const DOTNET_ENV = { DOTNET_CLI_TELEMETRY_OPTOUT: "1", DOTNET_NOLOGO: "1", DOTNET_SKIP_FIRST_TIME_EXPERIENCE: "1" };

/** Runs dotnet; resolves with the exit code and the output, never throwing on a failed build. */
export async function dotnet(args: string[], cwd: string, timeout = 600_000): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run("dotnet", args, { cwd, env: { ...process.env, ...DOTNET_ENV }, maxBuffer: 64 * 1024 * 1024, timeout });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === "number" ? e.code : 1, output: `${e.stdout ?? ""}${e.stderr ?? e.message}` };
  }
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `sdkgen-cs-${prefix}-`));
}

/** Writes the csharp/ files of a generation into a folder (paths below csharp/). */
export async function writeCSharpFiles(files: Map<string, string>, dir: string): Promise<void> {
  for (const [rel, content] of files) {
    if (!rel.startsWith("csharp/")) continue;
    const target = path.join(dir, rel.slice("csharp/".length));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}

/** The SDK project of a generation: src/<namespace>/<namespace>.csproj, relative to the target folder. */
export function projectOf(files: Map<string, string>): string {
  const csproj = [...files.keys()].find((p) => p.startsWith("csharp/src/") && p.endsWith(".csproj"));
  if (!csproj) throw new Error("no C# project generated");
  return csproj.slice("csharp/".length);
}

/**
 * The C# samples of a target's Markdown pages, each wrapped as a static method of its own class: its
 * `using` lines on top, its statements in the body, so every sample of a page set compiles in one project.
 */
export function wrappedSamples(files: Map<string, string>): { count: number; source: string } {
  const parts: string[] = [];
  let count = 0;
  for (const [rel, content] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!rel.startsWith("csharp/") || !rel.endsWith(".md")) continue;
    for (const block of codeBlocksIn(content, "csharp")) {
      const lines = block.code.split("\n");
      const usings = lines.filter((l) => /^using [\w.]+;$/.test(l));
      const body = lines.filter((l) => !/^using [\w.]+;$/.test(l));
      parts.push([
        `// ${rel}:${block.line}`,
        `namespace Samples.S${count}`,
        "{",
        ...usings.map((u) => `    ${u}`),
        `    internal static class Sample`,
        "    {",
        "        internal static async global::System.Threading.Tasks.Task Run()",
        "        {",
        ...body.map((l) => (l === "" ? "" : `            ${l}`)),
        "            await global::System.Threading.Tasks.Task.CompletedTask;",
        "        }",
        "    }",
        "}",
      ].join("\n"));
      count++;
    }
  }
  return { count, source: `#pragma warning disable CS0219, CS0168\n\n${parts.join("\n\n")}\n` };
}

/** A project (a class library, or a program) compiling its folder's files against an SDK project. */
export function clientProject(sdkProject: string, kind: "library" | "program" = "library"): string {
  return `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>${kind === "program" ? "\n    <OutputType>Exe</OutputType>" : ""}
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="${sdkProject}" />
  </ItemGroup>
</Project>
`;
}

/** The problems (errors and warnings) a build printed for files below a folder, each once. */
export function problemsUnder(output: string, folder: string): string[] {
  const lines = output.split("\n").filter((l) => /\b(error|warning) [A-Z]+\d+/.test(l) && l.includes(folder));
  return [...new Set(lines.map((l) => l.replace(/\s*\[[^\]]*\]\s*$/, "").trim()))];
}
