import type { Docs, EnumDef, ObjectDef } from "../../ir/types.ts";
import type { PhpProperty, PhpTypeDecl, PhpView } from "./plan.ts";
import { defaultExpression, floatLiteral, mustSet, phpType, propertyType } from "./render.ts";
import { docComment, phpString } from "./words.ts";

/** The documentation text of a model or property: deprecation first, then its description. */
export function docText(docs: Docs): string | undefined {
  const parts = [docs.deprecated ? "Deprecated: this may be removed in a future release." : "", docs.description ?? docs.summary ?? ""].filter((t) => t.trim() !== "");
  return parts.length === 0 ? undefined : parts.join("\n\n");
}

export const EXTRA_PROPERTY_DOC = "The properties the schema does not name, by their name in the JSON.";

/** Constructor order: what must be given first, since PHP wants optional parameters last. */
export function constructorOrder<T extends { required: boolean }>(items: T[]): T[] {
  return [...items.filter((i) => i.required), ...items.filter((i) => !i.required)];
}

/** Promoted constructor parameters, one per line, with their PHPDoc types in the constructor's comment. */
export function promotedParameters(params: Array<{ name: string; decl: string; doc: string; optional: boolean; text?: string }>): { lines: string[]; tags: string[] } {
  return {
    lines: params.map((p) => `        public ${p.decl} $${p.name}${p.optional ? " = null" : ""},`),
    tags: params.filter((p) => p.doc !== p.decl && p.doc !== p.decl.replace(/^\?(.*)$/, "$1|null")).map((p) => `@param ${p.doc} $${p.name}${p.text ? ` ${p.text}` : ""}`),
  };
}

function propertyParams(props: PhpProperty[], view: PhpView) {
  return constructorOrder(props.map((p) => ({ ...p, required: mustSet(p.prop) }))).map(({ name, prop, required }) => {
    const { declared } = propertyType(prop, view);
    return { name, decl: declared.decl, doc: declared.doc, optional: !required, text: docText(prop.docs)?.split(/\r\n?|\n/)[0] };
  });
}

/** The class of an object schema: promoted properties, then its emitted JSON reader and writer. */
export function objectCode(decl: PhpTypeDecl, view: PhpView): string {
  const def = decl.def as ObjectDef;
  const props = decl.properties!;
  const extra = decl.extraType;
  const extraType = extra ? phpType({ kind: "map", values: extra }, view) : undefined;
  const params = propertyParams(props, view);
  if (decl.extraProperty && extraType) params.push({ name: decl.extraProperty, decl: "?array", doc: `${extraType.doc}|null`, optional: true, text: EXTRA_PROPERTY_DOC });
  const { lines: paramLines, tags } = promotedParameters(params);
  const deprecated = props.filter((p) => p.prop.docs.deprecated).map((p) => `$${p.name}: ${docText(p.prop.docs)!.split(/\r\n?|\n/)[0]}`);
  const lines = [docComment(docText(def.docs), "", `${decl.name} is a model of the API.`), `final class ${decl.name}`, "{"];
  if (decl.extraProperty) lines.push(`    private const DECLARED_NAMES = [${props.map((p) => phpString(p.prop.name)).join(", ")}];`, "");
  lines.push(
    docComment(`Creates a ${decl.name}; name the arguments.${deprecated.length > 0 ? `\n\nDeprecated properties:\n${deprecated.join("\n")}` : ""}`, "    ", "", tags),
    ...(paramLines.length === 0 ? ["    public function __construct()", "    {", "    }"] : ["    public function __construct(", ...paramLines, "    ) {", "    }"]),
    "",
  );
  // Reader: every property checked, defaults filled in, the first mismatch named by its path.
  lines.push(
    docComment("Reads the JSON form of the model, checking every property.", "    ", "", ["@internal"]),
    "    public static function fromJson(mixed $json, string $path = '$'): self", "    {",
    `        $object = Utils\\Json::expectObject($json, $path);`,
  );
  const args = props.map(({ name, prop }) => {
    const { declared, base } = propertyType(prop, view);
    // Only a nullable schema accepts null; an optional property's reader is only typed as nullable.
    const reader = prop.type.kind === "nullable" ? declared.reader : base.reader;
    const fallback = defaultExpression(prop, base, view);
    const required = prop.required && !prop.writeOnly && fallback === undefined;
    return `            ${name}: Utils\\Json::field($object, ${phpString(prop.name)}, $path, ${reader}, ${required}, ${fallback ?? "null"}),`;
  });
  if (decl.extraProperty && extra) args.push(`            ${decl.extraProperty}: Utils\\Json::extra($object, $path, self::DECLARED_NAMES, ${phpType(extra, view).reader}),`);
  lines.push(...(args.length === 0 ? ["        return new self();"] : ["        return new self(", ...args, "        );"]), "    }", "");
  // Writer: read-only properties stay out of requests, absent optional ones are left out.
  lines.push(
    docComment("The JSON form of the model, as the API expects it.", "    ", "", ["@internal"]),
    "    public function toJson(string $path = '$'): \\stdClass", "    {", "        $out = new \\stdClass();",
  );
  for (const { name, prop } of props) {
    if (prop.readOnly) continue;
    const { base } = propertyType(prop, view);
    const wire = phpString(prop.name);
    if (prop.required && prop.type.kind === "nullable") {
      lines.push(`        Utils\\Json::put($out, ${wire}, $this->${name}, $path, ${base.writer});`);
    } else if (mustSet(prop)) {
      lines.push(`        Utils\\Json::put($out, ${wire}, $this->${name}, $path, ${base.writer});`);
    } else {
      // Set, the value is written with the writer of the type without null.
      const inner = prop.type.kind === "nullable" ? phpType(prop.type.inner, view) : base;
      lines.push(`        if ($this->${name} !== null) {`, `            Utils\\Json::put($out, ${wire}, $this->${name}, $path, ${inner.writer});`, "        }");
    }
  }
  if (decl.extraProperty && extra) lines.push(`        Utils\\Json::putExtra($out, $this->${decl.extraProperty}, self::DECLARED_NAMES, $path, ${phpType(extra, view).writer});`);
  lines.push("        return $out;", "    }", "}");
  return lines.join("\n");
}

function enumLiteral(value: string | number): string {
  return typeof value === "string" ? phpString(value) : Number.isSafeInteger(value) ? String(value) : floatLiteral(value);
}

/** A string or integer enum: a backed enum (open ones are read into it too, unknown values kept raw by their properties). */
export function enumCode(decl: PhpTypeDecl): string {
  const def = decl.def as EnumDef;
  const backing = def.base === "integer" ? "int" : "string";
  const open = def.open ? "\n\nValues the SDK does not know yet are kept as they are: properties of this type also take the raw value." : "";
  const lines = [docComment(`${docText(def.docs) ?? `${decl.name} is an enum of the API.`}${open}`, "", ""), `enum ${decl.name}: ${backing}`, "{"];
  def.members.forEach((m, i) => lines.push(`    case ${decl.memberNames![i]} = ${enumLiteral(m.value)};`));
  lines.push("}");
  return lines.join("\n");
}

/** An enum of numbers, which PHP enums cannot back: constants, and a reader that checks the value. */
export function numberEnumCode(decl: PhpTypeDecl): string {
  const def = decl.def as EnumDef;
  const names = decl.memberNames!;
  const values = def.members.map((m) => enumLiteral(m.value));
  const lines = [docComment(docText(def.docs), "", `${decl.name} is an enum of the API: its values are numbers.`), `final class ${decl.name}`, "{"];
  def.members.forEach((m, i) => lines.push(`    public const ${names[i]} = ${values[i]};`));
  lines.push(
    "", `    private const VALUES = [${values.join(", ")}];`, "",
    docComment("Reads the value, refusing numbers the enum does not list.", "    ", "", ["@internal"]),
    "    public static function fromJson(mixed $json, string $path = '$'): float", "    {",
    "        $value = Utils\\Json::float()($json, $path);",
    ...(def.open ? [] : [
      "        if (!in_array($value, self::VALUES, false)) {",
      `            throw new Utils\\JsonIssue($path, ${phpString(`a number that is not one of the values of ${decl.name}`)});`, "        }",
    ]),
    "        return $value;", "    }", "",
    docComment("The writer of the value, refusing numbers the enum does not list.", "    ", "", ["@internal"]),
    "    public static function writer(): \\Closure", "    {",
    "        return static function (mixed $value, string $path): float {",
    ...(def.open ? [] : [
      "            if (!in_array($value, self::VALUES, false)) {",
      `                throw new Errors\\SDKValidationException(${phpString(`not one of the values of ${decl.name}`)}, $path);`, "            }",
    ]),
    "            return (float) $value;", "        };", "    }", "}",
  );
  return lines.join("\n");
}
