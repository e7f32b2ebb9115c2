import { csvCell, csvLine, neutraliseFormula, restoreNeutralised } from './csv-writer';

describe('csv-writer', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const cell of ['=1+1', '+84 905 123 456', '-2', '@SUM(A1)', '\tcmd', '=HYPERLINK("http://x")']) {
      expect(neutraliseFormula(cell)).toBe(`'${cell}`);
    }
    expect(neutraliseFormula('Sở Nội vụ')).toBe('Sở Nội vụ');
    expect(neutraliseFormula('')).toBe('');
  });

  it('restores a neutralised cell on import, and leaves other apostrophes alone', () => {
    for (const cell of ['=1+1', '+84 905 123 456', '@x', "'quoted'", "Đ'ắk"])
      expect(restoreNeutralised(neutraliseFormula(cell))).toBe(cell);
    expect(restoreNeutralised("'")).toBe("'");
  });

  it('quotes cells with the delimiter, quotes, line breaks or edge spaces', () => {
    expect(csvCell('Lê, Văn A', ',')).toBe('"Lê, Văn A"');
    expect(csvCell('Lê, Văn A', ';')).toBe('Lê, Văn A');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('Báo "Quảng Nam"', ',')).toBe('"Báo ""Quảng Nam"""');
    expect(csvCell('hai\ndòng', ',')).toBe('"hai\ndòng"');
    expect(csvCell(' lề ', ',')).toBe('" lề "');
    expect(csvCell('=cmd|" /C calc"!A0', ',')).toBe('"\'=cmd|"" /C calc""!A0"');
  });

  it('writes empty cells for null and booleans as words, with CRLF line ends', () => {
    expect(csvLine(['a', null, undefined, true, false, 3], ',')).toBe('a,,,true,false,3\r\n');
  });
});
