import type { Docs, ObjectDef, Type } from "../../ir/types.ts";
import { referencedIds } from "../../ir/walk.ts";
import {
  assignLines, call, defLines, docstring, fieldLines, hugLayout, layout, LINE_LENGTH, list, prefixed, pyString, pyValue, valueExpr, type Expr,
} from "./literals.ts";
import type { ModuleName, PyField, PyOperation, PyTypeDecl, PyView } from "./plan.ts";
import { optionalType, renderSchema, renderType, schemaConst, type TypeContext } from "./render.ts";

const MODULES: ModuleName[] = ["components", "operations", "errors"];

/** Every block kind is present (false when unused): the templates run in strict mode. */
interface Block {
  enum: object | false;
  dataclass: object | false;
  typedDict: object | false;
  error: object | false;
  alias: string[] | false;
}

const EMPTY: Block = { enum: false, dataclass: false, typedDict: false, error: false, alias: false };

export interface ModelsData {
  doc: string[];
  imports: string[];
  blocks: Block[];
  schemas: string[][];
  exports: string[];
}

/** Text of IR docs: summary and description, without repeats. */
export function docsText(docs: Docs, extra: string[] = []): string {
  const parts = [docs.deprecated ? "Deprecated." : "", docs.summary, docs.description, ...extra]
    .filter((t): t is string => !!t && t.trim() !== "")
    .map((t) => t.trim());
  return parts.filter((t, i) => parts.indexOf(t) === i).join("\n\n");
}

function fieldDoc(docs: Docs, defaultValue: unknown): string {
  return docsText(docs, defaultValue === undefined ? [] : [`Default: ${JSON.stringify(defaultValue)}.`]);
}

/** Lines of one dataclass field, with its attribute docstring. */
function fieldWithDoc(name: string, annotation: string, optional: boolean, doc: string): string[] {
  return [...fieldLines("    ", name, optional ? optionalType(annotation) : annotation, optional ? "None" : undefined), ...docstring(doc, "    ")];
}

/** Required fields first: a dataclass field without a default may not follow one with. */
function requiredFirst<T extends { required: boolean }>(items: T[]): T[] {
  return [...items.filter((i) => i.required), ...items.filter((i) => !i.required)];
}

function dataclassFields(fields: PyField[], ctx: TypeContext): string[] {
  const items = fields.map((f) => ({ f, required: f.prop.required }));
  return requiredFirst(items).flatMap(({ f }) => fieldWithDoc(f.name, renderType(f.prop.type, ctx), !f.prop.required, fieldDoc(f.prop.docs, f.prop.default)));
}

function typedDictBlock(name: string, doc: string, fields: Array<{ name: string; type: Type; required: boolean }>, ctx: TypeContext): Block {
  const input: TypeContext = { ...ctx, mode: "input" };
  const line = (f: { name: string; type: Type }) => fieldLines("    ", f.name, renderType(f.type, input));
  const required = fields.filter((f) => f.required);
  const optional = fields.filter((f) => !f.required);
  const docLines = docstring(doc, "    ");
  const header = (bases: string[]) => hugLayout({ open: `class ${name}(`, items: bases, close: "):" }, "");
  if (required.length > 0 && optional.length > 0) {
    const requiredBase = `_${name}Required`;
    return {
      ...EMPTY,
      typedDict: { requiredBase, required: required.flatMap(line), header: header([requiredBase, "total=False"]), doc: docLines, fields: optional.flatMap(line) },
    };
  }
  const bases = optional.length === 0 ? ["typing.TypedDict"] : ["typing.TypedDict", "total=False"];
  return { ...EMPTY, typedDict: { requiredBase: false, required: [], header: header(bases), doc: docLines, fields: fields.flatMap(line) } };
}

function enumBlock(decl: PyTypeDecl): Block {
  const def = decl.def;
  if (def.kind !== "enum") throw new Error("not an enum");
  const base = def.base === "string" ? "str" : def.base === "integer" ? "int" : "float";
  const extra = def.open ? ["Values this SDK does not know yet are passed through as they are."] : [];
  const members = def.members.map((m, i) => assignLines("    ", decl.memberNames![i]!, base === "float" ? pyValue(Number(m.value)) : pyValue(m.value)));
  return { ...EMPTY, enum: { name: decl.name, base, doc: docstring(docsText(def.docs, extra), "    "), members: members.length > 0 ? members.flat() : ["    pass"] } };
}

/** What the field of properties the schema does not name says of itself (also the docs' description of it). */
export const EXTRA_FIELD_DOC = "Properties the schema does not name, by their name in the JSON.";

/** The field of additional properties, laid out as black does: the call is split before the annotation. */
function extraFieldLines(name: string, annotation: string): string[] {
  const oneLine = `    ${name}: ${annotation} = dataclasses.field(default_factory=dict)`;
  if (oneLine.length <= LINE_LENGTH) return [oneLine];
  const head = `    ${name}: ${annotation} = dataclasses.field(`;
  if (head.length <= LINE_LENGTH) return [head, "        default_factory=dict", "    )"];
  return fieldLines("    ", name, annotation, "dataclasses.field(default_factory=dict)");
}

function objectSchema(decl: PyTypeDecl, def: ObjectDef, ctx: TypeContext): string[] {
  const props = (decl.fields ?? []).map((f) => {
    const args: Expr[] = [pyString(f.name), pyString(f.prop.name), renderSchema(f.prop.type, ctx)];
    if (f.prop.required) args.push("required=True");
    if (f.prop.default !== undefined) args.push(prefixed("default=", valueExpr(f.prop.default)));
    return call("_s.Prop", args);
  });
  // Additional properties are decoded into (and encoded from) the extra field.
  const extra = decl.extraField === undefined ? [] : [prefixed("extra=", call("", [pyString(decl.extraField), renderSchema(decl.extraType!, ctx)]))];
  return layout(call("_s.Object", [decl.name, list(props), ...extra]), "", `${schemaConst(decl.name)}: _s.Schema = `);
}

function schemaLines(decl: PyTypeDecl, ctx: TypeContext): string[] {
  const def = decl.def;
  if (def.kind === "enum") return layout(call("_s.Enum", [decl.name, def.open ? "True" : "False"]), "", `${schemaConst(decl.name)}: _s.Schema = `);
  if (def.kind === "alias") return layout(renderSchema(def.type, ctx), "", `${schemaConst(decl.name)}: _s.Schema = `);
  return objectSchema(decl, def, ctx);
}

/**
 * Aliases are statements run at import: each must follow the names it uses. Classes come
 * first (their annotations are lazy), aliases after them in dependency order, and a reference
 * to an alias not yet defined is quoted.
 */
function aliasBlocks(decls: PyTypeDecl[], ctx: TypeContext): Block[] {
  const aliases = decls.filter((d) => d.def.kind === "alias");
  const ids = new Set(aliases.map((a) => a.def.id));
  const ordered: PyTypeDecl[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (d: PyTypeDecl) => {
    if (state.has(d.def.id)) return;
    state.set(d.def.id, "visiting");
    if (d.def.kind === "alias") {
      for (const id of referencedIds(d.def.type)) {
        const dep = aliases.find((a) => a.def.id === id);
        if (dep) visit(dep);
      }
    }
    state.set(d.def.id, "done");
    ordered.push(d);
  };
  aliases.forEach(visit);
  const defined = new Set<string>();
  return ordered.map((d) => {
    const def = d.def;
    if (def.kind !== "alias") throw new Error("not an alias");
    let text = renderType(def.type, ctx);
    // Names of aliases declared later in this module are written as strings (forward references).
    for (const other of ordered) {
      if (other === d || defined.has(other.def.id) || !ids.has(other.def.id)) continue;
      text = text.replace(new RegExp(`(?<![\\w."])${other.name}(?![\\w"])`, "gu"), JSON.stringify(other.name));
    }
    defined.add(def.id);
    if (text === "None") text = "type(None)";
    const doc = docstring(docsText(def.docs), "");
    return { ...EMPTY, alias: [...assignLines("", d.name, text), ...doc] };
  });
}

function requestBlocks(op: PyOperation, ctx: TypeContext): Block[] {
  const request = op.request;
  if (!request) return [];
  const items = request.fields.map((f) => {
    const type = f.source.kind === "param" ? f.source.param.type : f.source.body.type;
    const docs = f.source.kind === "param" ? f.source.param.docs : f.source.body.docs;
    return { name: f.name, type, required: !f.optional, doc: docsText(docs) };
  });
  const input: TypeContext = { ...ctx, mode: "input" };
  const fields = requiredFirst(items).flatMap((i) => fieldWithDoc(i.name, renderType(i.type, input), !i.required, i.doc));
  return [
    { ...EMPTY, dataclass: { name: request.typeName, doc: docstring(`Request of ${op.methodName}.`, "    "), fields } },
    typedDictBlock(request.typedDict, `Request of ${op.methodName}, as a dict.`, items, ctx),
  ];
}

function responseBlock(op: PyOperation, ctx: TypeContext): Block {
  const meta = [
    ...fieldWithDoc("status_code", "int", false, "HTTP status code of the response."),
    ...fieldWithDoc("content_type", "str", false, "Content-Type of the response."),
    ...fieldWithDoc("headers", "typing.Dict[str, typing.List[str]]", false, "Response headers, by lower-case name."),
    ...fieldWithDoc("raw_response", "httpx.Response", false, "The raw HTTP response."),
  ];
  const bodies = requiredFirst(op.bodyFields.map((b) => ({ b, required: b.always }))).flatMap(({ b }) => {
    const response = op.op.responses.find((r) => r.status === b.status);
    return fieldWithDoc(b.name, renderType(b.type, ctx), !b.always, docsText(response?.docs ?? {}));
  });
  return { ...EMPTY, dataclass: { name: op.responseTypeName, doc: docstring(`Response of ${op.methodName}.`, "    "), fields: [...meta, ...bodies] } };
}

function errorBlock(op: PyOperation, e: PyOperation["errors"][number], ctx: TypeContext): Block {
  const dataType = renderType(e.error.body.type, ctx);
  const fallback = pyString(e.error.docs.description ?? `${op.op.operationId} failed with status ${e.status}`);
  const message = e.error.messagePath
    ? call("_errors.message_or", ["raw", list(e.error.messagePath.map(pyString)), fallback])
    : fallback;
  const fields = [
    ...fieldLines("    ", "data", dataType),
    ...docstring("The decoded error body.", "    "),
    ...e.fields.flatMap((f) => fieldWithDoc(f.name, renderType(f.prop.type, ctx), !f.prop.required, fieldDoc(f.prop.docs, f.prop.default))),
  ];
  const params = ["self", { name: "data", annotation: dataType }, { name: "raw", annotation: "typing.Any" }, { name: "http", annotation: "HTTPDetails" }];
  const init = [
    ...defLines("    ", "def __init__(", params, ") -> None:"),
    ...layout(call("super().__init__", [message, "http"]), "        "),
    "        self.data = data",
    ...e.fields.map((f) => `        self.${f.name} = data.${f.name}`),
  ];
  return { ...EMPTY, error: { name: e.className, doc: docstring(docsText(e.error.docs), "    "), fields, init } };
}

const RUNTIME_ERRORS = [
  "ConnectionError", "HTTPDetails", "HTTPError", "RequestTimeoutError", "ResponseValidationError", "SDKBaseError",
  "SDKError", "SDKValidationError",
];

export function modelsData(view: PyView, module: ModuleName): ModelsData {
  const ctx: TypeContext = { view, from: module, used: new Set(), mode: "model" };
  const decls = view.types.filter((t) => t.module === module);
  const operations = view.groups.flatMap((g) => g.operations);
  const blocks: Block[] = [];
  const exports: string[] = [];
  for (const d of decls.filter((d) => d.def.kind === "enum")) {
    blocks.push(enumBlock(d));
    exports.push(d.name);
  }
  for (const d of decls) {
    if (d.def.kind !== "object") continue;
    const extra = d.extraField === undefined ? [] : [
      ...extraFieldLines(d.extraField, `typing.Dict[str, ${renderType(d.extraType!, ctx)}]`),
      ...docstring(EXTRA_FIELD_DOC, "    "),
    ];
    blocks.push({ ...EMPTY, dataclass: { name: d.name, doc: docstring(docsText(d.def.docs), "    "), fields: [...dataclassFields(d.fields ?? [], ctx), ...extra] } });
    exports.push(d.name);
    if (d.typedDict) {
      const fields = (d.fields ?? []).map((f) => ({ name: f.name, type: f.prop.type, required: f.prop.required }));
      blocks.push(typedDictBlock(d.typedDict, docsText(d.def.docs), fields, ctx));
      exports.push(d.typedDict);
    }
  }
  if (module === "operations") {
    for (const op of operations) {
      blocks.push(...requestBlocks(op, ctx), responseBlock(op, ctx));
      if (op.request) exports.push(op.request.typeName, op.request.typedDict);
      exports.push(op.responseTypeName);
    }
  }
  if (module === "errors") {
    for (const op of operations) {
      for (const e of op.errors) {
        blocks.push(errorBlock(op, e, ctx));
        exports.push(e.className);
      }
    }
  }
  blocks.push(...aliasBlocks(decls, ctx));
  exports.push(...decls.filter((d) => d.def.kind === "alias").map((d) => d.name));
  const schemas = decls.map((d) => schemaLines(d, ctx));
  exports.push(...decls.map((d) => schemaConst(d.name)));

  const stdlib = ["import dataclasses", "import enum", "import typing"];
  const needsHttpx = module === "operations" && operations.length > 0;
  const imports = [
    ...stdlib,
    ...(needsHttpx ? ["", "import httpx"] : []),
    "",
    "from ...utils import errors as _errors",
    "from ...utils import schema as _s",
  ];
  if (module !== "errors" || !operations.some((o) => o.errors.some((e) => e.error.messagePath))) imports.splice(imports.indexOf("from ...utils import errors as _errors"), 1);
  if (module === "errors") {
    imports.push(...layout({ open: "from ...utils.errors import (", items: RUNTIME_ERRORS, close: ")" }, ""));
    exports.push(...RUNTIME_ERRORS);
  }
  for (const other of MODULES) if (other !== module && ctx.used.has(other)) imports.push(`from .. import ${other}`);
  return {
    doc: docstring(`${{ components: "Models of the API's component schemas.", operations: "Requests, responses and the types only operations use.", errors: "Errors the API declares, with the runtime's own error classes." }[module]}`, ""),
    imports,
    blocks,
    schemas: schemas.map((lines, i) => (i === 0 ? lines : ["", ...lines])),
    exports: [...new Set(exports)].sort().map((e) => pyString(e)),
  };
}
