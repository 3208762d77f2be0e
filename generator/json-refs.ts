import { joinPointer } from "./diagnostics.ts";

/** A node on the walk: its value, and where it sits (its pointer is built only when a $ref needs it). */
interface Frame {
  node: object;
  parent: Frame | undefined;
  key: string;
  pointer?: string;
}

function pointerOf(frame: Frame): string {
  if (frame.pointer === undefined) frame.pointer = frame.parent === undefined ? "" : joinPointer(pointerOf(frame.parent), frame.key);
  return frame.pointer;
}

/**
 * Every string `$ref` in a JSON value, in document order, with the pointer of the object
 * holding it. `skipKey` leaves out subtrees that hold data rather than schema (examples, say).
 */
export function refsIn(root: unknown, skipKey: (key: string) => boolean = () => false): Array<{ pointer: string; ref: string }> {
  const found: Array<{ pointer: string; ref: string }> = [];
  if (typeof root !== "object" || root === null) return found;
  const stack: Frame[] = [{ node: root, parent: undefined, key: "" }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const node = frame.node as Record<string, unknown>;
    const ref = node["$ref"];
    if (typeof ref === "string") found.push({ pointer: pointerOf(frame), ref });
    const isArray = Array.isArray(node);
    const keys = Object.keys(node);
    // Last first, so the walk visits children in document order.
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      const value = node[key];
      if (typeof value !== "object" || value === null || (!isArray && skipKey(key))) continue;
      stack.push({ node: value, parent: frame, key });
    }
  }
  return found;
}
