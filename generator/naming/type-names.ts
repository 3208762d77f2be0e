import type { EnumDef, NameHint } from "../ir/types.ts";
import { pascalCase, words } from "./case.ts";
import { NameScope } from "./namer.ts";

/**
 * Type names that say nothing on their own; an inline type is then named from its context
 * instead ("type" of getTransientToken -> GetTransientTokenQueryParamType).
 */
const GENERIC_TYPE_NAMES = new Set([
  "Body", "Data", "Errors", "Item", "Items", "Kind", "Mode", "Result", "State", "Status", "Type", "Value",
]);

/**
 * Type names no target gives a model: they would shadow a global or a runtime export inside the
 * generated modules of some target. One set for all targets, so a type has the same name in every language.
 */
const RESERVED_TYPE_NAMES = new Set([
  "Array", "Blob", "Boolean", "Date", "Error", "File", "FormData", "Function", "Headers", "Map", "Number", "Object",
  "Promise", "Record", "Request", "Response", "Set", "String", "Symbol", "URL", "ReadableStream", "Partial", "Readonly",
  "ClosedEnum", "OpenEnum", "Unrecognized", "SDKBaseError", "HTTPError", "HTTPDetails", "SDKError",
  "ResponseValidationError", "SDKValidationError", "ConnectionError", "RequestTimeoutError", "RequestAbortedError",
  "RequestOptions", "Result", "Schema",
]);

export function isShadowingTypeName(name: string): boolean {
  return RESERVED_TYPE_NAMES.has(name);
}

export function isGenericTypeName(name: string): boolean {
  return GENERIC_TYPE_NAMES.has(name);
}

/** A PascalCase type name, never empty and never starting with a digit; the same in every target. */
export function typeName(text: string): string {
  const name = pascalCase(text);
  if (name === "") return "T";
  return /^\p{N}/u.test(name) ? `T${name}` : name;
}

/** Names to try for a type, most specific to its own spelling first. */
export function candidatesFor(hint: NameHint): string[] {
  const own = (name: string, context: string[]) => {
    const n = typeName(name);
    const contextual = context.map((c) => `${c}${n}`);
    return isGenericTypeName(n) ? [...contextual, n] : [n, ...contextual];
  };
  switch (hint.kind) {
    case "component": return [typeName(hint.key), `${typeName(hint.key)}Model`];
    case "title": return own(hint.title, []);
    case "override": return own(hint.name, hint.owner ? [ownerName(hint.owner)] : []);
    case "property": return own(hint.property, [ownerName(hint.owner)]);
    case "item": return [...candidatesFor(hint.owner), `${ownerName(hint.owner)}Item`];
    case "variant": return [`${ownerName(hint.owner)}${hint.index + 1}`];
    case "fields": return [`${ownerName(hint.owner)}Fields`];
    case "parameter": {
      const context = hint.operationId ? [`${typeName(hint.operationId)}${typeName(hint.location)}Param`] : [`${typeName(hint.location)}Param`];
      return own(hint.name, context);
    }
    case "requestBody": return [`${typeName(hint.operationId)}RequestBody`];
    case "response": return hint.baseName
      ? [`${typeName(hint.operationId)}${typeName(hint.baseName)}`, `${typeName(hint.operationId)}ResponseBody`]
      : [`${typeName(hint.operationId)}ResponseBody`];
    case "error": return [`${typeName(hint.operationId)}${statusWord(hint.status)}ErrorBody`];
  }
}

/** "400" and "4XX" as they are, "default" as "Default": a status inside a type name. */
function statusWord(status: string): string {
  return /^[0-9][0-9X]*$/i.test(status) ? status.toUpperCase() : typeName(status);
}

function ownerName(hint: NameHint): string {
  return candidatesFor(hint)[0] ?? "Anonymous";
}

/** PascalCase member names with lower-cased words, signs spelled out so "GMT+1" and "GMT-1" differ. */
export function enumMemberNames(def: EnumDef): string[] {
  const scope = new NameScope();
  return def.members.map((m) => {
    const raw = m.nameHint ?? (typeof m.value === "number" ? `Value ${m.value < 0 ? "Minus " : ""}${String(Math.abs(m.value)).replace(".", " Point ")}` : m.value);
    const spelled = raw.replace(/\+/g, " Plus ").replace(/(^|[^\p{L}\p{N}])-(?=\p{N})/gu, "$1 Minus ").replace(/(\p{L})-(?=\p{N})/gu, "$1 Minus ");
    const name = words(spelled).map((w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()).join("");
    const safe = name === "" ? (raw === "" ? "Empty" : "Value") : /^\p{N}/u.test(name) ? `Value${name}` : name;
    return scope.claim([safe]);
  });
}
