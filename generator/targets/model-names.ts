import type { Api, ErrorResponse, NamedType, Operation, Parameter } from "../ir/types.ts";
import { compareStrings } from "../ir/pointer.ts";
import { splitPointer } from "../diagnostics.ts";
import type { NameScope } from "../naming/namer.ts";
import { candidatesFor, typeName } from "../naming/type-names.ts";

/** The names an operation's own classes take: its response and one error class per declared error. */
export interface OperationTypeNames {
  /** The request class, for operations that take one in the TypeScript SDK (a body, or many parameters). */
  request?: string;
  response: string;
  errors: Array<{ status: string; name: string; error: ErrorResponse }>;
}

export function isGlobalParam(param: Parameter, api: Api): boolean {
  return api.globals.some((g) => g.in === param.in && g.wireName.toLowerCase() === param.wireName.toLowerCase());
}

/**
 * Claims every model name in the TypeScript target's order (component schemas, then per operation its
 * request, response and errors, then inline types from the shallowest), so a type has the same name in
 * every target that spells names the same way. `spell` turns candidates into the target's identifiers.
 */
export function claimModelNames(
  api: Api, scope: NameScope, maxMethodParams: number, spell: (candidate: string) => string,
): { typeNames: Map<string, string>; perOp: Map<Operation, OperationTypeNames> } {
  const typeNames = new Map<string, string>();
  const declare = (def: NamedType) => typeNames.set(def.id, scope.claim(candidatesFor(def.hint).map(spell)));
  for (const def of api.types.filter((t) => t.hint.kind === "component")) declare(def);
  const perOp = new Map<Operation, OperationTypeNames>();
  for (const op of api.operations) {
    const base = spell(typeName(op.operationId));
    // The TypeScript target claims a request type here; claiming it too keeps later names the same.
    const request = op.body !== undefined || op.params.filter((p) => !isGlobalParam(p, api)).length > maxMethodParams
      ? scope.claim([`${base}Request`]) : undefined;
    const response = scope.claim([`${base}Response`]);
    const errors = op.errors.map((error) => ({
      status: error.status,
      name: scope.claim([`${base}${spell(typeName(error.nameHint))}`, `${base}${spell(typeName(error.status))}Error`]),
      error,
    }));
    perOp.set(op, { ...(request ? { request } : {}), response, errors });
  }
  for (const def of shallowFirst(api.types.filter((t) => t.hint.kind !== "component"))) declare(def);
  return { typeNames, perOp };
}

/**
 * Inline types in naming order: shallow before deep (by the depth of their pointer), so a nested
 * type never takes a name its parent wants, then by id. Each depth is worked out once.
 */
export function shallowFirst<T extends { id: string }>(types: T[]): T[] {
  return types.map((t) => ({ t, depth: splitPointer(t.id).length }))
    .sort((a, b) => a.depth - b.depth || compareStrings(a.t.id, b.t.id))
    .map(({ t }) => t);
}
