/**
 * Prints TypeScript source files from declaration structures, without a compiler or a project.
 *
 * The structures are the subset of ts-morph's structure shapes the emitters use, and the text is
 * laid out by CodeBlockWriter (the writer ts-morph prints with) making the same calls in the same
 * order as ts-morph's structure printers, so the output is byte for byte what
 * `project.createSourceFile(path, { statements }).getFullText()` gave. Skipping the project avoids
 * loading the TypeScript compiler and parsing every printed file back into a syntax tree.
 */
import { CodeWriter } from "./code-writer.ts";

export enum StructureKind {
  Class,
  ExportDeclaration,
  Function,
  ImportDeclaration,
  Interface,
  JSDoc,
  JSDocTag,
  TypeAlias,
}

export type WriterFunction = (writer: CodeWriter) => void;

/** A structure with its `kind` optional, where the place it is written in tells the kind. */
export type OptionalKind<T> = T extends { kind: infer K } ? Omit<T, "kind"> & { kind?: K } : T;

export interface JSDocTagStructure {
  kind: StructureKind.JSDocTag;
  tagName: string;
  text?: string;
}

export interface JSDocStructure {
  kind: StructureKind.JSDoc;
  description?: string;
  tags?: OptionalKind<JSDocTagStructure>[];
}

export type Docs = Array<OptionalKind<JSDocStructure> | string>;

export interface ImportDeclarationStructure {
  kind: StructureKind.ImportDeclaration;
  moduleSpecifier: string;
  isTypeOnly?: boolean;
  namespaceImport?: string;
  namedImports?: string[];
}

export interface ExportDeclarationStructure {
  kind: StructureKind.ExportDeclaration;
  moduleSpecifier?: string;
  namedExports?: string[];
}

export interface PropertySignatureStructure {
  name: string;
  isReadonly?: boolean;
  hasQuestionToken?: boolean;
  type?: string;
  docs?: Docs;
}

export interface IndexSignatureDeclarationStructure {
  keyName?: string;
  keyType?: string;
  returnType?: string;
  docs?: Docs;
}

export interface InterfaceDeclarationStructure {
  kind: StructureKind.Interface;
  name: string;
  isExported?: boolean;
  docs?: Docs;
  extends?: string[];
  indexSignatures?: IndexSignatureDeclarationStructure[];
  properties?: OptionalKind<PropertySignatureStructure>[];
}

export interface TypeAliasDeclarationStructure {
  kind: StructureKind.TypeAlias;
  name: string;
  isExported?: boolean;
  type: string;
  docs?: Docs;
}

export interface ParameterDeclarationStructure {
  name: string;
  hasQuestionToken?: boolean;
  type?: string;
  initializer?: string;
}

export interface PropertyDeclarationStructure {
  name: string;
  isReadonly?: boolean;
  hasQuestionToken?: boolean;
  type?: string;
  initializer?: string;
  docs?: Docs;
}

export interface ConstructorDeclarationStructure {
  docs?: Docs;
  parameters?: OptionalKind<ParameterDeclarationStructure>[];
  statements?: string[];
}

export interface MethodDeclarationStructure {
  name: string;
  docs?: Docs;
  parameters?: OptionalKind<ParameterDeclarationStructure>[];
  returnType?: string;
  statements?: string[];
}

export interface GetAccessorDeclarationStructure {
  name: string;
  docs?: Docs;
  returnType?: string;
  statements?: string[];
}

export interface ClassDeclarationStructure {
  kind: StructureKind.Class;
  name: string;
  isExported?: boolean;
  extends?: string;
  docs?: Docs;
  properties?: OptionalKind<PropertyDeclarationStructure>[];
  ctors?: OptionalKind<ConstructorDeclarationStructure>[];
  getAccessors?: OptionalKind<GetAccessorDeclarationStructure>[];
  methods?: OptionalKind<MethodDeclarationStructure>[];
}

export interface FunctionDeclarationStructure {
  kind: StructureKind.Function;
  name: string;
  isExported?: boolean;
  docs?: Docs;
  parameters?: OptionalKind<ParameterDeclarationStructure>[];
  returnType?: string;
  statements?: string[];
}

export type StatementStructures =
  | ClassDeclarationStructure
  | ExportDeclarationStructure
  | FunctionDeclarationStructure
  | ImportDeclarationStructure
  | InterfaceDeclarationStructure
  | TypeAliasDeclarationStructure;

/** A statement of a source file: a structure, or a writer for text written as it is. */
export type Statement = StatementStructures | WriterFunction;

/** The text of a source file holding `statements`. */
export function printSourceFile(statements: Statement[]): string {
  const writer = new CodeWriter();
  printStatements(writer, statements);
  writer.conditionalNewLine(!writer.isAtStartOfFirstLineOfBlock() && !writer.isLastNewLine());
  return writer.toString();
}

/**
 * `text` as a fresh writer would write it. At indentation zero the writer only splits lines at
 * /\r?\n/ and joins them with its newline ("\n"); a writer built per text costs more than the rest.
 */
function textOf(text: string): string {
  return text.includes("\r\n") ? text.replace(/\r\n/g, "\n") : text;
}

function isBlank(text: string | undefined): boolean {
  return text === undefined || !/[^\s\uFEFF\u00A0]/.test(text);
}

function lastNonWhitespaceIsCloseBrace(writer: CodeWriter): boolean {
  return writer.iterateLastCharCodes((code) => (code === 0x7d ? true : isBlank(String.fromCharCode(code)) ? undefined : false)) ?? false;
}

function printStatements(writer: CodeWriter, statements: Array<Statement | string> | undefined): void {
  if (statements === undefined) return;
  for (const statement of statements) {
    if (lastNonWhitespaceIsCloseBrace(writer)) writer.blankLineIfLastNot();
    else if (!writer.isAtStartOfFirstLineOfBlock()) writer.newLineIfLastNot();
    printStatement(writer, statement);
  }
}

function printStatement(writer: CodeWriter, statement: Statement | string): void {
  if (typeof statement === "string") {
    writer.write(statement);
    return;
  }
  if (typeof statement === "function") {
    statement(writer);
    return;
  }
  const ensureBlankLine = () => {
    if (!writer.isAtStartOfFirstLineOfBlock()) writer.blankLineIfLastNot();
  };
  switch (statement.kind) {
    case StructureKind.Function:
      ensureBlankLine();
      writer.closeComment();
      printFunction(writer, statement);
      break;
    case StructureKind.Class:
      ensureBlankLine();
      writer.closeComment();
      printClass(writer, statement);
      break;
    case StructureKind.Interface:
      ensureBlankLine();
      writer.closeComment();
      printInterface(writer, statement);
      break;
    case StructureKind.TypeAlias:
      writer.closeComment();
      printDocs(writer, statement.docs);
      printModifiers(writer, statement);
      writer.write(`type ${statement.name}`);
      printTyped(writer, " =", statement.type);
      writer.write(";");
      break;
    case StructureKind.ImportDeclaration:
      writer.closeComment();
      printImport(writer, statement);
      break;
    case StructureKind.ExportDeclaration:
      writer.closeComment();
      printExport(writer, statement);
      break;
  }
}

function printModifiers(writer: CodeWriter, s: { isExported?: boolean; isReadonly?: boolean }): void {
  if (s.isExported) writer.write("export ");
  if (s.isReadonly) writer.write("readonly ");
}

function printTyped(writer: CodeWriter, separator: string, type: string | undefined, alwaysWrite = false): void {
  if (type === undefined && !alwaysWrite) return;
  const text = textOf(type ?? "any");
  if (!isBlank(text)) writer.hangingIndent(() => writer.write(`${separator} ${text}`));
}

function printReturnType(writer: CodeWriter, returnType: string | undefined): void {
  if (returnType === undefined) return;
  const text = textOf(returnType);
  if (!isBlank(text)) writer.hangingIndent(() => writer.write(`: ${text}`));
}

function printInitializer(writer: CodeWriter, initializer: string | undefined): void {
  if (initializer === undefined) return;
  const text = textOf(initializer);
  if (isBlank(text)) return;
  writer.hangingIndent(() => {
    writer.spaceIfLastNot();
    writer.write(`= ${text}`);
  });
}

function printDocs(writer: CodeWriter, docs: Docs | undefined): void {
  if (docs === undefined) return;
  for (const doc of docs) {
    writer.closeComment();
    printJsDoc(writer, doc);
    writer.newLine();
  }
}

function printJsDoc(writer: CodeWriter, doc: OptionalKind<JSDocStructure> | string): void {
  let text: string;
  if (typeof doc === "string") text = doc;
  else {
    const temp = new CodeWriter();
    if (doc.description) temp.write(doc.description);
    if (doc.tags && doc.tags.length > 0) {
      if (temp.getLength() > 0) temp.newLine();
      doc.tags.forEach((tag, i) => {
        if (i > 0) temp.newLine();
        temp.closeComment();
        printJsDocTag(temp, tag);
      });
    }
    text = temp.toString();
  }
  const lines = text.split(/\r?\n/);
  const startIndex = lines[0]!.length === 0 ? 1 : 0;
  const isSingleLine = lines.length <= 1;
  writer.write("/**");
  if (isSingleLine) writer.space();
  else writer.newLine();
  if (isSingleLine) writer.write(lines[startIndex]!);
  else {
    for (let i = startIndex; i < lines.length; i++) {
      writer.write(" *");
      if (lines[i]!.length > 0) writer.write(` ${lines[i]}`);
      writer.newLine();
    }
  }
  writer.spaceIfLastNot();
  writer.write("*/");
}

function printJsDocTag(writer: CodeWriter, tag: OptionalKind<JSDocTagStructure>): void {
  // A tag on one line comes out as "@name text": written so without a writer of its own.
  if (tag.text === undefined || (typeof tag.text === "string" && !tag.text.includes("\n") && !tag.text.includes("\r"))) {
    writer.write(`@${tag.tagName}${tag.text ? ` ${tag.text}` : ""}`);
    return;
  }
  const temp = new CodeWriter();
  if (tag.text) temp.write(tag.text);
  const current = temp.toString();
  const startsWithNewLine = current.charCodeAt(0) === 0x0a || (current.charCodeAt(0) === 0x0d && current.charCodeAt(1) === 0x0a);
  temp.unsafeInsert(0, `@${tag.tagName}${current.length > 0 && !startsWithNewLine ? " " : ""}`);
  const lines = temp.toString().split(/\r?\n/);
  lines.forEach((line, i) => {
    if (i > 0) writer.newLine();
    if (line.length > 0) writer.write(line);
  });
}

/** Items separated by a space, with a comma put right after each item's text but the last (as ts-morph does). */
function printCommaSeparated<T>(writer: CodeWriter, items: T[], print: (item: T) => void): void {
  const commaAt: number[] = [];
  items.forEach((item, i) => {
    if (i > 0) writer.spaceIfLastNot();
    const start = writer.getLength();
    print(item);
    const trimmed = writer.textFrom(start).replace(/\s+$/, "");
    commaAt.push(trimmed.length === 0 || trimmed.endsWith(",") ? -1 : start + trimmed.length);
  });
  let foundLast = false;
  for (let i = commaAt.length - 1; i >= 0; i--) {
    if (commaAt[i] === -1) continue;
    if (!foundLast) foundLast = true;
    else writer.unsafeInsert(commaAt[i]!, ",");
  }
}

function printNamesInBraces(writer: CodeWriter, names: string[]): void {
  writer.write("{");
  const inner = new CodeWriter();
  printCommaSeparated(inner, names, (name) => {
    inner.closeComment();
    // A name on one line is written as it is; only lines after the first would be indented.
    if (!name.includes("\n") && !name.includes("\r")) {
      inner.write(name);
      return;
    }
    const specifier = new CodeWriter();
    specifier.queueIndentationLevel(1);
    specifier.write(name);
    inner.write(specifier.toString());
  });
  const text = inner.toString();
  const startsWithNewLine = text.charCodeAt(0) === 0x0a || (text.charCodeAt(0) === 0x0d && text.charCodeAt(1) === 0x0a);
  if (!startsWithNewLine) writer.space();
  writer.write(text);
  if (text.charCodeAt(text.length - 1) !== 0x0a) writer.space();
  writer.write("}");
}

function printImport(writer: CodeWriter, s: ImportDeclarationStructure): void {
  const hasNamed = s.namedImports !== undefined && s.namedImports.length > 0;
  if (hasNamed && s.namespaceImport !== undefined) throw new Error("an import declaration cannot have both a namespace import and named imports");
  writer.write("import");
  if (s.isTypeOnly) writer.write(" type");
  if (s.namespaceImport !== undefined) writer.write(` * as ${s.namespaceImport}`);
  if (hasNamed) {
    writer.space();
    printNamesInBraces(writer, s.namedImports!);
  }
  writer.conditionalWrite(hasNamed || s.namespaceImport !== undefined, " from");
  writer.write(" ");
  writer.quote(s.moduleSpecifier);
  writer.write(";");
}

function printExport(writer: CodeWriter, s: ExportDeclarationStructure): void {
  const hasModule = s.moduleSpecifier !== undefined && s.moduleSpecifier.length > 0;
  writer.write("export");
  if (s.namedExports !== undefined && s.namedExports.length > 0) {
    writer.space();
    printNamesInBraces(writer, s.namedExports);
  } else if (!hasModule) writer.write(" { }");
  else writer.write(" *");
  if (hasModule) {
    writer.write(" from ");
    writer.quote(s.moduleSpecifier!);
  }
  writer.write(";");
}

function printInterface(writer: CodeWriter, s: InterfaceDeclarationStructure): void {
  printDocs(writer, s.docs);
  printModifiers(writer, s);
  writer.write(`interface ${s.name}`);
  writer.space();
  if (s.extends !== undefined) {
    const text = s.extends.map(textOf).join(", ");
    if (!isBlank(text)) writer.hangingIndent(() => writer.write(`extends ${text} `));
  }
  writer.inlineBlock(() => {
    const separate = (items: unknown[] | undefined) => {
      if (items !== undefined && items.length > 0 && !writer.isAtStartOfFirstLineOfBlock()) writer.newLine();
    };
    separate(s.indexSignatures);
    (s.indexSignatures ?? []).forEach((index, i) => {
      writer.conditionalNewLine(i > 0);
      writer.closeComment();
      printDocs(writer, index.docs);
      writer.write(`[${index.keyName || "key"}: ${index.keyType || "string"}]`);
      printReturnType(writer, index.returnType);
      writer.write(";");
    });
    separate(s.properties);
    (s.properties ?? []).forEach((p, i) => printProperty(writer, p, i));
  });
}

/** A property of an interface (no initializer) or of a class, the `i`th of its list. */
function printProperty(writer: CodeWriter, p: PropertySignatureStructure & { initializer?: string }, i: number): void {
  writer.conditionalNewLine(i > 0);
  writer.closeComment();
  printDocs(writer, p.docs);
  printModifiers(writer, p);
  writer.write(p.name);
  writer.conditionalWrite(p.hasQuestionToken, "?");
  printTyped(writer, ":", p.type);
  printInitializer(writer, p.initializer);
  writer.write(";");
}

function printParameters(writer: CodeWriter, parameters: OptionalKind<ParameterDeclarationStructure>[] | undefined): void {
  writer.write("(");
  if (parameters !== undefined && parameters.length > 0) {
    writer.hangingIndent(() => {
      printCommaSeparated(writer, parameters, (p) => {
        writer.closeComment();
        writer.write(p.name);
        writer.conditionalWrite(p.hasQuestionToken, "?");
        printTyped(writer, ":", p.type, p.hasQuestionToken);
        printInitializer(writer, p.initializer);
      });
    });
  }
  writer.write(")");
}

function printBody(writer: CodeWriter, statements: string[] | undefined): void {
  writer.inlineBlock(() => printStatements(writer, statements));
}

function printFunction(writer: CodeWriter, s: FunctionDeclarationStructure): void {
  printDocs(writer, s.docs);
  printModifiers(writer, s);
  writer.write("function");
  if (!isBlank(s.name)) writer.write(` ${s.name}`);
  printParameters(writer, s.parameters);
  printReturnType(writer, s.returnType);
  writer.space();
  printBody(writer, s.statements);
}

function printClass(writer: CodeWriter, s: ClassDeclarationStructure): void {
  printDocs(writer, s.docs);
  printModifiers(writer, s);
  writer.write("class");
  if (!isBlank(s.name)) writer.space().write(s.name);
  writer.space();
  writer.hangingIndent(() => {
    if (s.extends !== undefined) {
      const text = textOf(s.extends);
      if (!isBlank(text)) writer.write(`extends ${text} `);
    }
  });
  const separate = () => {
    if (!writer.isAtStartOfFirstLineOfBlock()) writer.blankLine();
  };
  writer.inlineBlock(() => {
    (s.properties ?? []).forEach((p, i) => printProperty(writer, p, i));
    for (const ctor of s.ctors ?? []) {
      separate();
      writer.closeComment();
      printDocs(writer, ctor.docs);
      writer.write("constructor");
      printParameters(writer, ctor.parameters);
      writer.space();
      printBody(writer, ctor.statements);
    }
    for (const get of s.getAccessors ?? []) {
      separate();
      writer.closeComment();
      printDocs(writer, get.docs);
      writer.write(`get ${get.name}`);
      printParameters(writer, undefined);
      printReturnType(writer, get.returnType);
      writer.spaceIfLastNot();
      printBody(writer, get.statements);
    }
    if (s.methods !== undefined && s.methods.length > 0) {
      separate();
      s.methods.forEach((m, i) => {
        if (i > 0) writer.blankLine();
        writer.closeComment();
        printDocs(writer, m.docs);
        writer.write(m.name);
        printParameters(writer, m.parameters);
        printReturnType(writer, m.returnType);
        writer.spaceIfLastNot();
        printBody(writer, m.statements);
      });
    }
  });
}
