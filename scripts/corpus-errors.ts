// The first error of a tool's output, and its class: the message with names, numbers and paths taken
// out, so that one defect met in many specs counts as one row of the corpus summary.

export type TargetId = "typescript" | "python" | "go" | "csharp" | "php";
export type Stage = TargetId | "generate";

/** The line of each tool's output that states an error, in the tool's own format. */
const ERROR_LINE: Record<Stage, RegExp> = {
  generate: /^error: .*/m,
  typescript: /^.*\berror TS\d+: .*/m,
  python: /^.*:\d+: error: .*|^.*: error: .*/m,
  go: /^.*\.go:\d+:\d+: .*|^vet: .*|^go: .*/m,
  csharp: /^.*\berror [A-Z]+\d+: .*/m,
  php: /^.*(Parse error|Fatal error|syntax error|Warning|Deprecated|not loaded).*/m,
};

export function firstError(stage: Stage, output: string): string | undefined {
  return ERROR_LINE[stage].exec(output)?.[0].trim();
}

/** The error with what varies between specs replaced: quoted names, numbers, file paths and positions. */
export function classify(stage: Stage, error: string): string {
  let message = error;
  if (stage === "typescript") message = message.replace(/^.*?\berror (TS\d+): /, "$1: ");
  if (stage === "csharp") message = message.replace(/^.*?\berror ([A-Z]+\d+): /, "$1: ").replace(/\s*\[[^\]]*\]\s*$/, "");
  if (stage === "python") message = message.replace(/^.*?: error: /, "");
  if (stage === "go") message = message.replace(/^.*?\.go:\d+:\d+: /, "");
  if (stage === "generate") message = message.replace(/^error: \S+ (#\S*|\S+): /, "");
  if (stage === "php") message = message.replace(/^\S+\.php: /, "").replace(/ in \S+\.php on line \d+/g, "");
  return message
    .replace(/(["'`])(?:(?!\1).)*\1/g, "$1…$1")
    .replace(/\b(struct field|type alias|type|field|method|name|class) [A-Z]\w*/g, "$1 …")
    .replace(/[\w-]+\.(go|cs|py|php|ts)\b/g, "….$1")
    .replace(/\/[\w./-]+/g, "…")
    .replace(/\b\d+(\.\d+)?\b/g, "N")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 160);
}
