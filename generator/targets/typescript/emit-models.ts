import {
  StructureKind, type ClassDeclarationStructure, type InterfaceDeclarationStructure, type JSDocStructure,
  type OptionalKind, type PropertySignatureStructure, type Statement, type WriterFunction,
} from "./print.ts";
import type { Docs, ObjectDef, Property, Type } from "../../ir/types.ts";
import { docText, jsonLiteral, propertyKey, stringLiteral } from "./literals.ts";
import type { ModuleName, TsError, TsOperation, TsTypeDecl, TsView } from "./plan.ts";
import { renderType, type TypeContext } from "./render-type.ts";
import { schemaImports, renderNamedSchema, schemaName } from "./render-schema.ts";
import { compareStrings } from "../../ir/pointer.ts";
import { discriminated, extendedBases, isRequired, restType, type TypeLookup } from "./type-rules.ts";

export type { Statement };

export interface ModelModule {
  module: ModuleName;
  statements: Statement[];
}

const MODULES: ModuleName[] = ["components", "operations", "errors"];

/** JSDoc from IR docs; nothing when there is nothing to say. */
export function jsDocs(docs: Docs, extra: string[] = []): OptionalKind<JSDocStructure>[] {
  const text = [docs.summary, docs.description].filter((t): t is string => !!t && t.trim() !== "");
  const unique = text.filter((t, i) => text.indexOf(t) === i).map(docText);
  const tags = [
    ...(docs.deprecated ? [{ kind: StructureKind.JSDocTag as const, tagName: "deprecated" }] : []),
    ...extra.map((line) => {
      const [tagName = "", ...rest] = line.split(" ");
      return { kind: StructureKind.JSDocTag as const, tagName, text: docText(rest.join(" ")) };
    }),
  ];
  if (unique.length === 0 && tags.length === 0) return [];
  return [{ kind: StructureKind.JSDoc, ...(unique.length > 0 ? { description: unique.join("\n\n") } : {}), tags }];
}

function renderJsDoc(docs: OptionalKind<JSDocStructure>[]): string {
  const doc = docs[0];
  if (!doc) return "";
  const description = typeof doc.description === "string" ? doc.description.split("\n") : [];
  const tags = (doc.tags ?? []).map((t) => `@${t.tagName}${typeof t.text === "string" && t.text !== "" ? ` ${t.text}` : ""}`);
  const lines = [...description, ...tags];
  if (lines.length === 1) return `/** ${lines[0]} */\n`;
  return `/**\n${lines.map((l) => (l === "" ? " *" : ` * ${l}`)).join("\n")}\n */\n`;
}

/**
 * A `const` declaration written as text: ts-morph indents multi-line initializers of
 * variable structures, which would make object literals ragged.
 */
export function constDeclaration(opts: {
  name: string; initializer: string; type?: string; exported?: boolean; docs?: OptionalKind<JSDocStructure>[];
}): WriterFunction {
  return (writer) => {
    writer.blankLineIfLastNot();
    writer.write(renderJsDoc(opts.docs ?? []));
    writer.write(`${opts.exported ? "export " : ""}const ${opts.name}${opts.type ? `: ${opts.type}` : ""} = ${opts.initializer};`);
    writer.newLine();
  };
}

export function emitModels(view: TsView): ModelModule[] {
  return MODULES.map((module) => {
    const ctx: TypeContext = { view, from: module, used: new Set(), schemaImports: new Set() };
    const libImports = new Set<string>();
    const body: Statement[] = [];
    for (const decl of view.types.filter((t) => t.module === module)) body.push(...typeDeclaration(decl, ctx, libImports));
    if (module === "operations") {
      for (const op of view.groups.flatMap((g) => g.operations)) body.push(...operationTypes(op, ctx));
    }
    if (module === "errors") {
      for (const op of view.groups.flatMap((g) => g.operations)) for (const e of op.errors) body.push(errorClass(op, e, ctx));
    }
    const primitives = schemaImports(ctx.schemaImports ?? new Set(), "../../lib/schema.js");
    return { module, statements: [...imports(module, ctx.used, libImports, view), ...primitives, ...body] };
  });
}

function imports(module: ModuleName, used: Set<ModuleName>, lib: Set<string>, view: TsView): Statement[] {
  const out: Statement[] = [];
  const enums = [...lib].filter((n) => n === "ClosedEnum" || n === "OpenEnum").sort();
  if (enums.length > 0) {
    out.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: "../../lib/enums.js", isTypeOnly: true, namedImports: enums });
  }
  if (module === "errors") {
    const errors = view.groups.flatMap((g) => g.operations.flatMap((o) => o.errors));
    const errorImports = ["HTTPError", ...(errors.some((e) => e.error.messagePath) ? ["messageAt"] : []), "type HTTPDetails"];
    if (errors.length > 0) {
      out.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: "../../lib/errors.js", namedImports: errorImports });
    }
  }
  if (view.types.some((t) => t.module === module)) {
    out.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: "../../lib/schema.js", isTypeOnly: true, namedImports: ["Schema"] });
  }
  // Value imports: descriptors refer to each other's schemas at run time.
  for (const other of MODULES) {
    if (other !== module && used.has(other)) {
      out.push({ kind: StructureKind.ImportDeclaration, moduleSpecifier: `../${other}/index.js`, namespaceImport: other });
    }
  }
  if (module === "errors") {
    out.push({
      kind: StructureKind.ExportDeclaration,
      moduleSpecifier: "../../lib/errors.js",
      namedExports: [
        "ConnectionError", "HTTPError", "RequestAbortedError", "RequestTimeoutError", "ResponseValidationError", "SDKBaseError",
        "SDKError", "SDKValidationError", "type HTTPDetails",
      ],
    });
  }
  return out;
}

function typeDeclaration(decl: TsTypeDecl, ctx: TypeContext, lib: Set<string>): Statement[] {
  const descriptor = constDeclaration({
    name: schemaName(decl.name),
    exported: true,
    type: "Schema",
    docs: [{ kind: StructureKind.JSDoc, description: `Schema of {@link ${decl.name}}, checked when it is sent or received.` }],
    initializer: renderNamedSchema(decl.def, ctx),
  });
  return [...typeOnlyDeclaration(decl, ctx, lib), descriptor];
}

function typeOnlyDeclaration(decl: TsTypeDecl, ctx: TypeContext, lib: Set<string>): Statement[] {
  const def = decl.def;
  if (def.kind === "alias") {
    return [{ kind: StructureKind.TypeAlias, name: decl.name, isExported: true, type: renderType(def.type, ctx), docs: jsDocs(def.docs) }];
  }
  if (def.kind === "enum") {
    const names = decl.memberNames ?? [];
    const wrapper = def.open ? "OpenEnum" : "ClosedEnum";
    lib.add(wrapper);
    const members = def.members.map((m, i) => `  ${propertyKey(names[i]!)}: ${jsonLiteral(m.value)},`).join("\n");
    return [
      constDeclaration({ name: decl.name, exported: true, docs: jsDocs(def.docs), initializer: `{\n${members}\n} as const` }),
      {
        kind: StructureKind.TypeAlias,
        name: decl.name,
        isExported: true,
        type: `${wrapper}<typeof ${decl.name}>`,
        docs: jsDocs(def.docs, def.open ? ["remarks Values this SDK does not know yet are passed through as they are."] : []),
      },
    ];
  }
  return [objectInterface(decl.name, def, ctx)];
}

function objectInterface(name: string, def: ObjectDef, ctx: TypeContext): InterfaceDeclarationStructure {
  const lookup = typeLookup(ctx);
  const extended = extendedBases(def, lookup);
  const index = indexType(def, ctx);
  return {
    kind: StructureKind.Interface,
    name,
    isExported: true,
    docs: jsDocs(def.docs),
    extends: extended.map((id) => renderType({ kind: "ref", target: id }, ctx)),
    properties: declaredProperties(def, extended, ctx).map((p) => propertySignature(p, ctx)),
    ...(index === undefined ? {} : { indexSignatures: [{ keyName: "key", keyType: "string", returnType: index }] }),
  };
}

function typeLookup(ctx: TypeContext): TypeLookup {
  return (id) => ctx.view.typesById.get(id)?.def;
}

/**
 * The properties an interface declares: its own, and those of the bases it does not extend (see
 * extendedBases) that neither it nor an extended base declares, in the order of their names.
 */
function declaredProperties(def: ObjectDef, extended: string[], ctx: TypeContext): Property[] {
  if (extended.length === def.bases.length) return def.properties;
  const lookup = typeLookup(ctx);
  const taken = new Set(def.properties.map((p) => p.name));
  for (const id of extended) {
    const base = lookup(id);
    if (base?.kind === "object") for (const p of effectiveProperties(base, ctx)) taken.add(p.name);
  }
  const copied = new Map<string, Property>();
  for (const id of def.bases) {
    const base = lookup(id);
    if (extended.includes(id) || base?.kind !== "object") continue;
    for (const p of effectiveProperties(base, ctx)) if (!taken.has(p.name) && !copied.has(p.name)) copied.set(p.name, p);
  }
  return [...def.properties, ...copied.values()].sort((a, b) => compareStrings(a.name, b.name));
}

/**
 * The value type of an object's index signature, undefined when it declares none of its own:
 * `unknown` when any value goes, else the type of its undeclared properties (restType) together
 * with the type of every declared property, own or inherited, as TypeScript wants each property to
 * fit the index signature (an optional one with `undefined`).
 */
function indexType(def: ObjectDef, ctx: TypeContext): string | undefined {
  const rest = restType(def, typeLookup(ctx));
  if (rest === undefined) return def.additional === undefined || def.additional === false ? undefined : "unknown";
  const members = unionMembers(rest);
  let optional = false;
  for (const p of effectiveProperties(def, ctx)) {
    members.push(...unionMembers(p.type));
    optional ||= !isRequired(p);
  }
  const texts = members.map((m) => (m.kind === "intersection" ? `(${renderType(m, ctx)})` : renderType(m, ctx)));
  return [...new Set([...texts, ...(optional ? ["undefined"] : [])])].join(" | ");
}

/** A type as the members of a union, nullables and undiscriminated unions spread, so that each is written once. */
function unionMembers(type: Type): Type[] {
  if (type.kind === "nullable") return [...unionMembers(type.inner), { kind: "primitive", name: "null" }];
  if (type.kind === "union" && discriminated(type) === undefined) return type.variants.flatMap(unionMembers);
  return [type];
}

/** An object's properties and those of its bases, a redeclared property once. */
function effectiveProperties(def: ObjectDef, ctx: TypeContext, seen = new Set<string>()): Property[] {
  if (seen.has(def.id)) return [];
  seen.add(def.id);
  const bases = def.bases.flatMap((id) => {
    const base = ctx.view.typesById.get(id)?.def;
    return base?.kind === "object" ? effectiveProperties(base, ctx, seen) : [];
  });
  return [...def.properties, ...bases.filter((b) => !def.properties.some((p) => p.name === b.name))];
}

export function propertySignature(p: Property, ctx: TypeContext): OptionalKind<PropertySignatureStructure> {
  const type = renderType(p.type, ctx);
  const required = isRequired(p);
  const extra = [
    ...(p.default === undefined ? [] : [`defaultValue ${jsonLiteral(p.default)}`]),
    ...(p.readOnly ? ["remarks Read-only: set by the server, absent from requests."] : []),
    ...(p.writeOnly ? ["remarks Write-only: sent to the server, absent from responses."] : []),
  ];
  return {
    name: propertyKey(p.name),
    hasQuestionToken: !required,
    type: required ? type : `${type} | undefined`,
    docs: jsDocs(p.docs, extra),
  };
}

function operationTypes(op: TsOperation, ctx: TypeContext): Statement[] {
  const out: Statement[] = [];
  if (op.request) {
    out.push({
      kind: StructureKind.Interface,
      name: op.request.typeName,
      isExported: true,
      properties: op.request.fields.map((f) => {
        const type = renderType(f.source.kind === "param" ? f.source.param.type : f.source.body.type, ctx);
        const docs = f.source.kind === "param" ? f.source.param.docs : f.source.body.docs;
        return { name: f.name, hasQuestionToken: f.optional, type: f.optional ? `${type} | undefined` : type, docs: jsDocs(docs) };
      }),
    });
  }
  const meta: OptionalKind<PropertySignatureStructure>[] = [
    { name: "statusCode", type: "number", docs: ["HTTP status code of the response."] },
    { name: "contentType", type: "string", docs: ["Content-Type of the response."] },
    { name: "headers", type: "Record<string, string[]>", docs: ["Response headers, by lower-case name."] },
    { name: "rawResponse", type: "Response", docs: ["The raw fetch Response."] },
  ];
  const bodies = op.bodyFields.map((f): OptionalKind<PropertySignatureStructure> => {
    // Downloaded bytes come back as a Blob that carries the response's content type.
    const type = f.binary ? "Blob" : renderType(f.type, ctx);
    const response = op.op.responses.find((r) => r.status === f.status);
    return {
      name: f.name,
      hasQuestionToken: !f.always,
      type: f.always ? type : `${type} | undefined`,
      docs: jsDocs(response?.docs ?? {}),
    };
  });
  out.push({ kind: StructureKind.Interface, name: op.responseTypeName, isExported: true, properties: [...meta, ...bodies] });
  return out;
}

function errorClass(op: TsOperation, e: TsError, ctx: TypeContext): ClassDeclarationStructure {
  const dataType = renderType(e.error.body.type, ctx);
  const fallback = stringLiteral(e.error.docs.description ?? `${op.op.operationId} failed with status ${e.status}`);
  const message = e.error.messagePath
    ? `messageAt(data, ${jsonLiteral(e.error.messagePath)}) ?? ${fallback}`
    : fallback;
  return {
    kind: StructureKind.Class,
    name: e.className,
    isExported: true,
    extends: "HTTPError",
    docs: jsDocs(e.error.docs),
    properties: [
      { name: "data$", isReadonly: true, type: dataType, docs: ["The decoded error body."] },
      ...e.fields.map((p) => {
        const sig = propertySignature(p, ctx);
        return { name: sig.name, isReadonly: true, hasQuestionToken: sig.hasQuestionToken ?? false, type: sig.type as string, docs: sig.docs ?? [] };
      }),
    ],
    ctors: [{
      parameters: [{ name: "data", type: dataType }, { name: "http", type: "HTTPDetails" }],
      statements: [
        `super(${message}, http);`,
        "this.data$ = data;",
        ...e.fields.map((p) => `this.${p.name} = (data as Partial<${dataType}> | null)?.${p.name}${isRequired(p) ? "!" : ""};`),
      ],
    }],
  };
}
