import fc from 'fast-check';

/** The parts of an OpenAPI document the payload generator reads. */
export interface OpenApiSchema {
  type?: string;
  enum?: unknown[];
  example?: unknown;
  items?: OpenApiSchema;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  $ref?: string;
  allOf?: OpenApiSchema[];
  oneOf?: OpenApiSchema[];
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> } }>>;
  components?: { schemas?: Record<string, OpenApiSchema> };
}

/** Strings that have broken real systems: header injection, formulas, SQL, impossible dates, huge text. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\t',
  'a'.repeat(5000),
  'Sở Nội vụ tỉnh Quảng Nam',
  'So Noi vu',
  'Ủy ban nhân dân\r\nBcc: attacker@example.com',
  'line\nbreak',
  'nul\u0000byte',
  '\u202eevil',
  '<script>alert(1)</script>',
  "'; DROP TABLE unit; --",
  '=HYPERLINK("http://x")',
  '2023-02-30',
  '2023-02-24',
  '2026-04-08T07:30:00+07:00',
  '2026-04-08T07:30:00',
  '24/02/2023',
  'chậm nhất ngày 24/02/2023',
  'trước ngày 30/02/2023',
  'Quý V/2023',
  'trước 03 ngày diễn ra Hội nghị',
  'not-a-uuid',
  '00000000-0000-4000-8000-000000000000',
  'Asia/Ho_Chi_Minh',
  'Mars/Olympus',
  'head',
  'department',
  'nobody@example',
  'ho.tên@quangnam.gov.vn',
  'https://meet.example.gov.vn/abc',
  'javascript:alert(1)',
  '__proto__',
];

const NUMBERS = [0, -1, 1, 7, 60, 2 ** 31, -(2 ** 31) - 1, 1e15, 3.5, -0.5, Number.MAX_SAFE_INTEGER];

/**
 * Generates request bodies for an endpoint from its OpenAPI schema: any subset of its properties,
 * each with a value of the right shape (enum members, known ids, dates) or a hostile one, nested
 * objects by their own schema, plus unknown properties and bodies that are not objects at all.
 */
export class PayloadGenerator {
  private readonly leaf: fc.Arbitrary<unknown>;

  constructor(
    private readonly doc: OpenApiDocument,
    knownIds: string[],
  ) {
    const strings = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS, ...knownIds) },
      { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    );
    const numbers = fc.oneof(
      fc.constantFrom(...NUMBERS),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    this.leaf = fc.oneof(
      { weight: 6, arbitrary: strings },
      { weight: 3, arbitrary: numbers },
      { weight: 1, arbitrary: fc.boolean() },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }

  /** The body arbitrary for `method path` (OpenAPI form, `{id}`), or a generic one without a schema. */
  forOperation(path: string, method: string): fc.Arbitrary<unknown> {
    const schema = this.doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
    const object = schema
      ? this.value(schema, 0)
      : fc.dictionary(fc.constantFrom('name', 'reason', 'id', 'x'), this.leaf, { maxKeys: 3 });
    return fc.oneof(
      { weight: 12, arbitrary: object },
      {
        weight: 2,
        arbitrary: fc
          .tuple(object, fc.constantFrom('unknownField', 'constructor', 'isAdmin'), this.leaf)
          .map(([o, k, v]) => (isPlainObject(o) ? { ...o, [k]: v } : o)),
      },
      { weight: 1, arbitrary: fc.oneof(fc.array(this.leaf, { maxLength: 3 }), this.leaf) },
    );
  }

  private value(schema: OpenApiSchema, depth: number): fc.Arbitrary<unknown> {
    const resolved = this.resolve(schema);
    const options: fc.Arbitrary<unknown>[] = [this.leaf];
    if (resolved.enum?.length) options.push(fc.constantFrom(...resolved.enum), fc.constantFrom(...resolved.enum));
    if (resolved.example !== undefined) options.push(fc.constant(resolved.example));
    if (resolved.properties && depth < 3) {
      const props = Object.fromEntries(
        Object.entries(resolved.properties).map(([k, v]) => [k, this.value(v, depth + 1)]),
      );
      const record = fc.record(props, { requiredKeys: [] });
      options.push(record, record, record);
    }
    if (resolved.type === 'array' && depth < 3) {
      const item = resolved.items ? this.value(resolved.items, depth + 1) : this.leaf;
      options.push(fc.array(item, { maxLength: 4 }), fc.array(item, { maxLength: 4 }));
    }
    return fc.oneof(...options);
  }

  private resolve(schema: OpenApiSchema): OpenApiSchema {
    if (schema.$ref) return this.resolve(this.doc.components?.schemas?.[schema.$ref.split('/').pop()!] ?? {});
    if (schema.allOf?.length) return this.resolve(schema.allOf[0]);
    return schema;
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
