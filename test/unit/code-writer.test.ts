import CodeBlockWriter from "code-block-writer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CodeWriter } from "../../generator/targets/typescript/code-writer.ts";

// The printer's writer must behave as CodeBlockWriter with the printer's options does, for every
// call the printer makes: both are driven through the same random call sequences.

type Writer = CodeWriter | CodeBlockWriter;

type Call =
  | { op: "write" | "quote" | "conditionalWrite"; text: string; flag?: boolean }
  | { op: "space" | "spaceIfLastNot" | "newLine" | "newLineIfLastNot" | "blankLine" | "blankLineIfLastNot" | "closeComment" }
  | { op: "conditionalNewLine"; flag: boolean }
  | { op: "hangingIndent" | "inlineBlock"; calls: Call[] }
  | { op: "unsafeInsert"; at: number; text: string }
  | { op: "queueIndentationLevel"; level: number };

const PIECES = ["a", "x", " ", "  ", "\n", "\r\n", "\r", "/", "*", "//", "/*", "*/", "\"", "'", "`", "${", "{", "}", "\\", "$", ",",
  "= /re/g", "https://x.y", "it's", "@tag ", "\t"];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((parts) => parts.join(""));

const { calls } = fc.letrec((tie) => ({
  call: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ op: fc.constantFrom("write" as const, "quote" as const), text }),
    fc.record({ op: fc.constant("conditionalWrite" as const), text, flag: fc.boolean() }),
    fc.record({ op: fc.constantFrom("space" as const, "spaceIfLastNot" as const, "newLine" as const, "newLineIfLastNot" as const, "blankLine" as const, "blankLineIfLastNot" as const, "closeComment" as const) }),
    fc.record({ op: fc.constant("conditionalNewLine" as const), flag: fc.boolean() }),
    fc.record({ op: fc.constantFrom("hangingIndent" as const, "inlineBlock" as const), calls: tie("calls") as fc.Arbitrary<Call[]> }),
    fc.record({ op: fc.constant("unsafeInsert" as const), at: fc.nat(), text }),
    fc.record({ op: fc.constant("queueIndentationLevel" as const), level: fc.nat(3) }),
  ) as fc.Arbitrary<Call>,
  calls: fc.array(tie("call") as fc.Arbitrary<Call>, { maxLength: 8 }),
}));

/** Runs the calls, recording what the printer reads back from the writer after each one. */
function drive(writer: Writer, sequence: Call[], seen: unknown[]): void {
  for (const call of sequence) {
    switch (call.op) {
      case "write": writer.write(call.text); break;
      case "quote": writer.quote(call.text); break;
      case "conditionalWrite": writer.conditionalWrite(call.flag, call.text); break;
      case "conditionalNewLine": writer.conditionalNewLine(call.flag); break;
      case "hangingIndent": writer.hangingIndent(() => drive(writer, call.calls, seen)); break;
      case "inlineBlock": writer.inlineBlock(() => drive(writer, call.calls, seen)); break;
      case "unsafeInsert": writer.unsafeInsert(call.at % (writer.getLength() + 1), call.text); break;
      case "queueIndentationLevel": writer.queueIndentationLevel(call.level); break;
      default: writer[call.op](); break;
    }
    const tail: number[] = [];
    writer.iterateLastCharCodes((code) => (tail.push(code) >= 3 ? true : undefined));
    const from = Math.max(0, writer.getLength() - 7);
    const recent = writer instanceof CodeWriter ? writer.textFrom(from) : writer.toString().slice(from);
    seen.push([writer.getLength(), writer.isAtStartOfFirstLineOfBlock(), writer.isLastNewLine(), tail, recent]);
  }
}

function run(writer: Writer, sequence: Call[]): { text: string; seen: unknown[] } {
  const seen: unknown[] = [];
  drive(writer, sequence, seen);
  return { text: writer.toString(), seen };
}

const reference = () => new CodeBlockWriter({ newLine: "\n", indentNumberOfSpaces: 2, useTabs: false, useSingleQuote: false });

describe("CodeWriter", () => {
  it("writes what CodeBlockWriter writes, and reports the same state, on random call sequences (seeded)", () => {
    fc.assert(fc.property(calls, (sequence) => {
      expect(run(new CodeWriter(), sequence)).toEqual(run(reference(), sequence));
    }), { numRuns: 4000, seed: 20261129 });
  });

  it("keeps a line comment open to the line's end, and a string's line break unindented", () => {
    const sequence: Call[] = [
      { op: "inlineBlock", calls: [{ op: "write", text: "x = 1; // see https://a.b/c" }, { op: "closeComment" }, { op: "write", text: "y = `a\nb`;\nz" }] },
    ];
    const ours = run(new CodeWriter(), sequence).text;
    expect(ours).toBe("{\n  x = 1; // see https://a.b/c\n  y = `a\nb`;\n  z\n}");
    expect(ours).toBe(run(reference(), sequence).text);
  });
});
