import { joinPointer, refPointer, splitPointer, type Diagnostic } from "../diagnostics.ts";
import type { Discriminator, Docs, EnumDef, NameHint, NamedType, ObjectDef, PrimitiveName, Property, Type } from "./types.ts";
import { compareStrings, isRecord, resolvePointer, sortedKeys } from "./pointer.ts";
import { mergeProperties, narrowType, requireProperties } from "./merge.ts";
import { wrongComponentKind } from "./refs.ts";
import { BINARY_MEDIA_TYPES } from "./media.ts";

type Schema = Record<string, unknown>;

/** Keywords beside a 3.1 `$ref` that make the schema more than the reference. */
const REF_SIBLINGS = ["properties", "additionalProperties", "items", "allOf", "oneOf", "anyOf", "enum", "const"];

/** Keywords that give a schema structure; a schema with none of them is only annotation. */
const STRUCTURAL = [
  "$ref", "type", "properties", "additionalProperties", "items", "allOf", "oneOf", "anyOf", "enum", "const", "required",
];

/**
 * Turns JSON schemas of the bundled document into IR types. Every schema is converted once
 * per JSON pointer; types that need a name (objects, enums, component schemas) are recorded
 * by id, so cycles through them end at a reference.
 */
export class SchemaConverter {
  readonly types = new Map<string, NamedType>();
  private readonly converted = new Map<string, Type>();
  private readonly inProgress = new Set<string>();

  constructor(
    private readonly doc: unknown,
    private readonly hintOf: (pointer: string) => NameHint,
    private readonly report: (d: Omit<Diagnostic, "file">) => void,
  ) {}

  /**
   * Converts the schema at `pointer`, following a $ref there. Callers that hold the schema already
   * (a property, an item) pass it, sparing a walk from the top of the document.
   */
  convertAt(pointer: string, node?: unknown): Type {
    const cached = this.converted.get(pointer);
    if (cached) return cached;
    const schema = node === undefined ? resolvePointer(this.doc, pointer) : node;
    if (schema === true || schema === undefined) return { kind: "primitive", name: "unknown" };
    if (schema === false) {
      // A 3.1 boolean schema: valid, but no value matches it; a property of it is left out (propertiesOf).
      this.report({ severity: "warning", pointer, message: "a `false` schema accepts no value: it is typed as any value, and nothing is checked" });
      return { kind: "primitive", name: "unknown" };
    }
    if (!isRecord(schema)) {
      this.report({ severity: "error", pointer, message: "a schema must be an object" });
      return { kind: "primitive", name: "unknown" };
    }
    if (this.inProgress.has(pointer)) {
      // A cycle through an anonymous schema: give it a name so the cycle can be written down.
      this.converted.set(pointer, { kind: "ref", target: pointer });
      return { kind: "ref", target: pointer };
    }
    this.inProgress.add(pointer);
    const type = this.convert(schema, pointer);
    this.inProgress.delete(pointer);
    const recursive = this.converted.get(pointer);
    if (recursive?.kind === "ref" && recursive.target === pointer && !this.types.has(pointer)) {
      if (isSelf(type, pointer)) {
        // e.g. A: {allOf: [B]}, B: {allOf: [A]}: the cycle never says what A is.
        this.report({ severity: "error", pointer, message: "the schema is defined only by itself: its $ref/allOf/oneOf/anyOf cycle never reaches a type" });
        return unknownType();
      }
      this.types.set(pointer, { kind: "alias", id: pointer, hint: this.hintOf(pointer), docs: docsOf(schema), type });
      return recursive;
    }
    this.converted.set(pointer, type);
    return type;
  }

  private convert(schema: Schema, pointer: string): Type {
    const ref = schema["$ref"];
    const siblings = typeof ref === "string" && this.appliesRefSiblings(schema);
    if (typeof ref === "string" && !siblings) return this.convertRef(ref, pointer);
    this.checkKeywords(schema, pointer);
    const isComponent = /^\/components\/schemas\/[^/]+$/.test(pointer);
    const type = siblings ? this.convertAllOf(schema, pointer) : this.convertStructure(schema, pointer);
    // A nullable object or enum component keeps its definition; its uses carry the null.
    const definesItself = type.kind === "nullable" && type.inner.kind === "ref" && type.inner.target === pointer;
    if (isComponent && type.kind !== "ref" && !definesItself) {
      this.types.set(pointer, { kind: "alias", id: pointer, hint: this.hintOf(pointer), docs: docsOf(schema), type });
      return { kind: "ref", target: pointer };
    }
    return type;
  }

  /**
   * OpenAPI 3.1 schemas apply the keywords beside a `$ref` too (3.0 ignores them): a `$ref` with
   * properties, items, allOf, oneOf, anyOf, enum or const beside it is read as an allOf of the
   * reference and the rest. Annotations and `type` alone beside a `$ref` change nothing.
   */
  private appliesRefSiblings(schema: Schema): boolean {
    const version = isRecord(this.doc) ? String(this.doc["openapi"]) : "";
    return version.startsWith("3.1") && REF_SIBLINGS.some((k) => k in schema);
  }

  private convertRef(ref: string, pointer: string): Type {
    if (!ref.startsWith("#")) {
      this.report({ severity: "error", pointer: joinPointer(pointer, "$ref"), message: `unresolved external $ref ${JSON.stringify(ref)}` });
      return { kind: "primitive", name: "unknown" };
    }
    const target = refPointer(ref);
    const wrongKind = wrongComponentKind(target, "schemas");
    if (wrongKind !== undefined) {
      this.report({ severity: "error", pointer: joinPointer(pointer, "$ref"), message: wrongKind });
      return unknownType();
    }
    if (resolvePointer(this.doc, target) === undefined) {
      this.report({ severity: "error", pointer: joinPointer(pointer, "$ref"), message: `$ref target ${JSON.stringify(ref)} does not exist` });
      return { kind: "primitive", name: "unknown" };
    }
    return this.convertAt(target);
  }

  /** Keywords whose shape the conversion relies on; the 3.1 validator does not look inside schemas. */
  private checkKeywords(schema: Schema, pointer: string): void {
    const type = schema["type"];
    if (type !== undefined && typeof type !== "string" && !(Array.isArray(type) && type.every((t) => typeof t === "string"))) {
      this.report({ severity: "error", pointer: joinPointer(pointer, "type"), message: "`type` must be a type name or a list of type names" });
    }
    const required = schema["required"];
    if (required !== undefined && !(Array.isArray(required) && required.every((r) => typeof r === "string"))) {
      const hint = typeof required === "boolean" ? "; `required: true` on a property is Swagger 2.0: list the property in its object's `required`" : "";
      this.report({ severity: "error", pointer: joinPointer(pointer, "required"), message: `\`required\` must be a list of property names${hint}` });
    }
  }

  private convertStructure(schema: Schema, pointer: string): Type {
    const nullable = schema["nullable"] === true;
    const inner = this.convertNonNull(schema, pointer);
    return nullable ? makeNullable(inner) : inner;
  }

  private convertNonNull(schema: Schema, pointer: string): Type {
    if (isRecord(schema["discriminator"]) && !Array.isArray(schema["oneOf"]) && !Array.isArray(schema["anyOf"])) {
      this.report({
        severity: "warning",
        pointer: joinPointer(pointer, "discriminator"),
        message: "a discriminator without oneOf or anyOf (a base schema that others extend through allOf) is not supported yet: values are read as this schema, and the schemas extending it are not told apart",
      });
    }
    if ("const" in schema) {
      const value = schema["const"];
      if (value === null || typeof value !== "object") return { kind: "literal", value: value as string | number | boolean | null };
      // An object or array constant would need a deep comparison; the rest of the schema still types the value.
      this.report({ severity: "warning", pointer: joinPointer(pointer, "const"), message: `a const that is ${Array.isArray(value) ? "an array" : "an object"} is not supported yet: the value is typed by the schema's other keywords, not checked against the constant` });
      const { const: _const, ...rest } = schema;
      return this.convertNonNull(rest, pointer);
    }
    if (Array.isArray(schema["enum"])) return this.convertEnum(schema, pointer);
    if (Array.isArray(schema["allOf"])) return this.convertAllOf(schema, pointer);
    for (const key of ["oneOf", "anyOf"] as const) {
      if (Array.isArray(schema[key])) return this.convertUnion(schema, key, pointer);
    }
    const types = typeList(schema);
    if (types.length > 1) {
      const nonNull = types.filter((t) => t !== "null");
      const variants = nonNull.map((t) => this.convertSingle({ ...schema, type: t }, t, pointer));
      const base: Type = variants.length === 1 ? variants[0]! : { kind: "union", variants };
      return types.includes("null") ? makeNullable(base) : base;
    }
    return this.convertSingle(schema, types[0], pointer);
  }

  private convertSingle(schema: Schema, type: string | undefined, pointer: string): Type {
    switch (type) {
      case "string":
        // OpenAPI 3.1 writes a file as a string of a binary media type without contentEncoding (3.0: format binary).
        if (schema["format"] === undefined && typeof schema["contentMediaType"] === "string" && BINARY_MEDIA_TYPES.test(schema["contentMediaType"]) && schema["contentEncoding"] === undefined) {
          return primitive("string", "binary");
        }
        return primitive(type, schema["format"]);
      case "number":
      case "integer":
      case "boolean":
      case "null":
        return primitive(type, schema["format"]);
      case "array":
        return { kind: "array", items: "items" in schema ? this.convertAt(joinPointer(pointer, "items"), schema["items"]) : unknownType() };
      case "object":
        return this.convertObject(schema, pointer);
      case undefined:
        if ("properties" in schema || "additionalProperties" in schema) return this.convertObject(schema, pointer);
        if ("items" in schema) return this.convertSingle(schema, "array", pointer);
        return unknownType();
      default:
        this.report({ severity: "error", pointer: joinPointer(pointer, "type"), message: `unknown type ${JSON.stringify(type)}` });
        return unknownType();
    }
  }

  /**
   * An object type. An allOf merged into one object passes its bases, the properties of its inline
   * parts, and what those parts declare as additionalProperties (see partsAdditional), which counts
   * as the object's own unless the schema declares additionalProperties beside the allOf.
   */
  private convertObject(
    schema: Schema, pointer: string, bases: string[] = [], extra: Property[] = [],
    partsAdditional: () => ObjectDef["additional"] = () => undefined, required: ReadonlySet<string> = new Set(),
  ): Type {
    const merged = mergeProperties([...extra, ...this.propertiesOf(schema, pointer)], bases, this.types);
    const properties = requireProperties(merged, required, bases, this.types).sort((a, b) => compareStrings(a.name, b.name));
    const additional = "additionalProperties" in schema ? this.additionalOf(schema, pointer) : partsAdditional();
    if (properties.length === 0 && bases.length === 0 && !isComponentPointer(pointer)) {
      return { kind: "map", values: typeof additional === "object" ? additional : unknownType() };
    }
    const def: ObjectDef = {
      kind: "object", id: pointer, hint: this.hintOf(pointer), docs: docsOf(schema), bases, properties,
      ...(additional === undefined ? {} : { additional }),
    };
    this.types.set(pointer, def);
    return { kind: "ref", target: pointer };
  }

  private propertiesOf(schema: Schema, pointer: string): Property[] {
    const props = schema["properties"];
    if (props === undefined) return [];
    if (!isRecord(props)) {
      this.report({ severity: "error", pointer: joinPointer(pointer, "properties"), message: "`properties` must be an object" });
      return [];
    }
    const required = new Set(requiredOf(schema));
    const names = sortedKeys(props);
    for (const name of names.filter((n) => props[n] === false)) {
      this.report({
        severity: "warning",
        pointer: joinPointer(pointer, "properties", name),
        message: required.has(name)
          ? `property "${name}" is required but its schema is \`false\`, so no value is valid: it is left out`
          : `property "${name}" has the schema \`false\` (it must be absent): it is left out`,
      });
    }
    return names.filter((name) => props[name] !== false).map((name) => {
      const at = joinPointer(pointer, "properties", name);
      const raw = props[name];
      const target = isRecord(raw) ? raw : {};
      const resolved = this.followRefs(target);
      return {
        name,
        required: required.has(name),
        type: this.convertAt(at, raw),
        // Sibling keywords next to a $ref (3.1) describe this use of the type.
        // Only the property itself is deprecated by its own keywords: a deprecated type it refers to is marked on that type.
        docs: { ...typeDocs(docsOf(resolved)), ...useDocs(target) },
        default: target["default"] ?? resolved["default"],
        readOnly: (target["readOnly"] ?? resolved["readOnly"]) === true,
        writeOnly: (target["writeOnly"] ?? resolved["writeOnly"]) === true,
        errorMessage: (target["x-speakeasy-error-message"] ?? resolved["x-speakeasy-error-message"]) === true,
      };
    });
  }

  /**
   * additionalProperties of an allOf's inline parts, merged into one object: allOf asks a value to
   * satisfy every part, so an undeclared property must satisfy each part's declaration, as a property
   * several parts declare does (merge.ts). `true` and `{}` ask nothing; `false` in any part closes the
   * object; schemas are narrowed to the values all of them accept (narrowType: integer and number give
   * integer, two unrelated schemas their intersection). Parts that disagree are reported as a warning.
   */
  private partsAdditional(parts: Array<{ at: string; schema: Schema }>, pointer: string): ObjectDef["additional"] {
    const declared = parts.map((p) => ({ at: p.at, additional: this.additionalOf(p.schema, p.at) }));
    const strict = declared.filter((d) => d.additional !== "any" && d.additional !== undefined);
    if (strict.length === 0) return declared.some((d) => d.additional === "any") ? "any" : undefined;
    const distinct = new Map(strict.map((d) => [JSON.stringify(d.additional), d]));
    if (distinct.size > 1) {
      const second = [...distinct.values()][1]!;
      const closed = strict.some((d) => d.additional === false);
      this.report({
        severity: "warning",
        pointer: joinPointer(second.at, "additionalProperties"),
        message: `allOf parts declare different additionalProperties (${strict.map((d) => d.at.slice(pointer.length + 1)).join(", ")}): ` +
          (closed ? "one of them is false, so the object keeps no undeclared property" : "an undeclared property must match each, so it is typed by the values they all accept"),
      });
    }
    if (strict.some((d) => d.additional === false)) return false;
    return (strict.map((d) => d.additional) as Type[]).reduce((a, b) => narrowType(a, b, this.types));
  }

  private additionalOf(schema: Schema, pointer: string): ObjectDef["additional"] {
    const additional = schema["additionalProperties"];
    if (additional === false) return false;
    if (additional === undefined) return undefined;
    if (additional === true) return "any";
    if (isRecord(additional) && Object.keys(additional).length === 0) return "any";
    return this.convertAt(joinPointer(pointer, "additionalProperties"), additional);
  }

  private convertEnum(schema: Schema, pointer: string): Type {
    const values = this.enumValues(schema, pointer);
    const hasNull = values.includes(null);
    const members = values.filter((v) => v !== null);
    if (members.length > 0 && members.every((v) => typeof v === "boolean")) {
      // A boolean enum is `boolean` itself, or the one value it allows.
      const both = members.includes(true) && members.includes(false);
      const type: Type = both ? primitive("boolean") : { kind: "literal", value: members[0] as boolean };
      return hasNull || typeList(schema).includes("null") ? makeNullable(type) : type;
    }
    const names = Array.isArray(schema["x-speakeasy-enums"]) ? (schema["x-speakeasy-enums"] as unknown[]) : [];
    const kinds = new Set(members.map((v) => (Array.isArray(v) ? "array" : typeof v)));
    if (kinds.has("object") || kinds.has("array")) {
      // As with an object const: valid, but checking it would need a deep comparison (Docker's engine API lists `{}`).
      this.report({ severity: "warning", pointer: joinPointer(pointer, "enum"), message: "an enum of objects or arrays is not supported yet: the value is typed by the schema's other keywords, not checked against the listed values" });
      const { enum: _enum, ...rest } = schema;
      return this.convertNonNull(rest, pointer);
    }
    const seen = new Set<string>();
    const unique = members.filter((v) => {
      const key = JSON.stringify(v);
      return seen.has(key) ? false : (seen.add(key), true);
    });
    if (kinds.size > 1) return this.mixedEnum(schema, unique, hasNull);
    if (members.length === 0) return hasNull ? primitive("null") : unknownType();
    const declared = typeList(schema).find((t) => t !== "null");
    const base: EnumDef["base"] = kinds.has("string")
      ? "string"
      : declared === "integer" || members.every((v) => Number.isInteger(v))
        ? "integer"
        : "number";
    const def: EnumDef = {
      kind: "enum",
      id: pointer,
      hint: this.hintOf(pointer),
      docs: docsOf(schema),
      base,
      members: unique.map((value) => {
        const nameHint = names[(schema["enum"] as unknown[]).indexOf(value)];
        return typeof nameHint === "string" ? { value: value as string | number, nameHint } : { value: value as string | number };
      }),
      open: schema["x-speakeasy-unknown-values"] === "allow",
    };
    this.types.set(pointer, def);
    const ref: Type = { kind: "ref", target: pointer };
    return hasNull || typeList(schema).includes("null") ? makeNullable(ref) : ref;
  }

  /**
   * An enum whose values are of several JSON types (`["auto", 0, true]`) is the union of its values,
   * each a literal, as `oneOf` of `const`s would be: no target has an enum of mixed base types.
   */
  private mixedEnum(schema: Schema, unique: unknown[], hasNull: boolean): Type {
    const union: Type = { kind: "union", variants: unique.map((value) => ({ kind: "literal", value: value as string | number | boolean })) };
    return hasNull || typeList(schema).includes("null") ? makeNullable(union) : union;
  }

  /**
   * The enum's values that its declared `type` allows: the others can never be valid, so they are
   * left out, with a warning. `null` is kept either way, as it makes the type nullable.
   */
  private enumValues(schema: Schema, pointer: string): unknown[] {
    const values = schema["enum"] as unknown[];
    const declared = typeList(schema);
    if (declared.length === 0) return values;
    const fits = (v: unknown) => v === null || declared.some((t) => valueHasType(v, t));
    const dropped = values.filter((v) => !fits(v));
    if (dropped.length > 0) {
      const shown = dropped.map((v) => JSON.stringify(v)).join(", ");
      this.report({
        severity: "warning",
        pointer: joinPointer(pointer, "enum"),
        message: `enum value${dropped.length > 1 ? "s" : ""} ${shown} can never be valid: the schema's type is ${declared.join(" or ")}; left out`,
      });
    }
    return values.filter(fits);
  }

  private convertAllOf(schema: Schema, pointer: string): Type {
    const listed = Array.isArray(schema["allOf"]) ? (schema["allOf"] as unknown[]) : [];
    const parts = listed.map((p, i) => ({ raw: p, schema: isRecord(p) ? p : {}, at: joinPointer(pointer, "allOf", i) }));
    // A 3.1 `$ref` with keywords beside it (see appliesRefSiblings) is the first part.
    if (typeof schema["$ref"] === "string") {
      const ref = { $ref: schema["$ref"] };
      parts.unshift({ raw: ref, schema: ref, at: joinPointer(pointer, "$ref") });
    }
    // A part of only `required` adds to the names the schema's own `required` lists.
    const requiredOnly = parts.filter((p) => isRequiredOnlyPart(p.schema));
    const structural = parts.filter((p) => STRUCTURAL.some((k) => k in p.schema) && !requiredOnly.includes(p));
    const { allOf: _allOf, $ref: _ref, ...own } = schema;
    const ownIsStructural = STRUCTURAL.some((k) => k in own && k !== "required");
    const required = new Set([own, ...requiredOnly.map((p) => p.schema)].flatMap(requiredOf));
    if (structural.length === 1 && !ownIsStructural) {
      const nullable = own["nullable"] === true;
      const inner = this.convertAt(structural[0]!.at, structural[0]!.raw);
      if (!this.makesRequired(inner, required)) return nullable ? makeNullable(inner) : inner;
    }
    // Objects made of objects merge into one object type extending the referenced ones.
    const bases: string[] = [];
    const extra: Property[] = [];
    const withAdditional: Array<{ at: string; schema: Schema }> = [];
    let mergeable = true;
    for (const part of structural) {
      const target = typeof part.schema["$ref"] === "string" ? this.convertAt(part.at, part.raw) : undefined;
      if (target) {
        const named = target.kind === "ref" ? this.types.get(target.target) : undefined;
        if (named?.kind === "object") bases.push(named.id);
        else mergeable = false;
      } else if (isObjectSchema(part.schema) || isExtraPropertiesPart(part.schema)) {
        extra.push(...this.propertiesOf(part.schema, part.at));
        if ("additionalProperties" in part.schema) withAdditional.push({ at: part.at, schema: part.schema });
      } else {
        mergeable = false;
      }
    }
    if (mergeable) return this.convertObject(own, pointer, bases, extra, () => this.partsAdditional(withAdditional, pointer), required);
    const partsTypes = structural.map((p) => this.convertAt(p.at, p.raw));
    if (ownIsStructural) partsTypes.push(this.ownPart(own, pointer));
    return { kind: "intersection", parts: partsTypes };
  }

  /** Whether requiring these names changes the object a single allOf part refers to (one of its properties is optional). */
  private makesRequired(type: Type, names: ReadonlySet<string>): boolean {
    if (names.size === 0 || type.kind !== "ref") return false;
    const def = this.types.get(type.target);
    if (def?.kind !== "object") return false;
    return requireProperties([], names, [def.id], this.types).length > 0;
  }

  /**
   * The schema's own keywords next to an allOf that does not merge into one object. The schema's id
   * names the whole (the intersection); a named type its own keywords make (an object, an enum) is
   * only one part of it, so it takes an id of its own, `<pointer>/allOf/-` (the member past the end),
   * and is named after the whole with `Fields`. Sharing the id made the whole an alias of itself.
   * Types nested inside keep their real pointers.
   */
  private ownPart(own: Schema, pointer: string): Type {
    const type = this.convertStructure(own, pointer);
    const inner = type.kind === "nullable" ? type.inner : type;
    const def = inner.kind === "ref" && inner.target === pointer ? this.types.get(pointer) : undefined;
    if (def === undefined) return type;
    const id = joinPointer(pointer, "allOf", "-");
    this.types.delete(pointer);
    // The schema's description is the whole's: the part has none of its own.
    this.types.set(id, { ...def, id, hint: this.hintOf(id), docs: {} });
    const moved: Type = { kind: "ref", target: id };
    return type.kind === "nullable" ? makeNullable(moved) : moved;
  }

  private convertUnion(schema: Schema, key: "oneOf" | "anyOf", pointer: string): Type {
    const list = schema[key] as unknown[];
    const variants: Type[] = [];
    let nullable = schema["nullable"] === true;
    list.forEach((v, i) => {
      const at = joinPointer(pointer, key, i);
      const t = this.convertAt(at, v);
      if (t.kind === "primitive" && t.name === "null") nullable = true;
      else variants.push(t);
    });
    let base: Type;
    if (variants.length === 0) base = primitive("null");
    else if (variants.length === 1) base = variants[0]!;
    else base = { kind: "union", variants, discriminator: this.discriminatorOf(schema, pointer, variants) };
    return nullable ? makeNullable(base) : base;
  }

  /**
   * The discriminator of a oneOf/anyOf: explicit mapping entries (a "#/..." reference or a
   * component's name), then the implicit ones, each component variant named by its key.
   */
  private discriminatorOf(schema: Schema, pointer: string, variants: Type[]): Discriminator | undefined {
    const d = schema["discriminator"];
    if (!isRecord(d) || typeof d["propertyName"] !== "string") return undefined;
    const mapping = isRecord(d["mapping"]) ? d["mapping"] : {};
    const targets = new Set(variants.flatMap((v) => (v.kind === "ref" ? [v.target] : [])));
    const entries: Discriminator["mapping"] = [];
    for (const value of sortedKeys(mapping)) {
      const at = joinPointer(pointer, "discriminator", "mapping", value);
      const ref = mapping[value];
      const target = typeof ref !== "string" ? undefined : ref.startsWith("#") ? refPointer(ref) : joinPointer("/components/schemas", ref);
      const type = target !== undefined && resolvePointer(this.doc, target) !== undefined ? this.convertAt(target) : undefined;
      if (type?.kind !== "ref" || !targets.has(type.target)) {
        this.report({ severity: "warning", pointer: at, message: `discriminator value ${JSON.stringify(value)} maps to ${JSON.stringify(ref)}, which is not one of the ${"oneOf" in schema ? "oneOf" : "anyOf"} variants; left out` });
        continue;
      }
      entries.push({ value, target: type.target });
    }
    // A variant the mapping does not name is picked by its component's name (OpenAPI's implicit mapping).
    const named = new Set(entries.map((e) => e.target));
    const implicit = new Set(entries.map((e) => e.value));
    for (const target of targets) {
      const key = /^\/components\/schemas\/[^/]+$/.test(target) ? splitPointer(target)[2]! : undefined;
      if (key === undefined || named.has(target) || implicit.has(key)) continue;
      entries.push({ value: key, target });
    }
    return { property: d["propertyName"], mapping: entries };
  }

  private followRefs(schema: Schema): Schema {
    let current = schema;
    for (let i = 0; i < 32 && typeof current["$ref"] === "string" && current["$ref"].startsWith("#"); i++) {
      const next = resolvePointer(this.doc, refPointer(current["$ref"]));
      if (!isRecord(next)) break;
      current = next;
    }
    return current;
  }
}

/** Whether `type` is a bare reference to `pointer` itself, perhaps nullable. */
function isSelf(type: Type, pointer: string): boolean {
  const inner = type.kind === "nullable" ? type.inner : type;
  return inner.kind === "ref" && inner.target === pointer;
}

/** Whether a JSON value is of a JSON schema type. */
function valueHasType(value: unknown, type: string): boolean {
  switch (type) {
    case "string": return typeof value === "string";
    case "number": return typeof value === "number";
    case "integer": return typeof value === "number" && Number.isInteger(value);
    case "boolean": return typeof value === "boolean";
    case "null": return value === null;
    case "array": return Array.isArray(value);
    case "object": return isRecord(value);
    default: return true;
  }
}

function isComponentPointer(pointer: string): boolean {
  return /^\/components\/schemas\/[^/]+$/.test(pointer);
}

function isObjectSchema(schema: Schema): boolean {
  return schema["type"] === "object" || "properties" in schema;
}

/** The property names a schema's `required` lists. */
function requiredOf(schema: Schema): string[] {
  return Array.isArray(schema["required"]) ? (schema["required"] as unknown[]).filter((n): n is string => typeof n === "string") : [];
}

/** An allOf part of only `required` (and words: a description): it makes properties of the others required. */
function isRequiredOnlyPart(schema: Schema): boolean {
  return Array.isArray(schema["required"]) && !STRUCTURAL.some((k) => k !== "required" && k in schema);
}

/** An allOf part of only additionalProperties (`{additionalProperties: {type: integer}}`): merged as an object part. */
function isExtraPropertiesPart(schema: Schema): boolean {
  return "additionalProperties" in schema && schema["type"] === undefined && !STRUCTURAL.some((k) => k !== "additionalProperties" && k !== "required" && k in schema);
}

function typeList(schema: Schema): string[] {
  const t = schema["type"];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === "string");
  return typeof t === "string" ? [t] : [];
}

export function primitive(name: PrimitiveName, format?: unknown): Type {
  return typeof format === "string" ? { kind: "primitive", name, format } : { kind: "primitive", name };
}

function unknownType(): Type {
  return { kind: "primitive", name: "unknown" };
}

export function makeNullable(type: Type): Type {
  if (type.kind === "nullable") return type;
  if (type.kind === "primitive" && (type.name === "null" || type.name === "unknown")) return type;
  return { kind: "nullable", inner: type };
}

export function docsOf(node: Record<string, unknown>): Docs {
  const docs: Docs = {};
  if (typeof node["summary"] === "string") docs.summary = node["summary"].trim();
  if (typeof node["description"] === "string" && node["description"].trim() !== "") docs.description = node["description"].trim();
  if (node["deprecated"] === true) docs.deprecated = true;
  if ("example" in node) docs.example = node["example"];
  else if (Array.isArray(node["examples"]) && node["examples"].length > 0) docs.example = node["examples"][0];
  return docs;
}

/** The docs a property takes from the type it refers to: all but its deprecation. */
function typeDocs(docs: Docs): Docs {
  const { deprecated: _deprecated, ...rest } = docs;
  return rest;
}

/** Docs of a schema where it is used, including annotation-only allOf parts next to a $ref. */
function useDocs(schema: Schema): Docs {
  const parts = Array.isArray(schema["allOf"]) ? (schema["allOf"] as unknown[]).filter(isRecord) : [];
  const annotations = parts.filter((p) => !STRUCTURAL.some((k) => k in p));
  return Object.assign({}, ...annotations.map(docsOf), docsOf(schema)) as Docs;
}
