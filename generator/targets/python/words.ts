import { snakeCase } from "../../naming/case.ts";

/** Python keywords (True, False and None included): never usable as a name. */
const KEYWORDS = new Set([
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
  "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
  "pass", "raise", "return", "try", "while", "with", "yield",
]);

/** Soft keywords: legal names today, but confusing, and `type` is also a builtin. */
const SOFT_KEYWORDS = new Set(["match", "case", "type", "_"]);

/**
 * Builtins and module names generated class bodies refer to in annotations: a field of the same
 * name would shadow them there. (`errors` is not one: no model annotation refers to that module.)
 */
const SHADOWED = new Set([
  "str", "int", "float", "bool", "bytes", "list", "dict", "object", "self", "cls", "print",
  "typing", "dataclasses", "enum", "httpx", "logging", "components", "operations", "utils",
]);

/**
 * The builtins' class and constant names (Python 3.13's): a model of such a name shadows the builtin in its
 * module, and mypy reads an annotation above the model's class as the builtin (`ValueError` in a model
 * declared before it was builtins.ValueError).
 */
const BUILTIN_CLASSES = new Set([
  "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup", "BlockingIOError",
  "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError", "ConnectionAbortedError", "ConnectionError",
  "ConnectionRefusedError", "ConnectionResetError", "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning",
  "EnvironmentError", "Exception", "ExceptionGroup", "FileExistsError", "FileNotFoundError", "FloatingPointError",
  "FutureWarning", "GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError",
  "InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
  "ModuleNotFoundError", "NameError", "NotADirectoryError", "NotImplemented", "NotImplementedError", "OSError",
  "OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError", "PythonFinalizationError",
  "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning", "StopAsyncIteration",
  "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TimeoutError", "TypeError",
  "UnboundLocalError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError",
  "UnicodeWarning", "UserWarning", "ValueError", "Warning", "ZeroDivisionError",
]);

/** A builtin's class or constant name (`Exception`, `ValueError`, `Ellipsis`): no model may take it. */
export function isBuiltinClassName(name: string): boolean {
  return BUILTIN_CLASSES.has(name);
}

export function isKeyword(name: string): boolean {
  return KEYWORDS.has(name);
}

/** A name a field, argument or variable must not take. */
export function isReservedName(name: string): boolean {
  return KEYWORDS.has(name) || SOFT_KEYWORDS.has(name) || SHADOWED.has(name);
}

/** Characters Python accepts inside identifiers (close to XID_Continue). */
const IDENTIFIER_CHAR = /[\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}]/u;

/**
 * A valid Python identifier from any text: NFKC-normalised as Python itself does, characters
 * it does not accept dropped, never starting with a digit.
 */
export function pyIdentifier(text: string, fallback: string): string {
  const kept = [...text.normalize("NFKC")].filter((c) => IDENTIFIER_CHAR.test(c)).join("");
  if (kept === "") return fallback;
  return /^[\p{L}_]/u.test(kept) && !/^\p{Nl}/u.test(kept) ? kept : `${fallback}${kept}`;
}

/** A snake_case identifier (maybe reserved: callers add the `_` suffix through candidates). */
export function snakeName(text: string): string {
  return pyIdentifier(snakeCase(text), "v");
}

/** Candidates for a snake_case name: the name itself unless reserved, then with a trailing underscore. */
export function snakeCandidates(text: string): string[] {
  const name = snakeName(text);
  return [name, `${name}_`];
}

/** SCREAMING_SNAKE_CASE enum member name from a PascalCase one. */
export function constantName(pascal: string): string {
  return pyIdentifier(snakeCase(pascal).toUpperCase(), "V");
}
