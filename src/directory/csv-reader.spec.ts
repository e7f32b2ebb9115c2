import {
  CsvColumns,
  CsvFileError,
  CsvRecord,
  CsvRowFault,
  decodeCsvText,
  detectDelimiter,
  firstInvalidUtf8,
  readCsv,
} from './csv-reader';

const COLUMNS: CsvColumns = { required: ['email', 'full_name'], optional: ['phone'] };

async function read(input: string | Buffer, columns = COLUMNS): Promise<(CsvRecord | CsvRowFault)[]> {
  const out: (CsvRecord | CsvRowFault)[] = [];
  for await (const item of readCsv(typeof input === 'string' ? Buffer.from(input) : input, columns)) out.push(item);
  return out;
}

async function fileError(input: string | Buffer): Promise<CsvFileError> {
  try {
    await read(input);
  } catch (error) {
    if (error instanceof CsvFileError) return error;
    throw error;
  }
  throw new Error('expected a CsvFileError');
}

describe('csv-reader', () => {
  describe('encoding', () => {
    it('reads UTF-8 the same with and without a BOM', async () => {
      const text = 'email,full_name\nnhan@cantho.gov.vn,Nguyễn Hoàng Nhân\n';
      const plain = await read(text);
      const withBom = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
      expect(withBom).toEqual(plain);
      expect(plain).toEqual([{ line: 2, cells: { email: 'nhan@cantho.gov.vn', full_name: 'Nguyễn Hoàng Nhân' } }]);
    });

    it('refuses a Windows-1258 / Latin-1 file and names the first line that is not UTF-8', async () => {
      const latin1 = Buffer.from('email,full_name\na@b.vn,Nguyen Van A\nc@d.vn,Tr\u00e2n Th\u00ea\n', 'latin1');
      const error = await fileError(latin1);
      expect(error).toMatchObject({ code: 'CSV_NOT_UTF8', line: 3 });
      expect(error.message).toMatch(/line 3 .*not UTF-8.*CSV UTF-8/);
    });

    it('says so when the upload is UTF-16 or an Excel workbook', async () => {
      await expect(fileError(Buffer.from([0xff, 0xfe, 0x65, 0x00]))).resolves.toMatchObject({
        code: 'CSV_NOT_UTF8',
        message: expect.stringMatching(/UTF-16/),
      });
      await expect(fileError(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14]))).resolves.toMatchObject({
        code: 'CSV_NOT_UTF8',
        message: expect.stringMatching(/xlsx/),
      });
    });

    it('finds the offset of overlong, truncated and surrogate sequences', () => {
      expect(firstInvalidUtf8(Buffer.from('Sở Nội vụ'))).toBe(-1);
      expect(firstInvalidUtf8(Buffer.from([0x61, 0xc0, 0xaf]))).toBe(1);
      expect(firstInvalidUtf8(Buffer.from([0x61, 0x62, 0xe1, 0xbb]))).toBe(2);
      expect(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBe(0);
    });

    it('refuses an empty file', async () => {
      await expect(fileError('')).resolves.toMatchObject({ code: 'CSV_EMPTY' });
      expect(() => decodeCsvText(Buffer.alloc(0))).toThrow(CsvFileError);
    });
  });

  describe('delimiter and header', () => {
    it('takes the delimiter the header line uses, ignoring quoted ones', () => {
      expect(detectDelimiter('email;full_name;phone\n')).toBe(';');
      expect(detectDelimiter('email,full_name\n"a;b;c";d')).toBe(',');
      expect(detectDelimiter('"a,b";c;d\n')).toBe(';');
    });

    it('reads semicolon files, as Excel writes them in a Vietnamese locale', async () => {
      await expect(read('email;full_name;phone\na@b.vn;"Lê, Văn A";0905 123 456\n')).resolves.toEqual([
        { line: 2, cells: { email: 'a@b.vn', full_name: 'Lê, Văn A', phone: '0905 123 456' } },
      ]);
    });

    it('finds columns by name in any order, whatever their case and spacing', async () => {
      await expect(read('Full Name, EMAIL\nTrần B,b@c.vn\n')).resolves.toEqual([
        { line: 2, cells: { full_name: 'Trần B', email: 'b@c.vn' } },
      ]);
    });

    it('ignores empty cells after the last named column', async () => {
      await expect(read('email,full_name,,\na@b.vn,A,,\n')).resolves.toEqual([
        { line: 2, cells: { email: 'a@b.vn', full_name: 'A' } },
      ]);
    });

    it('refuses unknown, missing and repeated columns, naming them', async () => {
      await expect(fileError('email,full_name,fax\n')).resolves.toMatchObject({
        code: 'CSV_COLUMNS',
        line: 1,
        column: 'fax',
      });
      const missing = await fileError('email,phone\n');
      expect(missing).toMatchObject({ code: 'CSV_COLUMNS', column: 'full_name' });
      expect(missing.message).toContain('expected columns: email, full_name, phone');
      await expect(fileError('email,full_name,email\n')).resolves.toMatchObject({
        code: 'CSV_COLUMNS',
        column: 'email',
      });
    });
  });

  describe('rows', () => {
    it('numbers rows by the file line where they start, across quoted line breaks, CRLF and blank lines', async () => {
      const rows = await read('email,full_name\r\na@b.vn,"Nguyễn\r\nVăn A"\r\n\r\nc@d.vn,C\r\n,,\r\n,\r\ne@f.vn,E\r\n');
      expect(rows.map((r) => r.line)).toEqual([2, 5, 8]);
      expect((rows[0] as CsvRecord).cells.full_name).toBe('Nguyễn\r\nVăn A');
    });

    it('reports a row with missing or extra cells as a fault of that row only', async () => {
      const rows = await read('email,full_name\na@b.vn\nb@c.vn,B,extra\nc@d.vn,C\n');
      expect(rows).toEqual([
        { line: 2, fault: expect.stringMatching(/has 1 cells; the header has 2/) },
        { line: 3, fault: expect.stringMatching(/has 3 cells/) },
        { line: 4, cells: { email: 'c@d.vn', full_name: 'C' } },
      ]);
    });

    it('stops at broken quoting and names the line', async () => {
      await expect(fileError('email,full_name\na@b.vn,A\nb@c.vn,"B"x\n')).resolves.toMatchObject({
        code: 'CSV_MALFORMED',
        line: 3,
      });
      const unclosed = await fileError('email,full_name\na@b.vn,"never closed\n');
      expect(unclosed.code).toBe('CSV_MALFORMED');
      expect(unclosed.message).toMatch(/never closed/);
      await expect(fileError('email,full_name\na@b.vn,Nguyễn "Ba"\n')).resolves.toMatchObject({
        code: 'CSV_MALFORMED',
        line: 2,
      });
    });

    it('reads a large file in chunks', async () => {
      const lines = Array.from({ length: 30_000 }, (_, i) => `p${i}@demo.vn,Người số ${i} với tên dài dài dài`);
      const rows = await read(`email,full_name\n${lines.join('\n')}\n`);
      expect(rows).toHaveLength(30_000);
      expect(rows[29_999]).toEqual({
        line: 30_001,
        cells: { email: 'p29999@demo.vn', full_name: 'Người số 29999 với tên dài dài dài' },
      });
    });
  });
});
