import {
  LineCounter, parseDocument, isAlias, isCollection, isMap, isNode, isScalar, isSeq, type Document as YamlDocument, type YAMLError, type YAMLMap as YamlMap,
} from "yaml";
import { GenerationError, joinPointer, splitPointer, type Diagnostic, type LineLookup } from "../diagnostics.ts";

export interface ParsedSource {
  data: unknown;
  lineOf: LineLookup;
  warnings: Diagnostic[];
}

/** `*alias` copies allowed when expanding YAML aliases, a guard against "billion laughs" documents. */
const MAX_ALIAS_COUNT = 1000;

/** Reads YAML with the `yaml` library, keeping every node's position and reporting every problem it finds. */
export function parseYamlFull(file: string, source: string): ParsedSource {
  const lineCounter = new LineCounter();
  const lineAt = (offset: number) => lineCounter.linePos(offset).line;
  const problem = (message: string, offset?: number): Diagnostic => ({
    severity: "error", file, pointer: "", ...(offset === undefined ? {} : { line: lineAt(offset) }), message,
  });
  const tooDeep = () => new GenerationError([problem("the document is nested too deeply to be read")]);
  let doc: YamlDocument;
  try {
    // Duplicate keys are found below: the parser's own check is quadratic in the size of a mapping.
    doc = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: false, version: "1.2" });
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    throw error;
  }
  if (doc.errors.length > 0) {
    // One mistake often makes the parser complain again on the same line; the first complaint says it best.
    const seenLines = new Set<number>();
    const errors = doc.errors.flatMap((e) => {
      const line = lineAt(e.pos[0]);
      if (seenLines.has(line)) return [];
      seenLines.add(line);
      return [problem(`syntax error: ${syntaxMessage(e)}`, e.pos[0])];
    });
    throw new GenerationError(errors);
  }
  const structural = structureProblems(doc).map((p) => problem(`syntax error: ${p.message}`, p.offset));
  if (structural.length > 0) throw new GenerationError(structural);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    if (error instanceof Error && /alias count/i.test(error.message)) {
      throw new GenerationError([problem(`YAML aliases expand to too much data (more than ${MAX_ALIAS_COUNT} copies); such documents are refused as a guard against "billion laughs" files`)]);
    }
    throw error;
  }
  const warnings = doc.warnings.map((w) => {
    const message = w.code === "TAG_RESOLVE_FAILED"
      ? `${w.message.replace(/^Unresolved tag: /, "unknown YAML tag ")}; the value is read as a plain string`
      : `YAML: ${w.message.split("\n")[0]}`;
    return { ...problem(message, w.pos[0]), severity: "warning" as const };
  });
  const lineOf = (pointer: string) => lineOfPointer(doc, lineCounter, pointer);
  return { data, lineOf, warnings };
}

function syntaxMessage(error: YAMLError): string {
  if (error.code === "MULTIPLE_DOCS") return "the file holds more than one YAML document (a second one starts at `---`); a spec is one document";
  return error.message.split("\n")[0]!;
}

/**
 * What the parser accepts but a spec cannot hold: duplicate keys (the last one would silently win),
 * keys that are lists or mappings, and aliases to no anchor. Walks with a stack, so deep documents
 * that the parser could read cannot overflow here.
 */
function structureProblems(doc: YamlDocument): Array<{ message: string; offset?: number }> {
  const problems: Array<{ message: string; offset?: number }> = [];
  const anchors = new Set<string>();
  const stack: Array<{ node: unknown; pointer: string }> = [{ node: doc.contents, pointer: "" }];
  while (stack.length > 0) {
    const { node, pointer } = stack.pop()!;
    if (isAlias(node)) {
      if (!anchors.has(node.source)) problems.push({ message: `alias *${node.source} refers to no anchor &${node.source} before it`, offset: node.range?.[0] });
      continue;
    }
    if (isNode(node) && node.anchor) anchors.add(node.anchor);
    const children: Array<{ node: unknown; pointer: string }> = [];
    if (isMap(node)) {
      const keys = new Set<string>();
      for (const pair of node.items) {
        const keyNode = pair.key;
        if (isCollection(keyNode)) {
          problems.push({ message: `a mapping key must be a string, not a ${isSeq(keyNode) ? "list" : "mapping"}`, offset: keyNode.range?.[0] });
          continue;
        }
        const key = String(isScalar(keyNode) ? keyNode.value : keyNode);
        if (keys.has(key)) {
          const at = pointer === "" ? "the top level" : `#${pointer}`;
          problems.push({ message: `duplicate key ${JSON.stringify(key)} in ${at}; keys of a mapping must be unique`, offset: isNode(keyNode) ? keyNode.range?.[0] : undefined });
        }
        keys.add(key);
        children.push({ node: keyNode, pointer }, { node: pair.value, pointer: joinPointer(pointer, key) });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => children.push({ node: item, pointer: joinPointer(pointer, i) }));
    }
    // Last first, so nodes are visited in document order and an anchor is seen before its aliases.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return problems;
}

function lineOfPointer(doc: YamlDocument, lineCounter: LineCounter, pointer: string): number | undefined {
  const segments = splitPointer(pointer);
  let node: unknown = doc.contents;
  let last: unknown = node;
  for (const segment of segments) {
    if (!isCollection(node)) break;
    const next = isSeq(node) ? node.get(Number(segment), true) : mapValue(node, segment);
    if (next === undefined) break;
    node = next;
    last = next;
  }
  const range = (last as { range?: [number, number, number] } | null)?.range;
  return range ? lineCounter.linePos(range[0]).line : undefined;
}

/** The value node under a key, compared as the key reads in the loaded data (so `200:` is found as "200"). */
function mapValue(node: YamlMap<unknown, unknown>, key: string): unknown {
  for (const pair of node.items) {
    const written = isScalar(pair.key) ? pair.key.value : pair.key;
    if (String(written) === key) return pair.value ?? undefined;
  }
  return undefined;
}
