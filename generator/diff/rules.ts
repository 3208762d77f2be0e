/**
 * The one table that says whether a change of an SDK's surface breaks its callers, per target.
 * Every change the comparison finds names a rule here; a target appears in a rule's `targets` only
 * where it differs from the rule's default. "Breaking" means: code written against the SDK built
 * from the old spec stops compiling, or stops working, with the SDK built from the new one (or an
 * SDK built from the old spec fails against the new API, for values a response may now hold).
 */
import type { TargetName } from "../config.ts";

export type Level = "major" | "minor" | "patch";

export interface Verdict {
  breaking: boolean;
  reason: string;
}

export interface Rule {
  /** What changed, as the report says it. */
  change: string;
  /** Bump a non-breaking change asks for: minor for something new, patch otherwise (breaking ones ask for major). */
  level: "minor" | "patch";
  verdict: Verdict;
  targets?: Partial<Record<TargetName, Verdict>>;
}

const breaking = (reason: string): Verdict => ({ breaking: true, reason });
const compatible = (reason: string): Verdict => ({ breaking: false, reason });

export const RULES = {
  // Operations
  "operation.added": { change: "method added", level: "minor", verdict: compatible("a new method") },
  "operation.removed": { change: "method removed", level: "minor", verdict: breaking("calls to the method no longer compile") },
  "operation.renamed": { change: "method renamed", level: "minor", verdict: breaking("calls under the old name no longer compile") },
  "operation.moved": { change: "method moved to another group", level: "minor", verdict: breaking("calls through the old group no longer compile") },
  "operation.path-changed": { change: "method calls another path", level: "patch", verdict: compatible("the method and its arguments are unchanged; only the URL it calls differs") },
  "operation.signature-changed": { change: "method takes its inputs another way", level: "minor", verdict: breaking("the method switched between positional arguments and one request object") },

  // Parameters, the request body and request fields
  "input.added.optional": {
    change: "optional input added", level: "minor", verdict: compatible("callers may leave it out"),
    targets: { go: breaking("a Go method takes every parameter as an argument (nil when not given): existing calls lack one") },
  },
  "field.added.optional": { change: "optional field added", level: "minor", verdict: compatible("callers may leave it out of the request object") },
  "input.added.required": { change: "required input added", level: "minor", verdict: breaking("existing calls do not give it") },
  "input.removed": { change: "input removed", level: "minor", verdict: breaking("calls that give it no longer compile") },
  "input.became-required": { change: "input became required", level: "minor", verdict: breaking("calls that left it out must now give it") },
  "input.became-optional": { change: "input became optional", level: "patch", verdict: compatible("calls that give it still work") },
  "input.became-optional.pointer": {
    change: "input became optional", level: "patch", verdict: compatible("calls that give it still work"),
    targets: { go: breaking("the Go argument or field becomes a pointer: callers passing a value no longer compile") },
  },
  "input.renamed.positional": { change: "positional argument renamed", level: "patch", verdict: compatible("arguments are passed by position: the name is not part of the call") },
  "input.renamed": { change: "input renamed", level: "minor", verdict: breaking("callers name it (keyword argument or request field): the old name no longer compiles") },
  "input.moved.positional": { change: "positional argument moved", level: "minor", verdict: breaking("arguments are passed by position: existing calls now pass values in the wrong place") },
  "input.moved.keyword": {
    change: "keyword argument moved", level: "patch",
    verdict: compatible("Python, C# and PHP callers pass these by name, as every sample does; a caller passing by position must reorder"),
  },
  "input.type.widened.number": {
    change: "input type widened (integer to number)", level: "patch", verdict: compatible("an integer is accepted where a number is expected"),
    targets: { go: breaking("int64 becomes float64, and Go does not convert implicitly") },
  },
  "input.type.widened.enum": {
    change: "input type widened (enum to its base type)", level: "patch", verdict: compatible("the enum's members are still accepted values"),
    targets: {
      go: breaking("a named enum type becomes string or a number type: values of the enum type need a conversion"),
      csharp: breaking("a C# enum does not convert to string or a number implicitly"),
      php: breaking("a PHP backed enum is not a string or an int: under strict_types, passing its case is a TypeError"),
    },
  },
  "input.type.widened": { change: "input type widened", level: "patch", verdict: compatible("every value accepted before is still accepted") },
  "input.type.narrowed": { change: "input type narrowed", level: "minor", verdict: breaking("values accepted before are refused") },
  "input.type.changed": { change: "input type changed", level: "minor", verdict: breaking("values of the old type are refused") },
  "input.nullable.added": { change: "input accepts null", level: "patch", verdict: compatible("every value accepted before is still accepted") },
  "input.nullable.removed": { change: "input no longer accepts null", level: "minor", verdict: breaking("calls passing null are refused") },
  "input.default.changed": { change: "input default changed", level: "patch", verdict: compatible("the call is unchanged; callers that leave it out get the new default") },

  // Response fields
  "output.added": { change: "response field added", level: "minor", verdict: compatible("a new field to read") },
  "output.removed": { change: "response field removed", level: "minor", verdict: breaking("code reading it no longer compiles") },
  "output.became-optional": { change: "response field became optional", level: "minor", verdict: breaking("it may now be absent: its type gains undefined/None/nil") },
  "output.became-required": { change: "response field became required", level: "patch", verdict: compatible("the type only loses the absent case") },
  "output.became-required.pointer": {
    change: "response field became required", level: "patch", verdict: compatible("the type only loses the absent case"),
    targets: { go: breaking("the Go field changes from a pointer to a value: nil checks and dereferences no longer compile") },
  },
  "output.became-required.value-type": {
    change: "response field became required", level: "patch", verdict: compatible("the type only loses the absent case"),
    targets: { csharp: breaking("a C# value type loses its `?`: .Value and .HasValue no longer compile") },
  },
  "output.nullable.added": { change: "response field became nullable", level: "minor", verdict: breaking("it may now be null: its type gains null") },
  "output.nullable.removed": { change: "response field no longer nullable", level: "patch", verdict: compatible("the type only loses null") },
  "output.nullable.removed.pointer": {
    change: "response field no longer nullable", level: "patch", verdict: compatible("the type only loses null"),
    targets: { go: breaking("the Go field changes from a pointer to a value: nil checks and dereferences no longer compile") },
  },
  "output.nullable.removed.value-type": {
    change: "response field no longer nullable", level: "patch", verdict: compatible("the type only loses null"),
    targets: { csharp: breaking("a C# value type loses its `?`: .Value and .HasValue no longer compile") },
  },
  "output.type.widened": { change: "response field type widened", level: "minor", verdict: breaking("it may hold values its old type cannot") },
  "output.type.narrowed.number": {
    change: "response field type narrowed (number to integer)", level: "patch", verdict: compatible("an integer fits where a number was read"),
    targets: { go: breaking("float64 becomes int64: Go does not convert implicitly") },
  },
  "output.type.narrowed.enum": {
    change: "response field type narrowed (to an enum)", level: "patch", verdict: compatible("enum members are values of the old type"),
    targets: {
      go: breaking("string (or a number type) becomes a named enum type: Go does not convert implicitly"),
      csharp: breaking("a C# enum does not convert to string or a number implicitly"),
      php: breaking("the property holds a backed enum case instead of a string or an int: string and number functions refuse it"),
    },
  },
  "output.type.narrowed": { change: "response field type narrowed", level: "patch", verdict: compatible("every value it may hold fits the old type") },
  "output.type.changed": { change: "response field type changed", level: "minor", verdict: breaking("code using the old type no longer compiles") },

  // Enums
  "enum.value-added.open": { change: "value added to an open enum", level: "minor", verdict: compatible("open enums keep values they do not know") },
  "enum.value-added.request": { change: "value added to a closed enum of requests only", level: "minor", verdict: compatible("a new value callers may send") },
  "enum.value-added.response": {
    change: "value added to a closed enum of responses", level: "minor",
    verdict: breaking("SDKs built from the old spec refuse the new value: closed enums are checked when a response is decoded"),
  },
  "enum.value-removed": { change: "enum value removed", level: "minor", verdict: breaking("code naming the member no longer compiles") },
  "enum.opened": {
    change: "enum became open", level: "minor", verdict: breaking("its type grows an unknown-value case"),
    targets: {
      typescript: breaking("the type becomes OpenEnum<...>, which adds Unrecognized<string>"),
      python: breaking("the type becomes typing.Union[<enum>, str]"),
      go: compatible("the Go type stays the same named type; only unknown values are kept instead of refused"),
      csharp: breaking("a C# enum becomes a value class"),
      php: breaking("the PHP property's type becomes <Enum>|string: code reading ->value fails on a raw value"),
    },
  },
  "enum.closed": { change: "enum became closed", level: "minor", verdict: breaking("values the SDK does not know are refused") },

  // Errors
  "error.added": {
    change: "error status added", level: "minor",
    verdict: breaking("the status raised the generic SDK error before and now raises a class of its own, which handlers of the generic error no longer catch"),
  },
  "error.removed": { change: "error status removed", level: "minor", verdict: breaking("handlers naming the error class no longer compile") },
  "error.renamed": { change: "error class renamed", level: "minor", verdict: breaking("handlers naming the old class no longer compile") },

  // Servers, client options and security
  "server.added": { change: "server added", level: "minor", verdict: compatible("one more server to choose by index") },
  "server.removed": { change: "server removed", level: "minor", verdict: breaking("callers choosing it by index get another server or an error") },
  "server.changed": { change: "server URL changed", level: "minor", verdict: breaking("calls go to another URL than before without any code change") },
  "option.added": { change: "client option added", level: "minor", verdict: compatible("a new, optional client option") },
  "option.removed": { change: "client option removed", level: "minor", verdict: breaking("clients set up with it no longer compile") },
  "option.renamed": { change: "client option renamed", level: "minor", verdict: breaking("clients set up under the old name no longer compile") },
  "option.changed": { change: "client option changed", level: "minor", verdict: breaking("the option is sent or means something else") },
  "option.default-changed": { change: "server variable default changed", level: "patch", verdict: compatible("the call is unchanged; clients that leave it out use the new default") },
  "security.relaxed": { change: "security alternatives added", level: "patch", verdict: compatible("every credential accepted before is still accepted") },
  "security.changed": { change: "security requirement changed", level: "minor", verdict: breaking("calls need credentials they did not need before") },
} satisfies Record<string, Rule>;

export type RuleId = keyof typeof RULES;

/** The verdict of a rule for a target. */
export function classify(rule: RuleId, target: TargetName): Verdict & { level: Level } {
  const r: Rule = RULES[rule];
  const verdict = r.targets?.[target] ?? r.verdict;
  return { ...verdict, level: verdict.breaking ? "major" : r.level };
}

const TABLE_TARGETS: TargetName[] = ["typescript", "python", "go", "csharp", "php"];

/** The rule table as Markdown, for the README (a test holds the README to it). */
export function rulesMarkdown(): string {
  const verdict = (v: Verdict) => (v.breaking ? "**breaking**" : "non-breaking");
  const rows = (Object.entries(RULES) as Array<[RuleId, Rule]>).map(([id, rule]) => {
    const cells = TABLE_TARGETS.map((t) => verdict(rule.targets?.[t] ?? rule.verdict));
    const why = [rule.verdict.reason, ...TABLE_TARGETS.filter((t) => rule.targets?.[t]).map((t) => `${t}: ${rule.targets![t]!.reason}`)].join("; ");
    const broken = TABLE_TARGETS.filter((t) => (rule.targets?.[t] ?? rule.verdict).breaking).length;
    const bump = broken === TABLE_TARGETS.length ? "major" : broken === 0 ? rule.level : `${rule.level}; major where breaking`;
    return `| \`${id}\` | ${cells.join(" | ")} | ${bump} | ${why.replace(/\|/g, "\\|")} |`;
  });
  return ["| rule | TypeScript | Python | Go | C# | PHP | bump | why |", "| --- | --- | --- | --- | --- | --- | --- | --- |", ...rows].join("\n");
}
