import { camelCase, pascalCase } from "./case.ts";

/** Only letters, decimal digits and underscores: what C#, Go and PHP accept in an identifier (without escapes). */
export function identifierChars(text: string): string {
  return text.replace(/[^\p{L}\p{Nd}_]/gu, "");
}

/** A PascalCase identifier of any text, prefixed when it would not start with a letter. */
export function pascalIdentifier(text: string, prefix: string): string {
  const name = identifierChars(pascalCase(text));
  if (name === "") return prefix;
  return /^\p{L}/u.test(name) ? name.charAt(0).toUpperCase() + name.slice(1) : `${prefix}${name}`;
}

/** A camelCase identifier of any text, never empty and never starting with a digit. */
export function camelIdentifier(text: string): string {
  const name = identifierChars(camelCase(text));
  return name === "" || /^\p{Nd}/u.test(name) ? `v${name}` : name;
}
