import { joinPointer, type Diagnostic, type Locate } from "../diagnostics.ts";

/** The parts of an Ajv error that are read here. */
export interface AjvProblem {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * swagger-parser's OpenAPI 3.1 schema reports `description` on a server variable as an
 * unevaluated property, although the 3.1 specification allows it. Such reports are kept
 * as warnings so a validator bug cannot block generation.
 */
export function isKnownFalsePositive(problem: AjvProblem): boolean {
  return (
    problem.keyword === "unevaluatedProperties" &&
    problem.params?.["unevaluatedProperty"] === "description" &&
    /\/servers\/\d+\/variables\/[^/]+$/.test(problem.instancePath)
  );
}

/** Ajv reports one failure many times over (every branch of a oneOf); keep the deepest per path. */
function mostSpecific(problems: AjvProblem[]): AjvProblem[] {
  const sorted = [...problems].sort((a, b) => a.instancePath.localeCompare(b.instancePath));
  return sorted.filter(
    (p, i) =>
      !sorted.some((q, j) => j !== i && q.instancePath.startsWith(`${p.instancePath}/`)) &&
      sorted.findIndex((q) => q.instancePath === p.instancePath && q.message === p.message) === i,
  );
}

/**
 * Problems that only say "no alternative matched" (oneOf, if/else) or that ask for the
 * alternative the author did not mean (a `$ref` instead of the object itself). They are
 * dropped where a more telling problem is reported at the same place.
 */
function isAlternativeNoise(problem: AjvProblem, others: AjvProblem[]): boolean {
  if (["oneOf", "anyOf", "if"].includes(problem.keyword)) return true;
  const missing = problem.keyword === "required" ? problem.params?.["missingProperty"] : undefined;
  if (missing === "$ref") return true;
  // OpenAPI 3.0 demands `required` of path parameters only; without `in` that demand is a guess.
  return missing === "required" && others.some((o) => o.keyword === "required" && o.params?.["missingProperty"] === "in");
}

function withoutNoise(problems: AjvProblem[]): AjvProblem[] {
  return problems.filter((p) => {
    const here = problems.filter((o) => o.instancePath === p.instancePath);
    return !isAlternativeNoise(p, here) || here.every((o) => isAlternativeNoise(o, here));
  });
}

/** Path keys must start with "/": the schemas report the stray key on `paths`; report it on the key itself. */
function pathKeyProblem(problem: AjvProblem, extra: unknown): { pointer: string; message: string } | undefined {
  if (problem.instancePath !== "/paths" || typeof extra !== "string" || extra.startsWith("x-")) return undefined;
  return { pointer: joinPointer("/paths", extra), message: `a path must start with "/" (found ${JSON.stringify(extra)})` };
}

export function schemaProblemsToDiagnostics(problems: AjvProblem[], locate: Locate): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  const toDiagnostic = (p: AjvProblem, severity: Diagnostic["severity"]): Diagnostic => {
    const extra = p.params?.["unevaluatedProperty"] ?? p.params?.["additionalProperty"];
    const detail = extra === undefined ? "" : ` (${String(extra)})`;
    const { pointer, message } = pathKeyProblem(p, extra) ?? { pointer: p.instancePath, message: `${p.message ?? p.keyword}${detail}` };
    return { severity, ...locate(pointer), message };
  };
  const falsePositives = problems.filter(isKnownFalsePositive);
  const real = withoutNoise(mostSpecific(problems.filter((p) => !isKnownFalsePositive(p))));
  return {
    errors: real.map((p) => toDiagnostic(p, "error")),
    warnings: falsePositives.map((p) => ({
      ...toDiagnostic(p, "warning"),
      message: "`description` on a server variable was reported by the schema validator; it is valid OpenAPI 3.1 and was accepted",
    })),
  };
}
