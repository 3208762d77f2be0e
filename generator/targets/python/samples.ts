import type { Type } from "../../ir/types.ts";
import { call, layout, prefixed, pyString, pyValue, type Expr } from "./literals.ts";
import type { PyOperation, PyView } from "./plan.ts";

const MAX_DEPTH = 4;

/** A sample value for a type, as a Python expression (dicts for objects, as a TypedDict takes them). */
function sample(type: Type, example: unknown, view: PyView, depth = 0): Expr {
  switch (type.kind) {
    case "primitive": {
      if (type.name === "string" && type.format === "binary") return 'b"<bytes>"';
      if (type.name === "string") {
        if (typeof example === "string") return pyString(example);
        if (typeof example === "number" || typeof example === "boolean") return pyString(String(example));
        return pyString(type.format === "date-time" ? "2025-01-01T00:00:00Z" : "<value>");
      }
      if (type.name === "integer") return typeof example === "number" && Number.isInteger(example) ? String(example) : "1";
      if (type.name === "number") return typeof example === "number" ? pyValue(example) : "1.0";
      if (type.name === "boolean") return typeof example === "boolean" ? pyValue(example) : "True";
      return example === undefined ? "None" : pyValue(example);
    }
    case "literal":
      return pyValue(type.value);
    case "nullable":
      return sample(type.inner, example, view, depth);
    case "union":
      return type.variants[0] ? sample(type.variants[0], example, view, depth) : "None";
    case "intersection":
      return "{}";
    case "array":
      return { open: "[", items: depth >= MAX_DEPTH ? [] : [sample(type.items, Array.isArray(example) ? example[0] : undefined, view, depth + 1)], close: "]" };
    case "map":
      return { open: "{", items: [], close: "}" };
    case "ref": {
      const decl = view.typesById.get(type.target);
      if (!decl) return "None";
      const def = decl.def;
      if (def.kind === "alias") return sample(def.type, example ?? def.docs.example, view, depth);
      if (def.kind === "enum") {
        const index = Math.max(0, def.members.findIndex((m) => m.value === example));
        return `${decl.module}.${decl.name}.${decl.memberNames![index]!}`;
      }
      if (depth >= MAX_DEPTH) return "{}";
      const given = typeof example === "object" && example !== null ? (example as Record<string, unknown>) : {};
      const fields = (decl.fields ?? []).filter((f) => !f.prop.readOnly && (f.prop.required || f.prop.docs.example !== undefined || f.prop.name in given));
      return { open: "{", items: fields.map((f) => prefixed(`${pyString(f.name)}: `, sample(f.prop.type, given[f.prop.name] ?? f.prop.docs.example, view, depth + 1))), close: "}" };
    }
  }
}

/** The keyword arguments of `Client(...)`: credentials where the operation is secured, and the globals. */
function clientArgs(view: PyView, op: PyOperation | undefined): Expr[] {
  const secured = op === undefined || op.op.security === "inherit" ? view.api.security.length > 0 : op.op.security.length > 0;
  const args: Expr[] = [];
  for (const o of view.options) {
    if (o.kind === "security" && secured) {
      const basic = o.scheme.kind === "http" && o.scheme.scheme === "basic";
      args.push(basic ? `${o.name}=utils.BasicCredentials("<USERNAME>", "<PASSWORD>")` : `${o.name}="<YOUR_API_KEY_HERE>"`);
    }
    if (o.kind === "global" && (o.param.required || o.param.docs.example !== undefined)) {
      args.push(prefixed(`${o.name}=`, sample(o.param.type, o.param.docs.example, view)));
    }
  }
  return args;
}

function callArgs(op: PyOperation, view: PyView): Expr[] {
  if (op.request) {
    const items: Expr[] = [];
    for (const f of op.request.fields) {
      if (f.source.kind === "body") items.push(prefixed(`${pyString(f.name)}: `, sample(f.source.body.type, f.source.body.docs.example, view)));
      else if (!f.optional) items.push(prefixed(`${pyString(f.name)}: `, sample(f.source.param.type, f.source.param.docs.example, view)));
    }
    return [prefixed("request=", { open: "{", items, close: "}" })];
  }
  return op.args.filter((a) => !a.optional).map((a) => prefixed(`${a.name}=`, sample(a.param.type, a.param.docs.example, view)));
}

/** Source text of the imports a sample needs, judged from the code that follows them. */
function imports(view: PyView, code: string, extra: string[] = []): string[] {
  const pkg = view.config.packageName;
  const modules = ["components", "errors", "operations"].filter((m) => new RegExp(`\\b${m}\\.`).test(code));
  return [
    `from ${pkg} import ${[view.clientName, ...extra].sort().join(", ")}`,
    ...(modules.length > 0 ? [`from ${pkg}.models import ${modules.join(", ")}`] : []),
    ...(/\butils\./.test(code) ? [`from ${pkg} import utils`] : []),
  ];
}

function target(op: PyOperation, group: string | undefined, name = op.methodName): string {
  return group ? `s.${group}.${name}` : `s.${name}`;
}

function clientLines(view: PyView, op: PyOperation | undefined, extra: Expr[] = []): string[] {
  return layout(call(view.clientName, [...extra, ...clientArgs(view, op)]), "", "s = ");
}

/** A complete program calling one operation through the client, as in the seed's docs. */
export function methodSample(view: PyView, op: PyOperation, group: string | undefined): string {
  const body = [
    ...clientLines(view, op),
    "",
    ...layout(call(target(op, group), callArgs(op, view)), "", "res = "),
    "",
    ...checkLines(op, ""),
  ];
  return [...imports(view, body.join("\n")), "", ...body].join("\n");
}

function checkLines(op: PyOperation, indent: string): string[] {
  const field = op.bodyFields[0];
  return [`${indent}if ${field ? `res.${field.name}` : "res"} is not None:`, `${indent}    # handle response`, `${indent}    pass`];
}

/** How an enum is used, for its model page. */
export function enumSample(view: PyView, typeId: string): string {
  const decl = view.typesById.get(typeId)!;
  const def = decl.def;
  if (def.kind !== "enum") throw new Error(`${decl.name} is not an enum`);
  return [
    `from ${view.config.packageName}.models import ${decl.module}`,
    "",
    `value = ${decl.module}.${decl.name}.${decl.memberNames![0]!}`,
    `print(value.value)  # ${pyValue(def.members[0]?.value ?? "")}`,
  ].join("\n");
}

export interface FeatureSamples {
  asyncUsage: string;
  retries: string;
  errors: string;
  serverURL: string;
  httpClient: string;
  debugging: string;
  hooks: string;
}

/** The README's feature samples, each a complete program against the first operation. */
export function featureSamples(view: PyView, op: PyOperation, group: string | undefined): FeatureSamples {
  const args = callArgs(op, view);
  const program = (clientExtra: Expr[], body: string[], extraImports: string[] = [], preamble: string[] = []) => {
    const lines = [...preamble, ...clientLines(view, op, clientExtra), "", ...body];
    return [...imports(view, lines.join("\n"), extraImports), ...preamble.length > 0 ? [] : [], "", ...lines].join("\n");
  };
  const backoff = call("utils.BackoffStrategy", ["500", "60000", "1.5", "3600000"]);
  const errorNames = op.errors.map((e) => e.className);
  const errorBranches = [
    ...errorNames.flatMap((n) => [`except errors.${n} as e:`, "    print(e.status_code, e.message, e.data)"]),
    "except errors.SDKError as e:",
    "    # Any other status, or an unexpected content type: the body is kept as text.",
    "    print(e.status_code, e.content_type, e.body)",
    "except errors.SDKValidationError as e:",
    '    print("invalid input at", e.path)',
    "except (errors.ConnectionError, errors.RequestTimeoutError) as e:",
    '    print("network problem:", e.message)',
  ];
  const asyncBody = [
    ...layout(call(view.clientName, clientArgs(view, op)), "", "s = "),
    "",
    "",
    "async def main() -> None:",
    ...layout(call(target(op, group, op.asyncName), args), "    ", "res = await "),
    ...checkLines(op, "    "),
    "",
    "",
    "asyncio.run(main())",
  ];
  return {
    asyncUsage: [...imports(view, asyncBody.join("\n")).map((l) => l), "", ...asyncBody].join("\n").replace(/^/, "import asyncio\n\n"),
    retries: program(
      [prefixed("retry_config=", call("utils.RetryConfig", ['"backoff"', backoff, "False"]))],
      [
        "# Per call: retry 503 only, and for at most ten seconds.",
        ...layout(call(target(op, group), [
          ...args,
          prefixed("retries=", call("utils.RetryConfig", ['"backoff"', call("utils.BackoffStrategy", ["500", "60000", "1.5", "10000"]), "False"])),
          'retry_codes=["503"]',
        ]), "", "res = "),
      ],
    ),
    errors: program([], [
      "try:",
      ...layout(call(target(op, group), args), "    ", "res = "),
      ...errorBranches,
    ]),
    serverURL: program(['server_url="https://api.example.com"'], [
      ...layout(call(target(op, group), [...args, 'server_url="https://other.example.com"']), "", "res = "),
    ]),
    httpClient: program(
      ["client=http_client"],
      [...layout(call(target(op, group), args), "", "res = ")],
      [],
      ["# Any httpx.Client works: proxies, certificates, event hooks, transports.", ...layout(call("httpx.Client", ['headers={"x-request-source": "docs"}', "timeout=30"]), "", "http_client = "), ""],
    ).replace(/^/, "import httpx\n\n"),
    debugging: program(["debug_logger=logger"], [], [], [
      "# Credentials are shown as [REDACTED].",
      "logging.basicConfig(level=logging.DEBUG)",
      'logger = logging.getLogger("sdk")',
      "",
    ]).replace(/^/, "import logging\n\n"),
    hooks: program(["hooks=[Tracing()]"], [...layout(call(target(op, group), args), "", "res = ")], [], [
      "",
      "class Tracing(utils.SDKHooks):",
      "    def before_request(",
      "        self, context: utils.HookContext, request: httpx.Request",
      "    ) -> httpx.Request:",
      '        request.headers["x-request-id"] = f"{context.operation_id}-{context.attempt}"',
      "        return request",
      "",
      "    def after_error(",
      "        self,",
      "        context: utils.HookContext,",
      "        response: typing.Optional[httpx.Response],",
      "        error: typing.Optional[Exception],",
      "    ) -> None:",
      '        print("attempt", context.attempt, "failed:", response or error)',
      "",
      "",
    ]).replace(/^/, "import typing\n\nimport httpx\n\n"),
  };
}
