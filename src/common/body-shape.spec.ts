import { BODY_LIMITS, inspectBodyShape, scanJsonShape } from './body-shape';

const scan = (text: string) => scanJsonShape(Buffer.from(text));

describe('scanJsonShape', () => {
  it('lets ordinary bodies through, strings with brackets, quotes and escapes included', () => {
    expect(scan('{"email":"a@b.test","password":"x"}')).toBeUndefined();
    expect(scan(JSON.stringify({ a: '{[:,\\"]}'.repeat(1000), b: [1, 2, { c: 'x\\\\' }] }))).toBeUndefined();
    expect(scan(JSON.stringify({ s: '\\\\"'.repeat(50) + '{'.repeat(100) }))).toBeUndefined();
  });

  it('refuses depth 33 but not 32, in objects and arrays', () => {
    expect(scan('['.repeat(32) + ']'.repeat(32))).toBeUndefined();
    expect(scan('['.repeat(33) + ']'.repeat(33))).toMatchObject({ rule: 'maxDepth' });
    expect(scan('{"a":'.repeat(33) + '1' + '}'.repeat(33))).toMatchObject({ rule: 'maxDepth' });
  });

  it('counts keys per object, and keys and items per body', () => {
    const keys = (n: number) => JSON.stringify(Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])));
    expect(scan(keys(BODY_LIMITS.maxKeysPerObject))).toBeUndefined();
    expect(scan(keys(BODY_LIMITS.maxKeysPerObject + 1))).toMatchObject({ rule: 'maxKeysPerObject' });
    expect(scan(JSON.stringify(Array.from({ length: 5000 }, () => ({ a: 1, b: 2 }))))).toBeUndefined();
    expect(scan(`[${'0,'.repeat(BODY_LIMITS.maxKeysPerBody + 1)}0]`)).toMatchObject({ rule: 'maxKeysPerBody' });
  });
});

describe('inspectBodyShape', () => {
  it('applies the same limits to a parsed body, without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20_000; i += 1) deep = { a: deep };
    expect(inspectBodyShape(deep)).toMatchObject({ rule: 'maxDepth' });
    expect(inspectBodyShape({ answer: 'declined', note: 'x' })).toBeUndefined();
    expect(inspectBodyShape(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i])))).toMatchObject({
      rule: 'maxKeysPerObject',
    });
  });
});
