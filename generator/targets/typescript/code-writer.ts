/**
 * A text writer for TypeScript source, with the behaviour of the CodeBlockWriter calls the printer
 * makes (CodeBlockWriter is the writer ts-morph prints with): indentation of every new line,
 * hanging indents, blocks, and the tracking of comments, strings and regular expressions that
 * decides whether a line is indented and how a comment is closed. It is written for speed: the
 * printer spends most of its time here, and `test/unit/code-writer.test.ts` compares both writers
 * on random call sequences.
 *
 * Options are fixed to the printer's: "\n" line ends, two spaces per level, double quotes.
 */

const NEWLINE = 0x0a;
const RETURN = 0x0d;
const SPACE = 0x20;
const BACKSLASH = 0x5c;
const SLASH = 0x2f;
const ASTERISK = 0x2a;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKTICK = 0x60;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const DOLLAR = 0x24;
const NONE = -1;

/** Characters that can change the comment, string or regular expression state; all others leave it. */
const STATE_CHARS = new Uint8Array(128);
for (const code of [BACKSLASH, SLASH, NEWLINE, RETURN, ASTERISK, DOUBLE_QUOTE, SINGLE_QUOTE, BACKTICK, OPEN_BRACE, CLOSE_BRACE]) STATE_CHARS[code] = 1;

const INDENT = "  ";

const enum Comment {
  None,
  Line,
  Block,
}

export class CodeWriter {
  private readonly chunks: string[] = [];
  private length = 0;
  /** The last two character codes written, NONE when there are fewer. */
  private last = NONE;
  private beforeLast = NONE;
  private level = 0;
  /** The level the next line starts at (a hanging indent), when one is queued. */
  private queuedLevel: number | undefined;
  private firstLineOfBlock = true;
  private comment = Comment.None;
  /** Open quotes, backticks and `${` of template literals, innermost last. */
  private readonly strings: number[] = [];
  private inRegex = false;

  write(text: string): this {
    this.writeLines(text);
    return this;
  }

  conditionalWrite(condition: boolean | undefined, text: string): this {
    if (condition) this.writeLines(text);
    return this;
  }

  /** `text` in double quotes, with quotes, backslashes and line breaks escaped. */
  quote(text: string): this {
    this.writeLines(`"${escapeForDoubleQuotes(text)}"`);
    return this;
  }

  space(): this {
    this.writeLines(" ");
    return this;
  }

  spaceIfLastNot(): this {
    if (this.last !== SPACE) this.writeLines(" ");
    return this;
  }

  newLine(): this {
    this.breakLine();
    return this;
  }

  conditionalNewLine(condition: boolean): this {
    if (condition) this.breakLine();
    return this;
  }

  newLineIfLastNot(): this {
    if (!this.isLastNewLine()) this.breakLine();
    return this;
  }

  blankLine(): this {
    this.newLineIfLastNot();
    this.breakLine();
    return this;
  }

  blankLineIfLastNot(): this {
    if (!this.isLastBlankLine()) this.blankLine();
    return this;
  }

  /** Ends an open comment: a line comment with a line break, a block comment with `*\/`. */
  closeComment(): this {
    if (this.comment === Comment.Line) this.breakLine();
    else if (this.comment === Comment.Block) {
      if (!this.isLastNewLine()) this.spaceIfLastNot();
      this.writeLines("*/");
    }
    return this;
  }

  /** The level the next line (and those after it) starts at. */
  queueIndentationLevel(level: number): this {
    this.queuedLevel = level;
    return this;
  }

  /** Runs `action` with the lines it starts after its first indented one level more. */
  hangingIndent(action: () => void): this {
    const level = this.level;
    const queued = this.queuedLevel;
    this.queuedLevel = level + 1;
    try {
      action();
    } finally {
      this.level = level;
      this.queuedLevel = queued;
    }
    return this;
  }

  /** `{`, the block's lines one level in, `}`. */
  inlineBlock(block: () => void): this {
    this.writeLines("{");
    if (this.length > 0) this.newLineIfLastNot();
    this.level++;
    this.firstLineOfBlock = true;
    block();
    this.firstLineOfBlock = false;
    this.level = Math.max(0, this.level - 1);
    this.newLineIfLastNot();
    this.writeLines("}");
    return this;
  }

  isAtStartOfFirstLineOfBlock(): boolean {
    return this.firstLineOfBlock && (this.isLastNewLine() || this.length === 0);
  }

  isLastNewLine(): boolean {
    return this.last === NEWLINE || this.last === RETURN;
  }

  getLength(): number {
    return this.length;
  }

  /** Calls `action` on the characters written, last first, until it returns something other than undefined. */
  iterateLastCharCodes<T>(action: (code: number, index: number) => T | undefined): T | undefined {
    let index = this.length;
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c]!;
      for (let i = chunk.length - 1; i >= 0; i--) {
        index--;
        const result = action(chunk.charCodeAt(i), index);
        if (result !== undefined && result !== null) return result;
      }
    }
    return undefined;
  }

  /** Puts `text` at `position` as it is, without indenting it or reading it for comments and strings. */
  unsafeInsert(position: number, text: string): this {
    if (position < 0 || position > this.length) throw new Error(`cannot insert at ${position}: the text is ${this.length} characters long`);
    if (position === this.length) return this.write(text);
    // Insertions land near the end (commas after list items): the chunk is looked for from there.
    let end = this.length;
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c]!;
      const start = end - chunk.length;
      if (position >= start) {
        const at = position - start;
        if (at === 0) this.chunks.splice(c, 0, text);
        else this.chunks.splice(c, 1, chunk.slice(0, at), text, chunk.slice(at));
        break;
      }
      end = start;
    }
    this.length += text.length;
    this.rememberLastChars();
    return this;
  }

  /** The text written from `position` on. */
  textFrom(position: number): string {
    const parts: string[] = [];
    let end = this.length;
    for (let c = this.chunks.length - 1; c >= 0 && end > position; c--) {
      const chunk = this.chunks[c]!;
      const start = end - chunk.length;
      parts.push(start >= position ? chunk : chunk.slice(position - start));
      end = start;
    }
    return parts.reverse().join("");
  }

  toString(): string {
    if (this.chunks.length > 1) {
      const joined = this.chunks.join("");
      this.chunks.length = 0;
      this.chunks.push(joined);
    }
    return this.chunks[0] ?? "";
  }

  private isInString(): boolean {
    return this.strings.length > 0 && this.strings[this.strings.length - 1] !== OPEN_BRACE;
  }

  private isLastBlankLine(): boolean {
    let newLines = 0;
    for (let c = this.chunks.length - 1; c >= 0; c--) {
      const chunk = this.chunks[c]!;
      for (let i = chunk.length - 1; i >= 0; i--) {
        const code = chunk.charCodeAt(i);
        if (code === NEWLINE) {
          if (++newLines === 2) return true;
        } else if (code !== RETURN) return false;
      }
    }
    return false;
  }

  /** Writes text that may span lines: every line after the first is a line break and an indented line. */
  private writeLines(text: string): void {
    if (text.indexOf("\n") === -1) {
      this.writePiece(text);
      return;
    }
    const pieces = text.split(/\r?\n/);
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) this.breakLine();
      if (pieces[i]!.length > 0) this.writePiece(pieces[i]!);
    }
  }

  /** A piece of one line: indented when it starts the line and no string is open. */
  private writePiece(text: string): void {
    if (!this.isInString() && (this.isLastNewLine() || this.length === 0)) this.append(INDENT.repeat(this.level));
    this.track(text);
    this.append(text);
  }

  private breakLine(): void {
    if (this.comment === Comment.Line) this.comment = Comment.None;
    // A quote left open at the end of a line is closed by it, unless the line ends in a backslash.
    const open = this.strings[this.strings.length - 1];
    if ((open === DOUBLE_QUOTE || open === SINGLE_QUOTE) && this.last !== BACKSLASH) this.strings.pop();
    this.append("\n");
    this.firstLineOfBlock = false;
    if (this.queuedLevel !== undefined) {
      this.level = this.queuedLevel;
      this.queuedLevel = undefined;
    }
  }

  private append(text: string): void {
    const n = text.length;
    if (n === 0) return;
    this.chunks.push(text);
    this.length += n;
    if (n >= 2) {
      this.beforeLast = text.charCodeAt(n - 2);
      this.last = text.charCodeAt(n - 1);
    } else {
      this.beforeLast = this.last;
      this.last = text.charCodeAt(0);
    }
  }

  private rememberLastChars(): void {
    this.last = NONE;
    this.beforeLast = NONE;
    let found = 0;
    this.iterateLastCharCodes((code) => {
      if (found++ === 0) this.last = code;
      else {
        this.beforeLast = code;
        return true;
      }
      return undefined;
    });
  }

  /** Follows comments, strings, template literals and regular expressions through text about to be written. */
  private track(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code >= 128 || STATE_CHARS[code] === 0) continue;
      const previous = i === 0 ? this.last : text.charCodeAt(i - 1);
      const beforePrevious = i === 0 ? this.beforeLast : i === 1 ? this.last : text.charCodeAt(i - 2);
      if (this.inRegex) {
        if ((previous === SLASH && beforePrevious !== BACKSLASH) || previous === NEWLINE) this.inRegex = false;
        else continue;
      } else if (!this.isInString() && this.comment === Comment.None && startsRegex(code, previous, beforePrevious)) {
        this.inRegex = true;
        continue;
      }
      if (!this.isInString()) {
        if (this.comment === Comment.None && previous === SLASH && code === SLASH) this.comment = Comment.Line;
        else if (this.comment === Comment.None && previous === SLASH && code === ASTERISK) this.comment = Comment.Block;
        else if (this.comment === Comment.Block && previous === ASTERISK && code === SLASH) this.comment = Comment.None;
      }
      if (this.comment !== Comment.None) continue;
      const open = this.strings.length === 0 ? undefined : this.strings[this.strings.length - 1];
      if (previous !== BACKSLASH && (code === DOUBLE_QUOTE || code === SINGLE_QUOTE || code === BACKTICK)) {
        if (open === code) this.strings.pop();
        else if (open === OPEN_BRACE || open === undefined) this.strings.push(code);
      } else if (beforePrevious !== BACKSLASH && previous === DOLLAR && code === OPEN_BRACE && open === BACKTICK) {
        this.strings.push(code);
      } else if (code === CLOSE_BRACE && open === OPEN_BRACE) {
        this.strings.pop();
      }
    }
  }
}

function startsRegex(code: number, previous: number, beforePrevious: number): boolean {
  return previous === SLASH && code !== SLASH && code !== ASTERISK && beforePrevious !== ASTERISK && beforePrevious !== SLASH;
}

/** Backslashes before quotes and backslashes; a line break becomes `\n` and a backslash-continued line. */
function escapeForDoubleQuotes(text: string): string {
  return text.replace(/"|\\|\r\n|\n/g, (match) => (match === "\r\n" ? "\\r\\n\\\n" : match === "\n" ? "\\n\\\n" : `\\${match}`));
}
