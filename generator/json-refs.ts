import { joinPointer } from "./diagnostics.ts";

/**
 * Every string `$ref` in a JSON value, in document order, with the pointer of the object
 * holding it. `skipKey` leaves out subtrees that hold data rather than schema (examples, say).
 */
export function refsIn(root: unknown, skipKey: (key: string) => boolean = () => false): Array<{ pointer: string; ref: string }> {
  const found: Array<{ pointer: string; ref: string }> = [];
  const stack: Array<{ node: unknown; pointer: string }> = [{ node: root, pointer: "" }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    const ref = (node as Record<string, unknown>)["$ref"];
    if (typeof ref === "string") found.push({ pointer, ref });
    const children = Object.entries(node)
      .filter(([key]) => Array.isArray(node) || !skipKey(key))
      .map(([key, value]) => ({ node: value, pointer: joinPointer(pointer, key) }));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return found;
}
