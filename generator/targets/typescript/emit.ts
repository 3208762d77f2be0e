import { IndentationText, NewLineKind, Project, QuoteKind, StructureKind } from "ts-morph";
import type { GeneratedFile } from "../target.ts";
import { emitModels, type Statement } from "./emit-models.ts";
import { emitClient, emitCore, emitFunction, emitGroup, type EmittedModule } from "./emit-operations.ts";
import type { TsGroup, TsView } from "./plan.ts";

/** Turns a planned view into files. The runtime files are passed in as they are, to be copied. */
export function emitTypeScript(view: TsView, runtime: GeneratedFile[]): GeneratedFile[] {
  const modules: EmittedModule[] = [
    ...emitModels(view).map((m) => ({ path: `src/models/${m.module}/index.ts`, statements: m.statements })),
    emitCore(view),
    ...view.groups.flatMap((g) => g.operations.map((op) => emitFunction(op, view))),
    ...view.groups.filter((g): g is TsGroup & { tag: NonNullable<TsGroup["tag"]> } => g.tag !== undefined).map((g) => emitGroup(g, view)),
    emitClient(view),
    emitIndex(view),
  ];
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      quoteKind: QuoteKind.Double,
      newLineKind: NewLineKind.LineFeed,
      useTrailingCommas: true,
    },
  });
  const printed = modules.map((m) => ({
    path: m.path,
    content: project.createSourceFile(m.path, { statements: m.statements }, { overwrite: true }).getFullText(),
  }));
  return [
    ...printed,
    ...runtime.map((f) => ({ path: `src/lib/${f.path}`, content: f.content })),
    { path: "package.json", content: packageJson(view) },
    { path: "tsconfig.json", content: tsconfigJson() },
  ];
}

function emitIndex(view: TsView): EmittedModule {
  const statements: Statement[] = [
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./sdk/sdk.js", namedExports: [view.clientName] },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./core.js", namedExports: [view.coreName, "type SDKOptions"] },
    {
      kind: StructureKind.ExportDeclaration,
      moduleSpecifier: "./lib/config.js",
      namedExports: ["type BaseClientOptions", "type BasicCredentials", "type Credential", "type RequestOptions"],
    },
    { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./lib/result.js", namedExports: ["type Result"] },
  ];
  return { path: "src/index.ts", statements };
}

function packageJson(view: TsView): string {
  const subpaths = ["components", "operations", "errors"];
  const pkg = {
    name: view.config.packageName,
    version: view.config.packageVersion,
    description: `TypeScript SDK for ${view.api.info.title}`,
    type: "module",
    sideEffects: false,
    exports: {
      ".": "./src/index.ts",
      ...Object.fromEntries(subpaths.map((s) => [`./models/${s}`, `./src/models/${s}/index.ts`])),
      "./funcs/*": "./src/funcs/*.ts",
    },
    scripts: { typecheck: "tsc --noEmit" },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

function tsconfigJson(): string {
  const config = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      lib: ["ES2022", "DOM"],
      strict: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      declaration: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ["src"],
  };
  return `${JSON.stringify(config, null, 2)}\n`;
}
