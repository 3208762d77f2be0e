import type { Render } from "../../templates.ts";
import type { GeneratedFile } from "../target.ts";
import { clientData, groupData } from "./emit-sdk.ts";
import { modelsData } from "./emit-models.ts";
import { docstring, pyString } from "./literals.ts";
import type { ModuleName, PyGroup, PyView } from "./plan.ts";

const MODULES: ModuleName[] = ["components", "operations", "errors"];

/** TOML basic string: JSON's escapes are TOML's, plus DEL and C1 controls. */
function tomlString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Turns a planned view into the package's files; the runtime files are copied as they are. */
export function emitPython(view: PyView, runtime: GeneratedFile[], render: Render): GeneratedFile[] {
  const pkg = `src/${view.config.packageName}`;
  const tagged = view.groups.filter((g): g is PyGroup & { tag: NonNullable<PyGroup["tag"]> } => g.tag !== undefined);
  const exports = [view.clientName, "BackoffStrategy", "RetryConfig"].sort().map(pyString);
  return [
    ...MODULES.map((m) => ({ path: `${pkg}/models/${m}/__init__.py`, content: render("models", modelsData(view, m)) })),
    { path: `${pkg}/models/__init__.py`, content: render("models-init", {}) },
    ...tagged.map((g) => ({ path: `${pkg}/${g.tag.moduleName}.py`, content: render("group", groupData(view, g)) })),
    { path: `${pkg}/sdk.py`, content: render("sdk", clientData(view)) },
    {
      path: `${pkg}/__init__.py`,
      content: render("package-init", {
        doc: docstring(`Python SDK for ${view.api.info.title}.`, ""),
        clientName: view.clientName,
        version: pyString(view.config.packageVersion),
        exports,
      }),
    },
    { path: `${pkg}/py.typed`, content: "" },
    ...runtime.map((f) => ({ path: `${pkg}/utils/${f.path}`, content: f.content })),
    {
      path: "pyproject.toml",
      content: render("pyproject", {
        distribution: tomlString(view.config.packageName.replace(/_/g, "-")),
        version: tomlString(view.config.packageVersion),
        description: tomlString(`Python SDK for ${view.api.info.title}`),
        packageName: view.config.packageName,
      }),
    },
    { path: ".gitignore", content: "__pycache__/\n*.egg-info/\n.mypy_cache/\nbuild/\ndist/\n" },
  ];
}
