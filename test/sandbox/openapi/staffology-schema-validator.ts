import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { z } from 'zod';
import { matchPathTemplate } from './match-path-template.ts';
import { openApiToJsonSchema } from './openapi-to-json-schema.ts';

/**
 * Staffology's official OpenAPI 3.0.1 document, committed unchanged beside this file (see README.md there) so the
 * schema tests run from a clone; the `documentPath` option points elsewhere.
 */
export const STAFFOLOGY_OPENAPI_URL = new URL('./staffology-openapi.json', import.meta.url);

/** The id the converted components get in ajv; the API serves its document at this address. */
const DOCUMENT_ID = 'https://api.staffology.co.uk/swagger/v1/swagger.json';

/** Only the parts of the document this validator reads; everything else passes through untouched. */
const openApiDocumentSchema = z.object({
  openapi: z.string().startsWith('3.0'),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.object({ schemas: z.record(z.string(), z.unknown()) }),
});

const operationSchema = z.object({
  operationId: z.string().optional(),
  responses: z.record(
    z.string(),
    z.object({ content: z.record(z.string(), z.object({ schema: z.unknown() })).optional() }),
  ),
});

export interface StaffologyOperation {
  /** HTTP method, any case. */
  method: string;
  /** A concrete request path (`/employers/5c0.../employees`) or the document's template (`/employers/{id}`). */
  path: string;
  status: number;
}

export interface StaffologySchemaValidator {
  /** Violations of `#/components/schemas/{schemaName}` (empty when valid). Throws for an unknown schema name. */
  validateStaffology(schemaName: string, value: unknown): string[];
  /**
   * Violations of the response schema the document declares for this operation and status (empty when valid).
   * An operation or status the document does not declare is itself a violation.
   */
  validateStaffologyResponse(operation: StaffologyOperation, value: unknown): string[];
  /** The document's path template and operationId for a request, or null when the document has no such route. */
  findOperation(method: string, path: string): { template: string; operationId: string | null } | null;
}

/**
 * Loads Staffology's OpenAPI document and validates values against its schemas as OpenAPI 3.0 defines them:
 * `nullable`, `$ref` into `components.schemas`, `additionalProperties: false`, and every `format` the document
 * uses (uuid, date, date-time, email, int32, ...) checked.
 */
export function loadStaffologySchemaValidator(
  options: { documentPath?: string } = {},
): StaffologySchemaValidator {
  const documentPath = options.documentPath ?? fileURLToPath(STAFFOLOGY_OPENAPI_URL);
  const document = openApiDocumentSchema.parse(JSON.parse(readFileSync(documentPath, 'utf8')));

  const ajv = new Ajv({
    allErrors: true,
    // Some vendor schemas put `properties` without `type: object`: valid OpenAPI, so no type-strictness noise.
    strictTypes: false,
    // Vendor patterns escape characters that need no escaping (`\@`, `\&`), which the `u` flag forbids.
    unicodeRegExp: false,
  });
  addFormats(ajv);
  ajv.addSchema({
    $id: DOCUMENT_ID,
    definitions: Object.fromEntries(
      Object.entries(document.components.schemas).map(([name, schema]) => [
        name,
        openApiToJsonSchema(schema, (target) => `#/definitions/${pointerSegment(target)}`),
      ]),
    ),
  });

  const byName = new Map<string, ValidateFunction>();
  const byOperation = new Map<string, ValidateFunction | null>();

  const componentValidator = (schemaName: string): ValidateFunction => {
    const cached = byName.get(schemaName);
    if (cached) return cached;
    if (!(schemaName in document.components.schemas)) {
      throw new Error(`Staffology's OpenAPI document has no schema named ${schemaName}`);
    }
    const compiled = ajv.getSchema(`${DOCUMENT_ID}#/definitions/${pointerSegment(schemaName)}`);
    if (!compiled) throw new Error(`ajv could not compile ${schemaName}`);
    byName.set(schemaName, compiled);
    return compiled;
  };

  const findOperation: StaffologySchemaValidator['findOperation'] = (method, path) => {
    const template = matchPathTemplate(Object.keys(document.paths), path);
    if (template === null) return null;
    const operation = document.paths[template]?.[method.toLowerCase()];
    if (operation === undefined) return null;
    return { template, operationId: operationSchema.parse(operation).operationId ?? null };
  };

  return {
    validateStaffology(schemaName, value) {
      const validate = componentValidator(schemaName);
      return validate(value) ? [] : describe(validate.errors);
    },

    validateStaffologyResponse({ method, path, status }, value) {
      const found = findOperation(method, path);
      if (found === null) return [`the document declares no operation ${method.toUpperCase()} ${path}`];
      const key = `${method.toLowerCase()} ${found.template} ${status}`;
      if (!byOperation.has(key)) {
        const operation = operationSchema.parse(document.paths[found.template]?.[method.toLowerCase()]);
        const response = operation.responses[String(status)];
        // Staffology declares JSON under several media types with the same schema; application/json first.
        const content = response?.content?.['application/json'] ?? Object.values(response?.content ?? {})[0];
        byOperation.set(
          key,
          content === undefined
            ? null
            : ajv.compile(
                openApiToJsonSchema(
                  content.schema,
                  (target) => `${DOCUMENT_ID}#/definitions/${pointerSegment(target)}`,
                ) as object,
              ),
        );
      }
      const validate = byOperation.get(key);
      if (!validate)
        return [`${method.toUpperCase()} ${found.template} declares no JSON body for status ${status}`];
      return validate(value) ? [] : describe(validate.errors);
    },

    findOperation,
  };
}

/** Component names contain dots, which are fine in a JSON pointer; `~` and `/` would need escaping. */
function pointerSegment(name: string): string {
  return encodeURIComponent(name.replaceAll('~', '~0').replaceAll('/', '~1'));
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const at = error.instancePath || '/';
    const extra =
      error.keyword === 'additionalProperties'
        ? ` (${String(error.params.additionalProperty)})`
        : error.keyword === 'enum'
          ? ` (${JSON.stringify(error.params.allowedValues)})`
          : '';
    return `${at} ${error.message ?? error.keyword}${extra}`;
  });
}

let defaultValidator: StaffologySchemaValidator | undefined;

/*
 * The validator for the default document, loaded on first use and kept: the vendor document is immutable, so
 * this is a cache of a constant (compiling it costs about 0.1 s), not state a test could leak into another.
 */
function sharedValidator(): StaffologySchemaValidator {
  defaultValidator ??= loadStaffologySchemaValidator();
  return defaultValidator;
}

/** Violations of `#/components/schemas/{schemaName}` in the default document (empty when valid). */
export function validateStaffology(schemaName: string, value: unknown): string[] {
  return sharedValidator().validateStaffology(schemaName, value);
}

/** Violations of the response schema the default document declares for this operation and status. */
export function validateStaffologyResponse(operation: StaffologyOperation, value: unknown): string[] {
  return sharedValidator().validateStaffologyResponse(operation, value);
}
