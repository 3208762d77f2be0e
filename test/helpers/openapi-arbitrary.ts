// fast-check arbitraries of small, valid OpenAPI 3.1 documents with awkward names and hostile text.
import fc from "fast-check";

/** Property names that are legal JSON keys but awkward as TypeScript identifiers or object keys. */
export const AWKWARD_NAMES = [
  "id", "name", "a-b", "class", "1st", "__proto__", "constructor", "", "héllo", "日本", "toString",
  "with space", "x.y", "$ref", "default", "new", "delete", "hasOwnProperty", "Name", "name_", "😀",
];

/** Strings that try to escape comments, string literals and template literals. */
export const HOSTILE_TEXT = [
  "*/ alert(1) /*", "${process.exit(1)}", "`backtick`", "back\\slash", "line\u2028sep", "para\u2029sep",
  "<script>x</script>", "{{handlebars}}", "it's \"quoted\"", "new\nline", "", "tab\there", "\\u0000",
];

const COMPONENT_NAMES = ["User", "a-b", "Class", "x.y", "_under", "Thing2", "constructor", "Object", "Promise", "Error"];
const PARAM_NAMES = ["id", "item-id", "class", "1st", "a.b", "__proto__", "constructor", "limit", "x_y", "héllo"];
const HEADER_NAMES = ["X-Trace-Id", "x-class", "X-1st", "x-proto"];
const OPERATION_IDS = ["getThing", "list-things", "delete", "class", "new_thing", "1st-op", "constructor", "toString"];

type Json = unknown;
type SchemaObject = Record<string, Json>;

const description = fc.option(fc.constantFrom(...HOSTILE_TEXT), { nil: undefined });
const withDescription = (schema: SchemaObject, text: string | undefined): SchemaObject =>
  text === undefined ? schema : { ...schema, description: text };

const primitiveType = fc.constantFrom("string", "integer", "number", "boolean");
const enumSchema: fc.Arbitrary<SchemaObject> = fc.oneof(
  fc.uniqueArray(fc.constantFrom(...HOSTILE_TEXT, ...AWKWARD_NAMES), { minLength: 1, maxLength: 4 }).map((values) => ({ type: "string", enum: values })),
  fc.uniqueArray(fc.integer({ min: -5, max: 1000 }), { minLength: 1, maxLength: 4 }).map((values) => ({ type: "integer", enum: values })),
);

/** A property schema; `components` are the component names, `objects` those that are object schemas. */
function propertySchema(components: string[], objects: string[], depth: number): fc.Arbitrary<SchemaObject> {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const options: Array<fc.Arbitrary<SchemaObject>> = [
    primitiveType.map((type) => ({ type })),
    enumSchema,
    primitiveType.map((type) => ({ type: [type, "null"] })),
    fc.uniqueArray(fc.constantFrom("string", "integer", "boolean"), { minLength: 2, maxLength: 3 }).map((types) => ({ oneOf: types.map((type) => ({ type })) })),
  ];
  if (components.length > 0) options.push(fc.constantFrom(...components).map(ref));
  if (depth > 0) {
    options.push(propertySchema(components, objects, depth - 1).map((items) => ({ type: "array", items })));
    options.push(inlineObject(components, objects, depth - 1));
    if (objects.length > 0) {
      options.push(fc.tuple(fc.constantFrom(...objects), inlineObject(components, objects, depth - 1)).map(([name, extra]) => ({ allOf: [ref(name), extra] })));
    }
  }
  return fc.tuple(fc.oneof(...options), description).map(([schema, text]) => withDescription(schema, text));
}

function inlineObject(components: string[], objects: string[], depth: number): fc.Arbitrary<SchemaObject> {
  return fc
    .uniqueArray(fc.tuple(fc.constantFrom(...AWKWARD_NAMES), propertySchema(components, objects, depth), fc.boolean()), {
      minLength: 0,
      maxLength: 4,
      selector: ([name]) => name,
    })
    .map((props) => {
      const properties: SchemaObject = {};
      for (const [name, schema] of props) Object.defineProperty(properties, name, { value: schema, enumerable: true, writable: true, configurable: true });
      const required = props.filter(([, , r]) => r).map(([name]) => name);
      return { type: "object", properties, ...(required.length > 0 ? { required } : {}) };
    });
}

function paramSchema(enums: string[]): fc.Arbitrary<SchemaObject> {
  const options: Array<fc.Arbitrary<SchemaObject>> = [primitiveType.map((type) => ({ type })), enumSchema];
  if (enums.length > 0) options.push(fc.constantFrom(...enums).map((name) => ({ $ref: `#/components/schemas/${name}` })));
  return fc.oneof(...options);
}

/** A small valid OpenAPI 3.1 document. */
export const openApiDocument: fc.Arbitrary<SchemaObject> = fc
  .uniqueArray(fc.constantFrom(...COMPONENT_NAMES), { minLength: 1, maxLength: 4 })
  .chain((names) => fc.tuple(fc.constant(names), fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length })))
  .chain(([names, isEnum]) => {
    const enums = names.filter((_, i) => isEnum[i] && i > 0);
    const objects = names.filter((n) => !enums.includes(n));
    // allOf only extends earlier object components, so inheritance never cycles.
    const schemas = names.map((name, i) =>
      enums.includes(name)
        ? fc.tuple(enumSchema, description).map(([s, d]) => withDescription(s, d))
        : fc.tuple(inlineObject(names, objects.slice(0, Math.max(0, objects.indexOf(name))), 1), description).map(([s, d]) => withDescription(s, d)),
    );
    const operation = (opId: string) =>
      fc.record({
        method: fc.constantFrom("get", "post", "put", "delete"),
        pathParam: fc.option(fc.tuple(fc.constantFrom(...PARAM_NAMES), paramSchema(enums)), { nil: undefined }),
        query: fc.uniqueArray(fc.tuple(fc.constantFrom(...PARAM_NAMES), paramSchema(enums), fc.boolean(), description), { maxLength: 3, selector: ([n]) => n }),
        headers: fc.uniqueArray(fc.tuple(fc.constantFrom(...HEADER_NAMES), paramSchema(enums), fc.boolean()), { maxLength: 2, selector: ([n]) => n.toLowerCase() }),
        body: fc.option(fc.tuple(fc.constantFrom(...objects), fc.boolean()), { nil: undefined }),
        response: fc.option(fc.oneof(fc.constantFrom(...names).map((n) => ({ $ref: `#/components/schemas/${n}` })), fc.constantFrom(...names).map((n) => ({ type: "array", items: { $ref: `#/components/schemas/${n}` } }))), { nil: undefined }),
        summary: description,
      }).map((op) => ({ opId, ...op }));
    const operations = fc.uniqueArray(fc.constantFrom(...OPERATION_IDS), { minLength: 1, maxLength: 3 }).chain((ids) => fc.tuple(...ids.map(operation)));
    return fc.tuple(fc.tuple(...schemas), operations, description).map(([componentSchemas, ops, infoDescription]) => {
      const components: SchemaObject = {};
      names.forEach((name, i) => (components[name] = componentSchemas[i]));
      const paths: SchemaObject = {};
      ops.forEach((op, i) => {
        const route = op.pathParam ? `/op${i}/{${op.pathParam[0]}}` : `/op${i}`;
        const parameters: SchemaObject[] = [];
        if (op.pathParam) parameters.push({ name: op.pathParam[0], in: "path", required: true, schema: op.pathParam[1] });
        for (const [name, schema, required, text] of op.query) parameters.push(withDescription({ name, in: "query", required, schema }, text));
        for (const [name, schema, required] of op.headers) parameters.push({ name, in: "header", required, schema });
        const hasBody = op.body !== undefined && op.method !== "get" && op.method !== "delete";
        const operation: SchemaObject = {
          operationId: op.opId,
          ...(op.summary !== undefined ? { summary: op.summary } : {}),
          ...(parameters.length > 0 ? { parameters } : {}),
          ...(hasBody ? { requestBody: { required: op.body![1], content: { "application/json": { schema: { $ref: `#/components/schemas/${op.body![0]}` } } } } } : {}),
          responses: {
            "200": op.response
              ? { description: "OK", content: { "application/json": { schema: op.response } } }
              : { description: "OK" },
          },
        };
        paths[route] = { [op.method]: operation };
      });
      return {
        openapi: "3.1.0",
        info: { title: "Prop API", version: "1.0.0", ...(infoDescription !== undefined ? { description: infoDescription } : {}) },
        servers: [{ url: "https://api.example.com" }],
        paths,
        components: { schemas: components },
      };
    });
  });
