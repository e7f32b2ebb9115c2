import { readTaskNumber } from './task-number';

const read = (raw: string) => {
  const result = readTaskNumber(raw);
  if (!result.ok) throw new Error(result.message);
  return result;
};

describe('readTaskNumber', () => {
  it('reads top-level and nested numbers with their parent', () => {
    expect(read('1')).toMatchObject({ number: '1', parent: null });
    expect(read('4.1')).toMatchObject({ number: '4.1', parent: '4' });
    expect(read('2.đ')).toMatchObject({ number: '2.đ', parent: '2' });
    expect(read('1.a.3')).toMatchObject({ number: '1.a.3', parent: '1.a' });
  });

  it('normalises spacing, case, a trailing dot and leading zeros', () => {
    expect(read(' 4.1. ').number).toBe('4.1');
    expect(read('2.Đ').number).toBe('2.đ');
    expect(read('04.01').number).toBe('4.1');
  });

  it('sorts as plans do: numerically, and đ after d', () => {
    const numbers = ['10', '2', '4.2', '4.10', '4', '2.đ', '2.e', '2.d', '2.a', '4.1', '1'];
    const sorted = [...numbers].sort((a, b) => (read(a).sortKey < read(b).sortKey ? -1 : 1));
    expect(sorted).toEqual(['1', '2', '2.a', '2.d', '2.đ', '2.e', '4', '4.1', '4.2', '4.10', '10']);
  });

  it.each(['', '.', '1..2', 'a b', '1.abc', '1234', '1.2.3.4.5.6.7', '1.a1', '1-2'])('refuses %p', (raw) => {
    expect(readTaskNumber(raw).ok).toBe(false);
  });
});
