import { describe, expect, it } from 'vitest';
import { openApiToJsonSchema } from './openapi-to-json-schema.ts';

const toDefinitions = (name: string) => `#/definitions/${name}`;

describe('openApiToJsonSchema', () => {
  it.each([
    ['nullable widens the type', { type: 'string', nullable: true }, { type: ['string', 'null'] }],
    [
      'nullable adds null to an enum',
      { type: 'string', enum: ['A'], nullable: true },
      { type: ['string', 'null'], enum: ['A', null] },
    ],
    ['nullable without a type changes nothing', { nullable: true }, {}],
    ['nullable: false is dropped', { type: 'integer', nullable: false }, { type: 'integer' }],
    [
      '$ref siblings are ignored',
      { $ref: '#/components/schemas/Gender', nullable: true, description: 'x' },
      { $ref: '#/definitions/Gender' },
    ],
    [
      'boolean exclusiveMinimum becomes a number',
      { type: 'number', minimum: 0, exclusiveMinimum: true },
      { type: 'number', exclusiveMinimum: 0 },
    ],
    [
      'annotations only are dropped',
      { type: 'string', example: 'x', 'x-internal': true },
      { type: 'string' },
    ],
  ])('%s', (_case, input, expected) => {
    expect(openApiToJsonSchema(input, toDefinitions)).toEqual(expected);
  });

  it('converts nested properties, items and additionalProperties, keeping property names as they are', () => {
    const input = {
      type: 'object',
      additionalProperties: false,
      properties: {
        nullable: { type: 'boolean' },
        tags: { type: 'array', nullable: true, items: { $ref: '#/components/schemas/Tag' } },
        byCode: { type: 'object', additionalProperties: { type: 'string', nullable: true } },
      },
    };
    expect(openApiToJsonSchema(input, toDefinitions)).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        nullable: { type: 'boolean' },
        tags: { type: ['array', 'null'], items: { $ref: '#/definitions/Tag' } },
        byCode: { type: 'object', additionalProperties: { type: ['string', 'null'] } },
      },
    });
  });

  it('refuses a $ref outside components.schemas rather than leave it dangling', () => {
    expect(() => openApiToJsonSchema({ $ref: '#/components/responses/Oops' }, toDefinitions)).toThrow(
      /Unsupported/,
    );
  });
});
