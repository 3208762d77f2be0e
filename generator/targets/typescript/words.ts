import { camelCase } from "../../naming/case.ts";

/** Words that cannot name a variable or parameter in strict-mode TypeScript modules. */
const RESERVED = new Set([
  "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do",
  "else", "enum", "eval", "export", "extends", "false", "finally", "for", "function", "if", "implements", "import", "in",
  "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public", "return", "static",
  "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
]);

/**
 * Members every object inherits from Object.prototype. A generated class member or a field the
 * runtime looks up by name must not be one of them: an unset `options.toString` or
 * `request.constructor` would read the inherited function and send it, and a getter named
 * `constructor` is not even valid syntax.
 */
const OBJECT_MEMBERS = new Set([
  "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf",
  "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
]);

export function isObjectMember(name: string): boolean {
  return OBJECT_MEMBERS.has(name);
}

export function isReservedWord(name: string): boolean {
  return RESERVED.has(name);
}

/** A valid identifier: never empty, never starting with a digit. */
function identifier(name: string, fallback: string): string {
  if (name === "") return fallback;
  return /^\p{N}/u.test(name) ? `${fallback}${name}` : name;
}


/** A camelCase identifier usable as a variable or parameter name. */
export function valueName(text: string): string {
  const name = identifier(camelCase(text), "v");
  return isReservedWord(name) ? `${name}_` : name;
}

/** A camelCase name for a member (method, property): reserved words are fine there. */
export function memberName(text: string): string {
  return identifier(camelCase(text), "v");
}

/** Whether a property key can be written without quotes. */
export function isIdentifier(name: string): boolean {
  // The language's own classes: a number such as "²" is no identifier character, a combining mark continues one.
  return /^[\p{ID_Start}_$][\p{ID_Continue}$\u200c\u200d]*$/u.test(name);
}
