import type { Diagnostic } from "../diagnostics.ts";

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

export function schemaProblemsToDiagnostics(
  problems: AjvProblem[],
  file: string,
  lineOf: (pointer: string) => number | undefined,
): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  const toDiagnostic = (p: AjvProblem, severity: Diagnostic["severity"]): Diagnostic => {
    const extra = p.params?.["unevaluatedProperty"] ?? p.params?.["additionalProperty"];
    const detail = extra === undefined ? "" : ` (${String(extra)})`;
    return {
      severity,
      file,
      pointer: p.instancePath,
      line: lineOf(p.instancePath),
      message: `${p.message ?? p.keyword}${detail}`,
    };
  };
  const falsePositives = problems.filter(isKnownFalsePositive);
  const real = mostSpecific(problems.filter((p) => !isKnownFalsePositive(p)));
  return {
    errors: real.map((p) => toDiagnostic(p, "error")),
    warnings: falsePositives.map((p) => ({
      ...toDiagnostic(p, "warning"),
      message: "`description` on a server variable was reported by the schema validator; it is valid OpenAPI 3.1 and was accepted",
    })),
  };
}
