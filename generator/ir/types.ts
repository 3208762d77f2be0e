/**
 * The language-neutral intermediate representation. It holds no identifiers of any
 * target language: names are decided per target by a Namer from the naming hints here.
 * Ids are JSON pointers into the bundled document.
 */

export interface Docs {
  summary?: string;
  description?: string;
  deprecated?: boolean;
  example?: unknown;
}

/** Where an anonymous type was found; a Namer turns this into a contextual name. */
export type NameHint =
  | { kind: "component"; key: string }
  | { kind: "title"; title: string }
  | { kind: "override"; name: string; owner?: NameHint }
  | { kind: "property"; owner: NameHint; property: string }
  | { kind: "item"; owner: NameHint }
  | { kind: "variant"; owner: NameHint; index: number }
  /** The own keywords of an allOf schema whose parts do not merge into one object: one part of the owner. */
  | { kind: "fields"; owner: NameHint }
  | { kind: "parameter"; operationId?: string; location: ParameterLocation; name: string }
  | { kind: "requestBody"; operationId: string }
  | { kind: "response"; operationId: string; status: string; baseName?: string }
  | { kind: "error"; operationId: string; status: string };

export type PrimitiveName = "string" | "number" | "integer" | "boolean" | "null" | "unknown";

export type Type =
  | { kind: "primitive"; name: PrimitiveName; format?: string }
  | { kind: "literal"; value: string | number | boolean | null }
  /** A named type (object, enum or alias), by id. */
  | { kind: "ref"; target: string }
  | { kind: "array"; items: Type }
  | { kind: "nullable"; inner: Type }
  | { kind: "union"; variants: Type[]; discriminator?: Discriminator }
  | { kind: "intersection"; parts: Type[] }
  /** A free-form object: any keys, values of one type. */
  | { kind: "map"; values: Type };

export interface Discriminator {
  property: string;
  mapping: Array<{ value: string; target: string }>;
}

/** A type that gets a name of its own in the output (component schema, inline object or enum). */
export type NamedType = ObjectDef | EnumDef | AliasDef;

interface NamedBase {
  id: string;
  hint: NameHint;
  docs: Docs;
}

export interface ObjectDef extends NamedBase {
  kind: "object";
  /** Types whose properties this one also has (allOf of references). */
  bases: string[];
  properties: Property[];
  /** additionalProperties as declared: false (closed), a type, "any" (true or {}), or undefined when not declared. */
  additional?: Type | "any" | false;
}

export interface EnumDef extends NamedBase {
  kind: "enum";
  base: "string" | "integer" | "number";
  members: Array<{ value: string | number; nameHint?: string }>;
  /** Unknown values are accepted (x-speakeasy-unknown-values: allow). */
  open: boolean;
}

export interface AliasDef extends NamedBase {
  kind: "alias";
  type: Type;
}

export interface Property {
  name: string;
  required: boolean;
  type: Type;
  docs: Docs;
  default?: unknown;
  readOnly: boolean;
  writeOnly: boolean;
  /** Marked x-speakeasy-error-message: the error's message is taken from it. */
  errorMessage: boolean;
}

export type ParameterLocation = "path" | "query" | "header" | "cookie";

export interface Parameter {
  id: string;
  wireName: string;
  in: ParameterLocation;
  required: boolean;
  type: Type;
  style: string;
  explode: boolean;
  docs: Docs;
  nameOverride?: string;
  default?: unknown;
}

export interface ServerVariable {
  name: string;
  default: string;
  enum?: string[];
  description?: string;
}

export interface Server {
  url: string;
  description?: string;
  variables: ServerVariable[];
}

export type SecurityScheme =
  | { key: string; kind: "apiKey"; in: "header" | "query" | "cookie"; wireName: string; description?: string }
  | { key: string; kind: "http"; scheme: "bearer" | "basic"; description?: string }
  | { key: string; kind: "oauth2" | "openIdConnect"; description?: string };

/** One alternative of a security requirement: every scheme listed must be applied. */
export type SecurityRequirement = string[];

export interface Body {
  contentType: string;
  /** A string of format "binary" for binary media types (application/octet-stream, image/*, ...). */
  type: Type;
  required: boolean;
  docs: Docs;
}

export interface Response {
  /** "200", "2XX" or "default". */
  status: string;
  docs: Docs;
  /** Absent when the response has no content. */
  body?: Body;
  /** Name of the property the body is exposed under, as a hint, e.g. the referenced schema's key. */
  bodyNameHint?: string;
}

export interface ErrorResponse {
  status: string;
  docs: Docs;
  body: Body;
  /** Hint for the error class name: x-speakeasy-name-override or the status text. */
  nameHint: string;
  /** Path to the field whose value becomes the error message; "*" stands for every item of an array. */
  messagePath?: string[];
}

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

export interface Operation {
  id: string;
  /** operationId as written, or a stable name derived from method and path. */
  operationId: string;
  method: HttpMethod;
  path: string;
  tags: string[];
  /** Method name wanted instead of the operationId's (x-speakeasy-name-override); it need only be unique within the operation's tag. */
  nameOverride?: string;
  docs: Docs;
  params: Parameter[];
  body?: Body;
  responses: Response[];
  errors: ErrorResponse[];
  security: SecurityRequirement[] | "inherit";
  servers?: Server[];
}

export interface Tag {
  name: string;
  description?: string;
}

export interface Api {
  info: { title: string; version: string; summary?: string; description?: string };
  servers: Server[];
  securitySchemes: SecurityScheme[];
  security: SecurityRequirement[];
  tags: Tag[];
  /** Every named type, keyed by id, in a stable order. */
  types: NamedType[];
  operations: Operation[];
  /** Parameters a client sets once and sends on every operation (x-speakeasy-globals). */
  globals: Parameter[];
}
