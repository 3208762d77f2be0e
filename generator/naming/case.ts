/** Splits any spelling (kebab, snake, camel, SCREAMING, spaced) into words. */
export function words(text: string): string[] {
  // Digits are decimal digits only: "²", "½" or "Ⅻ" are numbers no target takes in an identifier.
  return text.match(/\p{Lu}+(?![\p{Ll}])|\p{Lu}?\p{Ll}+|\p{Nd}+|[\p{Lo}\p{Lt}\p{Lm}]+/gu) ?? [];
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** PascalCase: acronyms keep their capitals ("serverURL" -> "ServerURL"). */
export function pascalCase(text: string): string {
  return words(text).map(capitalize).join("");
}

/** camelCase: the first word is lower-cased whole ("X-Plex-Token" -> "xPlexToken"). */
export function camelCase(text: string): string {
  const [first, ...rest] = words(text);
  if (first === undefined) return "";
  return first.toLowerCase() + rest.map(capitalize).join("");
}

export function snakeCase(text: string): string {
  return words(text).map((w) => w.toLowerCase()).join("_");
}
