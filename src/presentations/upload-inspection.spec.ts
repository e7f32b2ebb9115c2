import { makeDocx, makeOdt, makePdf, makePng } from '../../test/support/presentations';
import { ProblemException } from '../common/problem';
import { contentDisposition, downloadName, inspectPaper, safeFileName } from './upload-inspection';

const RANGE = { minPages: 4, maxPages: 6 };
const status = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ProblemException) return [error.getStatus(), (error.getResponse() as { code: string }).code];
    throw error;
  }
  return 'accepted';
};

describe('inspectPaper', () => {
  it('reads format, size, checksum and pages of a PDF within the range, without warnings', async () => {
    const pdf = await makePdf(5);
    const paper = await inspectPaper(pdf, 'Tham luận Sở Tư pháp.pdf', RANGE, 1_000_000);
    expect(paper).toMatchObject({
      format: 'pdf',
      contentType: 'application/pdf',
      sizeBytes: pdf.length,
      pageCount: 5,
      fileName: 'Tham luận Sở Tư pháp.pdf',
      warnings: [],
    });
    expect(paper.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('warns when the pages fall outside the range', async () => {
    const paper = await inspectPaper(await makePdf(9), 'a.pdf', RANGE, 1_000_000);
    expect(paper.warnings).toEqual([
      {
        code: 'PAGES_OUTSIDE_RANGE',
        message: { vi: expect.stringContaining('9 trang'), en: expect.stringContaining('4–6') },
      },
    ]);
  });

  it('warns when the pages cannot be counted and a range was asked', async () => {
    const paper = await inspectPaper(makeDocx(), 'a.docx', RANGE, 1_000_000);
    expect(paper.warnings.map((w) => w.code)).toEqual(['PAGE_COUNT_UNKNOWN']);
    expect((await inspectPaper(makeDocx(), 'a.docx', { minPages: null, maxPages: null }, 1_000_000)).warnings).toEqual(
      [],
    );
  });

  it('stores a file whose name lies as what it is, with a warning', async () => {
    const paper = await inspectPaper(makeOdt(5), 'bao-cao.pdf', RANGE, 1_000_000);
    expect(paper.format).toBe('odt');
    expect(paper.warnings.map((w) => w.code)).toEqual(['NAME_DOES_NOT_MATCH_CONTENT']);
  });

  it('refuses a PNG renamed .pdf with 415, an empty file with 422 and a missing one with 422', async () => {
    await expect(status(inspectPaper(makePng(), 'paper.pdf', RANGE, 1_000_000))).resolves.toEqual([
      415,
      'UNSUPPORTED_FILE_TYPE',
    ]);
    await expect(status(inspectPaper(Buffer.alloc(0), 'paper.pdf', RANGE, 1_000_000))).resolves.toEqual([
      422,
      'FILE_EMPTY',
    ]);
    await expect(status(inspectPaper(undefined, undefined, RANGE, 1_000_000))).resolves.toEqual([422, 'FILE_REQUIRED']);
  });

  it('refuses with 415 a file that only mentions %PDF- (an HTML page named paper.pdf) or does not parse as a PDF', async () => {
    const html = Buffer.from('<!-- %PDF-1.4 -->\n<html><body><script>alert(1)</script></body></html>\n');
    await expect(status(inspectPaper(html, 'paper.pdf', RANGE, 1_000_000))).resolves.toEqual([
      415,
      'UNSUPPORTED_FILE_TYPE',
    ]);
    const late = Buffer.concat([Buffer.alloc(2000, 0x20), await makePdf(1)]);
    await expect(status(inspectPaper(late, 'paper.pdf', RANGE, 1_000_000))).resolves.toEqual([
      415,
      'UNSUPPORTED_FILE_TYPE',
    ]);
    const damaged = Buffer.from('%PDF-1.7\nnot really a pdf\n%%EOF\n');
    await expect(status(inspectPaper(damaged, 'paper.pdf', RANGE, 1_000_000))).resolves.toEqual([
      415,
      'UNSUPPORTED_FILE_TYPE',
    ]);
  });

  it('takes a real PDF with a little junk before its header', async () => {
    const pdf = Buffer.concat([Buffer.from('\r\n  '), await makePdf(2)]);
    await expect(inspectPaper(pdf, 'paper.pdf', RANGE, 1_000_000)).resolves.toMatchObject({
      format: 'pdf',
      pageCount: 2,
    });
  });

  it('refuses a file over the limit with 413', async () => {
    await expect(status(inspectPaper(await makePdf(1), 'a.pdf', RANGE, 100))).resolves.toEqual([
      413,
      'PAYLOAD_TOO_LARGE',
    ]);
  });
});

describe('file names', () => {
  it('keeps the base name only, without control characters', () => {
    expect(safeFileName('C:\\Users\\an\\Báo cáo.pdf')).toBe('Báo cáo.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('a\r\nb.pdf')).toBe('a b.pdf');
    expect(safeFileName('...')).toBe('paper');
    expect(safeFileName(undefined)).toBe('paper');
  });

  it('gives downloads the extension of the content', () => {
    expect(downloadName('bao-cao.pdf', 'odt')).toBe('bao-cao.odt');
    expect(downloadName('Tham luận', 'pdf')).toBe('Tham luận.pdf');
  });

  it('writes Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Tham luận "Sở Tư pháp".pdf')).toBe(
      `attachment; filename="Tham luan _So Tu phap_.pdf"; filename*=UTF-8''Tham%20lu%E1%BA%ADn%20%22S%E1%BB%9F%20T%C6%B0%20ph%C3%A1p%22.pdf`,
    );
  });
});
