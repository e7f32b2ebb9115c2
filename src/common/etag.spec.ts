import { HttpException } from '@nestjs/common';
import { assertFresh, parseIfMatch } from './etag';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    const e = error as HttpException;
    return { status: e.getStatus(), body: e.getResponse() as Record<string, any> };
  }
  throw new Error('expected a refusal');
};

describe('parseIfMatch', () => {
  it('reads absence, *, one tag and a list; a weak tag is kept as one that never matches', () => {
    expect(parseIfMatch(undefined)).toBeNull();
    expect(parseIfMatch(' * ')).toBe('*');
    expect(parseIfMatch('"7"')).toEqual([7]);
    expect(parseIfMatch('"7", "9" ,W/"8"')).toEqual([7, 9, -1]);
    expect(parseIfMatch(['"1"', '"2"'])).toEqual([1, 2]);
  });

  it.each(['', '7', '"7', '"abc"', '"0"', '"1",', '*, "1"', '"12345678901"'])(
    'refuses %p with a 422 naming the header',
    (raw) => {
      const { status, body } = refusal(() => parseIfMatch(raw));
      expect(status).toBe(422);
      expect(body.errors).toEqual([expect.objectContaining({ field: 'If-Match', rule: 'entityTag' })]);
    },
  );
});

describe('assertFresh', () => {
  it('lets through no If-Match, *, and a list holding the current version', () => {
    expect(() => assertFresh(null, 4, 'unit')).not.toThrow();
    expect(() => assertFresh('*', 4, 'unit')).not.toThrow();
    expect(() => assertFresh([2, 4], 4, 'unit')).not.toThrow();
  });

  it('refuses an old version or a weak tag with 412 STALE naming the current one', () => {
    for (const given of [[3], [-1]]) {
      const { status, body } = refusal(() => assertFresh(given, 4, 'unit'));
      expect(status).toBe(412);
      expect(body).toMatchObject({ code: 'STALE', currentVersion: 4, currentETag: '"4"' });
    }
  });
});
