import fc from 'fast-check';
import { TextDecoder } from 'node:util';
import {
  escapeText,
  foldLine,
  formatDuration,
  formatUtc,
  paramValue,
  parseContentLine,
  textList,
  unescapeText,
  unfold,
} from './content-line';

const octets = (text: string) => Buffer.byteLength(text, 'utf8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const physicalLines = (folded: string) => folded.split('\r\n');

/** Every physical line ≤ 75 octets, valid UTF-8 on its own, continuation lines start with one space. */
function expectWellFolded(folded: string, original: string) {
  const lines = physicalLines(folded);
  lines.forEach((line, i) => {
    expect(octets(line)).toBeLessThanOrEqual(75);
    expect(() => strictUtf8.decode(Buffer.from(line, 'utf8'))).not.toThrow();
    if (i > 0) expect(line.startsWith(' ')).toBe(true);
  });
  expect(unfold(folded)).toBe(original);
}

describe('foldLine', () => {
  it('leaves a line of exactly 75 octets alone and folds one of 76', () => {
    const line75 = `SUMMARY:${'a'.repeat(67)}`;
    expect(foldLine(line75)).toBe(line75);
    const line76 = `${line75}b`;
    expect(foldLine(line76)).toBe(`${line75}\r\n b`);
  });

  it('counts octets, not characters: a Vietnamese line shorter than 75 characters is folded', () => {
    const line = 'SUMMARY:Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022';
    expect(line.length).toBeLessThan(75);
    expect(octets(line)).toBeGreaterThan(75);
    const folded = foldLine(line);
    expect(folded).toContain('\r\n ');
    expectWellFolded(folded, line);
  });

  it('moves a 3-octet character that would straddle the 75-octet boundary to the next line', () => {
    // 73 ASCII octets, then "ộ" (3 octets) would end at octet 76.
    const line = `${'x'.repeat(73)}ộz`;
    const [first, second] = physicalLines(foldLine(line));
    expect(first).toBe('x'.repeat(73));
    expect(second).toBe(' ộz');
    expectWellFolded(foldLine(line), line);
  });

  it('fits a 3-octet character that ends exactly on octet 75', () => {
    const line = `${'x'.repeat(72)}ộz`;
    const [first, second] = physicalLines(foldLine(line));
    expect(octets(first)).toBe(75);
    expect(first.endsWith('ộ')).toBe(true);
    expect(second).toBe(' z');
  });

  it('never splits a 4-octet emoji (a surrogate pair in JavaScript)', () => {
    for (let pad = 70; pad <= 75; pad += 1) {
      const line = `${'x'.repeat(pad)}🎉🎉`;
      const folded = foldLine(line);
      expectWellFolded(folded, line);
      expect(folded).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
    }
  });

  it('gives continuation lines 74 octets of content after their space', () => {
    const line = 'D'.repeat(75 + 74 + 10);
    const lines = physicalLines(foldLine(line));
    expect(lines.map(octets)).toEqual([75, 75, 11]);
  });

  it('folds any text into lines of at most 75 octets that unfold to the original', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        const line = `DESCRIPTION:${text.replace(/[\r\n]/g, ' ')}`;
        expectWellFolded(foldLine(line), line);
      }),
      { numRuns: 300 },
    );
  });
});

describe('text escaping', () => {
  it('escapes backslash, semicolon, comma and every kind of line break', () => {
    expect(escapeText('a\\b;c,d\ne\r\nf\rg')).toBe('a\\\\b\\;c\\,d\\ne\\nf\\ng');
  });

  it('unescapes what it escaped, including \\N', () => {
    expect(unescapeText('a\\\\b\\;c\\,d\\ne\\Nf')).toBe('a\\b;c,d\ne\nf');
  });

  it('round-trips any text without carriage returns', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const normalised = text.replace(/\r\n?/g, '\n');
        expect(unescapeText(escapeText(normalised))).toBe(normalised);
      }),
      { numRuns: 300 },
    );
  });

  it('escapes commas inside each category and separates categories with bare commas', () => {
    expect(textList(['Hội nghị, trực tuyến', 'CCHC'])).toBe('Hội nghị\\, trực tuyến,CCHC');
  });
});

describe('paramValue', () => {
  it('quotes the value, so : ; and , inside a name are safe', () => {
    expect(paramValue('Sở Nội vụ; Phòng CCHC: tổ 1, 2')).toBe('"Sở Nội vụ; Phòng CCHC: tổ 1, 2"');
  });

  it('refuses a double quote or a control character, which RFC 5545 cannot carry in a parameter', () => {
    expect(() => paramValue('Trường "Nguyễn Du"')).toThrow(RangeError);
    expect(() => paramValue('a\r\nATTENDEE:mailto:x@y.vn')).toThrow(RangeError);
  });
});

describe('formatUtc', () => {
  it('writes UTC with Z whatever the machine zone, dropping milliseconds', () => {
    expect(formatUtc(new Date('2023-03-08T07:30:00+07:00'))).toBe('20230308T003000Z');
    expect(formatUtc(new Date('2023-12-31T23:59:59.999Z'))).toBe('20231231T235959Z');
  });

  it('refuses an invalid date', () => {
    expect(() => formatUtc(new Date('nope'))).toThrow(RangeError);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, 'PT0M'],
    [15, '-PT15M'],
    [60, '-PT1H'],
    [90, '-PT1H30M'],
    [1440, '-P1D'],
    [1530, '-P1DT1H30M'],
    [2 * 1440 + 60, '-P2DT1H'],
  ])('writes %i minutes before as %s, never with an empty time part', (minutes, expected) => {
    expect(formatDuration(minutes, true)).toBe(expected);
    expect(formatDuration(minutes, true)).not.toMatch(/T$/);
  });

  it('refuses fractions and negative numbers', () => {
    expect(() => formatDuration(1.5)).toThrow(RangeError);
    expect(() => formatDuration(-5)).toThrow(RangeError);
  });
});

describe('parseContentLine', () => {
  it('splits at the first colon outside quotes', () => {
    expect(parseContentLine('ATTENDEE;CN="A: B";RSVP=TRUE:mailto:a@b.vn')).toEqual({
      name: 'ATTENDEE',
      params: ';CN="A: B";RSVP=TRUE',
      value: 'mailto:a@b.vn',
    });
    expect(parseContentLine('summary:x:y')).toEqual({ name: 'SUMMARY', params: '', value: 'x:y' });
  });

  it('refuses a line without a value', () => {
    expect(() => parseContentLine('NOT A LINE')).toThrow(SyntaxError);
  });
});
