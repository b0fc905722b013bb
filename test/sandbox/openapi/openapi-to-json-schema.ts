/**
 * Turns an OpenAPI 3.0 Schema Object into the JSON Schema (draft-07) that ajv validates with the same meaning.
 * OpenAPI 3.0 is not JSON Schema: `nullable: true` widens `type` to null, a `$ref` ignores its siblings, and
 * `exclusiveMinimum`/`exclusiveMaximum` are booleans (OpenAPI 3.0.3, section 4.7.24 "Schema Object").
 */

const COMPONENT_SCHEMA_REF = '#/components/schemas/';

/** Keywords OpenAPI 3.0 adds that carry no validation (examples, docs); ajv's strict mode rejects them. */
const ANNOTATIONS_ONLY = new Set(['example', 'xml', 'externalDocs', 'discriminator']);

/** Keywords whose value is one schema. */
const SCHEMA_KEYWORDS = new Set(['items', 'not', 'additionalProperties']);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LIST_KEYWORDS = new Set(['allOf', 'anyOf', 'oneOf']);

/**
 * @param refTarget where a `#/components/schemas/{name}` reference points in the converted document set
 *   (e.g. `name => '#/definitions/' + name`).
 */
export function openApiToJsonSchema(schema: unknown, refTarget: (name: string) => string): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const source = schema as Record<string, unknown>;

  if (typeof source.$ref === 'string') {
    if (!source.$ref.startsWith(COMPONENT_SCHEMA_REF)) {
      throw new Error(`Unsupported $ref ${source.$ref}: only ${COMPONENT_SCHEMA_REF}* is resolved`);
    }
    // OpenAPI 3.0: "This object cannot be extended with additional properties and any properties added SHALL
    // be ignored", so siblings of $ref (a description, even `nullable`) are dropped.
    return { $ref: refTarget(source.$ref.slice(COMPONENT_SCHEMA_REF.length)) };
  }

  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(source)) {
    if (ANNOTATIONS_ONLY.has(keyword) || keyword === 'nullable' || keyword.startsWith('x-')) continue;
    if (keyword === 'properties' && typeof value === 'object' && value !== null) {
      out.properties = Object.fromEntries(
        Object.entries(value).map(([name, property]) => [name, openApiToJsonSchema(property, refTarget)]),
      );
    } else if (SCHEMA_KEYWORDS.has(keyword) && typeof value === 'object') {
      out[keyword] = openApiToJsonSchema(value, refTarget);
    } else if (SCHEMA_LIST_KEYWORDS.has(keyword) && Array.isArray(value)) {
      out[keyword] = value.map((item) => openApiToJsonSchema(item, refTarget));
    } else {
      out[keyword] = value;
    }
  }

  // Draft-04 style booleans become draft-07 numbers.
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[exclusive] === true) {
      out[exclusive] = out[bound];
      delete out[bound];
    } else if (out[exclusive] === false) {
      delete out[exclusive];
    }
  }

  if (source.nullable === true) {
    // Without `type` the schema already accepts null; with one, null joins it (and any enum).
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  }
  return out;
}
