import type { GeneratedFile } from "../target.ts";
import { emitModels } from "./emit-models.ts";
import { printSourceFile, StructureKind, type Statement } from "./print.ts";
import { emitClient, emitCore, emitFunction, emitGroup, type EmittedModule } from "./emit-operations.ts";
import type { TsGroup, TsView } from "./plan.ts";

/**
 * Turns a planned view into files, one at a time, so each can be handed over (and forgotten) as
 * soon as it is printed. The runtime files are passed in as they are, to be copied.
 */
export function* emitTypeScript(view: TsView, runtime: GeneratedFile[]): Generator<GeneratedFile> {
  for (const m of emitModules(view)) yield { path: m.path, content: printSourceFile(m.statements) };
  for (const f of runtime) yield { path: `src/lib/${f.path}`, content: f.content };
  yield { path: "package.json", content: packageJson(view) };
  yield { path: "tsconfig.json", content: tsconfigJson() };
  yield { path: "tsconfig.build.json", content: tsconfigBuildJson() };
  yield { path: "tsconfig.cjs.json", content: tsconfigCjsJson() };
  yield { path: ".gitignore", content: "node_modules/\ndist/\n" };
}

/** Every TypeScript module of the SDK as statements, before printing; each module's made when it is asked for. */
export function* emitModules(view: TsView): Generator<EmittedModule> {
  for (const m of emitModels(view)) yield { path: `src/models/${m.module}/index.ts`, statements: m.statements };
  yield emitCore(view);
  for (const g of view.groups) for (const op of g.operations) yield emitFunction(op, view);
  for (const g of view.groups) if (g.tag !== undefined) yield emitGroup(g as TsGroup & { tag: NonNullable<TsGroup["tag"]> }, view);
  yield emitClient(view);
  yield emitIndex(view);
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
  const entry = (path: string) => ({
    import: { types: `./dist/esm/${path}.d.ts`, default: `./dist/esm/${path}.js` },
    require: { types: `./dist/cjs/${path}.d.ts`, default: `./dist/cjs/${path}.js` },
  });
  const pkg = {
    name: view.config.packageName,
    version: view.config.packageVersion,
    description: `TypeScript SDK for ${view.api.info.title}`,
    type: "module",
    sideEffects: false,
    engines: { node: ">=18" },
    main: "./dist/cjs/index.js",
    module: "./dist/esm/index.js",
    types: "./dist/esm/index.d.ts",
    exports: {
      ".": entry("index"),
      ...Object.fromEntries(["components", "operations", "errors"].map((m) => [`./models/${m}`, entry(`models/${m}/index`)])),
      "./funcs/*": entry("funcs/*"),
      "./package.json": "./package.json",
    },
    files: ["dist", "src"],
    scripts: {
      typecheck: "tsc --noEmit",
      // The CommonJS build gets its own package.json so Node reads its .js files as CommonJS.
      build: "tsc -p tsconfig.build.json && tsc -p tsconfig.cjs.json && node -e \"require('fs').writeFileSync('dist/cjs/package.json', '{\\\"type\\\": \\\"commonjs\\\"}\\n')\"",
    },
    devDependencies: { typescript: "^5.4.0" },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

const COMPILER_OPTIONS = {
  // ES2022 keeps #private fields native (compiled lower, each access is a WeakMap lookup); fields keep
  // the assignment semantics they had, so no class gains undefined own properties.
  target: "ES2022",
  useDefineForClassFields: false,
  module: "NodeNext",
  moduleResolution: "NodeNext",
  lib: ["ES2022", "DOM"],
  strict: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
  skipLibCheck: true,
};

function tsconfigJson(): string {
  return `${JSON.stringify({ compilerOptions: { ...COMPILER_OPTIONS, noEmit: true }, include: ["src"] }, null, 2)}\n`;
}

function tsconfigBuildJson(): string {
  const compilerOptions = { declaration: true, sourceMap: true, outDir: "dist/esm", rootDir: "src" };
  return `${JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { ...compilerOptions, noEmit: false }, include: ["src"] }, null, 2)}\n`;
}

function tsconfigCjsJson(): string {
  const compilerOptions = {
    module: "CommonJS", moduleResolution: "Node10", verbatimModuleSyntax: false, declaration: true, sourceMap: true,
    outDir: "dist/cjs", rootDir: "src", noEmit: false,
  };
  return `${JSON.stringify({ extends: "./tsconfig.json", compilerOptions, include: ["src"] }, null, 2)}\n`;
}
