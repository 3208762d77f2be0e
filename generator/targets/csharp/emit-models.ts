import type { Docs, EnumDef, ObjectDef } from "../../ir/types.ts";
import type { CsTypeDecl, CsView } from "./plan.ts";
import { csType, defaultExpression, mustSet, numberLiteral, propertyType, withoutAliases } from "./render.ts";
import { csString, summary } from "./words.ts";

/** The documentation text of a model or property: deprecation first, then its description. */
export function docText(docs: Docs): string | undefined {
  const parts = [docs.deprecated ? "Deprecated: this may be removed in a future release." : "", docs.description ?? docs.summary ?? ""].filter((t) => t.trim() !== "");
  return parts.length === 0 ? undefined : parts.join("\n\n");
}

export const EXTRA_PROPERTY_DOC = "The properties the schema does not name, by their name in the JSON.";

/** The class of an object schema: properties, then its emitted JSON reader and writer. */
export function objectCode(decl: CsTypeDecl, view: CsView): string {
  const def = decl.def as ObjectDef;
  const lines: string[] = [summary(docText(def.docs), "", `${decl.name} is a model of the API.`), `public sealed class ${decl.name}`, "{"];
  const props = decl.properties!;
  for (const { name, prop } of props) {
    const { declared } = propertyType(prop, view);
    lines.push(summary(docText(prop.docs), "    ", `The ${prop.name} property.`));
    // C# refuses [Obsolete] on a required member (CS9042): a required deprecated property keeps only its doc.
    if (prop.docs.deprecated && !mustSet(prop)) lines.push(`    [global::System.Obsolete(${csString(docText(prop.docs)!)})]`);
    lines.push(`    public ${mustSet(prop) ? "required " : ""}${declared.text} ${name} { get; set; }`, "");
  }
  const extra = decl.extraType;
  const extraType = extra ? csType({ kind: "map", values: extra }, view) : undefined;
  if (decl.extraProperty && extraType) {
    lines.push(summary(EXTRA_PROPERTY_DOC, "    ", ""), `    public ${extraType.text}? ${decl.extraProperty} { get; set; }`, "");
    lines.push(`    private static readonly global::System.Collections.Generic.HashSet<string> DeclaredNames = new() { ${props.map((p) => csString(p.prop.name)).join(", ")} };`, "");
  }
  // Reader: every property checked, defaults filled in, the first mismatch named by its path.
  lines.push(`    internal static ${decl.name} ReadJson(global::System.Text.Json.JsonElement json, string path)`, "    {", "        Json.ExpectObject(json, path);", `        return new ${decl.name}`, "        {");
  for (const { name, prop } of props) {
    const { declared, base } = propertyType(prop, view);
    const type = withoutAliases(prop.type, view);
    // Only a nullable schema accepts null; an optional property's reader is only typed as nullable.
    const reader = type.kind === "nullable" ? declared.reader : declared.text.endsWith("?") && declared.value ? `Json.Lift<${base.text}>(${base.reader})` : base.reader;
    const fallback = defaultExpression(prop, declared, base, view);
    const required = prop.required && !prop.writeOnly && fallback === undefined;
    lines.push(`            ${name} = Json.Field<${declared.text}>(json, ${csString(prop.name)}, path, ${reader}, ${required}, ${fallback ?? (declared.text.endsWith("?") ? "null" : "default!")}),`);
  }
  if (decl.extraProperty && extra) {
    const values = csType(extra, view);
    lines.push(`            ${decl.extraProperty} = Json.Extra<${values.text}>(json, path, DeclaredNames, ${values.reader}),`);
  }
  lines.push("        };", "    }", "");
  // Writer: read-only properties stay out of requests, absent optional ones are left out.
  lines.push(`    internal static void WriteJson(global::System.Text.Json.Utf8JsonWriter writer, ${decl.name} value, string path)`, "    {", "        writer.WriteStartObject();");
  props.forEach(({ name, prop }, i) => {
    if (prop.readOnly) return;
    const { declared, base } = propertyType(prop, view);
    const type = withoutAliases(prop.type, view);
    const wire = csString(prop.name);
    if (prop.required && type.kind === "nullable") {
      lines.push(`        Json.Property<${declared.text}>(writer, ${wire}, value.${name}, path, ${declared.writer});`);
    } else if (mustSet(prop)) {
      lines.push(`        Json.RequiredProperty<${base.text}>(writer, ${wire}, value.${name}, path, ${base.writer});`);
    } else {
      // Matched non-null, the value is written with the writer of the type without null.
      const inner = type.kind === "nullable" ? csType(type.inner, view) : base;
      lines.push(`        if (value.${name} is { } value${i}) Json.Property<${inner.text}>(writer, ${wire}, value${i}, path, ${inner.writer});`);
    }
  });
  if (decl.extraProperty && extra) {
    const values = csType(extra, view);
    lines.push(`        Json.WriteExtra<${values.text}>(writer, value.${decl.extraProperty}, DeclaredNames, path, ${values.writer});`);
  }
  lines.push("        writer.WriteEndObject();", "    }", "}");
  return lines.join("\n");
}

function enumLiteral(value: string | number, def: EnumDef): string {
  if (typeof value === "string") return csString(value);
  return def.base === "integer" ? `${value}L` : numberLiteral(value);
}

function wireType(def: EnumDef): { text: string; read: string; write: string } {
  if (def.base === "string") return { text: "string", read: "Json.ReadString", write: "writer.WriteStringValue" };
  if (def.base === "integer") return { text: "long", read: "Json.ReadInt64", write: "writer.WriteNumberValue" };
  return { text: "double", read: "Json.ReadDouble", write: "writer.WriteNumberValue" };
}

function memberDoc(value: string | number): string {
  return `The value ${JSON.stringify(value)}.`;
}

/** A closed string or integer enum: a C# enum, and a static class with its wire values, reader and writer. */
export function enumCode(decl: CsTypeDecl, view: CsView): string {
  const def = decl.def as EnumDef;
  const names = decl.memberNames!;
  const wire = wireType(def);
  const integer = def.base === "integer";
  const lines = [summary(docText(def.docs), "", `${decl.name} is an enum of the API.`), `public enum ${decl.name}${integer ? " : long" : ""}`, "{"];
  def.members.forEach((m, i) => lines.push(summary(memberDoc(m.value), "    ", ""), `    ${names[i]}${integer ? ` = ${m.value}` : ""},`));
  const cases = def.members.map((m, i) => [`${decl.name}.${names[i]}`, enumLiteral(m.value, def)] as const);
  lines.push("}", "", summary(`The values of ${decl.name} as the API spells them.`, "", ""), `public static class ${decl.helperName}`, "{");
  lines.push(
    summary(`The value as the API spells it.`, "    ", ""),
    `    public static ${wire.text} ToValue(this ${decl.name} value) => Wire(value, nameof(value));`, "",
    `    internal static ${wire.text} Wire(${decl.name} value, string path) => value switch`, "    {",
    ...cases.map(([member, literal]) => `        ${member} => ${literal},`),
    `        _ => throw new SDKValidationException($"{(long)value} is not one of the values of ${decl.name}", path),`, "    };", "",
    `    internal static ${decl.name} ReadJson(global::System.Text.Json.JsonElement json, string path) => ${wire.read}(json, path) switch`, "    {",
    ...cases.map(([member, literal]) => `        ${literal} => ${member},`),
    `        _ => throw new JsonIssue(path, ${csString(`${integer ? "a number" : "a string"} that is not one of the values of ${decl.name}`)}),`, "    };", "",
    `    internal static void WriteJson(global::System.Text.Json.Utf8JsonWriter writer, ${decl.name} value, string path) => ${wire.write}(Wire(value, path));`,
    "}",
  );
  return lines.join("\n");
}

/**
 * An open enum (or one of numbers): a class with one static member per known value. Open enums keep
 * values the SDK does not know; closed ones refuse them on both sides.
 */
export function valueEnumCode(decl: CsTypeDecl, view: CsView): string {
  const def = decl.def as EnumDef;
  const names = decl.memberNames!;
  const wire = wireType(def);
  const n = decl.name;
  const known = def.members.map((m) => enumLiteral(m.value, def)).join(" or ");
  const text = def.base === "string" ? "Value" : "Value.ToString(global::System.Globalization.CultureInfo.InvariantCulture)";
  const lines = [
    summary(`${docText(def.docs) ?? `${n} is an enum of the API.`}${def.open ? "\n\nValues the SDK does not know yet are kept as they are (see IsKnown)." : ""}`, "", ""),
    `public sealed class ${n} : global::System.IEquatable<${n}>`, "{",
  ];
  def.members.forEach((m, i) => lines.push(summary(memberDoc(m.value), "    ", ""), `    public static readonly ${n} ${names[i]} = new(${enumLiteral(m.value, def)});`, ""));
  lines.push(
    summary("The value as the API spells it.", "    ", ""), `    public ${wire.text} Value { get; }`, "",
    `    private ${n}(${wire.text} value)`, "    {", "        Value = value;", "    }", "",
    summary(def.open ? "The member of a value, or a new instance for a value the SDK does not know." : "The member of a value; any other value is refused.", "    ", ""),
    `    public static ${n} FromValue(${wire.text} value) => value switch`, "    {",
    ...def.members.map((m, i) => `        ${enumLiteral(m.value, def)} => ${names[i]},`),
    def.open ? `        _ => new ${n}(value),` : `        _ => throw new SDKValidationException("not one of the values of ${n}", nameof(value)),`,
    "    };", "",
    summary("Whether the value is one the SDK knows.", "    ", ""), `    public bool IsKnown => Value is ${known};`, "",
    summary("The value as text.", "    ", ""), `    public override string ToString() => ${text};`, "",
    summary("Whether both hold the same value.", "    ", ""), `    public bool Equals(${n}? other) => other is not null && Value.Equals(other.Value);`, "",
    summary("Whether both hold the same value.", "    ", ""), `    public override bool Equals(object? obj) => Equals(obj as ${n});`, "",
    summary("The hash of the value.", "    ", ""), "    public override int GetHashCode() => Value.GetHashCode();", "",
    summary("Whether both hold the same value.", "    ", ""), `    public static bool operator ==(${n}? left, ${n}? right) => left is null ? right is null : left.Equals(right);`, "",
    summary("Whether the values differ.", "    ", ""), `    public static bool operator !=(${n}? left, ${n}? right) => !(left == right);`, "",
    `    internal static ${n} ReadJson(global::System.Text.Json.JsonElement json, string path)`, "    {",
    `        var value = ${wire.read}(json, path);`,
    def.open ? `        return FromValue(value);` : `        return value is ${known} ? FromValue(value) : throw new JsonIssue(path, ${csString(`a value that is not one of the values of ${n}`)});`,
    "    }", "",
    `    internal static void WriteJson(global::System.Text.Json.Utf8JsonWriter writer, ${n} value, string path)`, "    {",
    ...(def.open ? [] : [`        if (!value.IsKnown) throw new SDKValidationException("not one of the values of ${n}", path);`]),
    `        ${wire.write}(value.Value);`, "    }", "}",
  );
  return lines.join("\n");
}
