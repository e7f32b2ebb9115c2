import { makeDoc, makeDocx, makeOds, makeOdt, makePdf, makePng, makeZip } from '../../test/support/presentations';
import { countPages } from './page-count';
import { sniffPaper } from './file-sniff';
import { zipEntries } from './zip-reader';

describe('sniffPaper', () => {
  it('recognises a PDF by its header', async () => {
    expect(sniffPaper(await makePdf(1))).toEqual({ format: 'pdf', contentType: 'application/pdf' });
  });

  it('recognises a PDF with a little junk before its header', () => {
    expect(sniffPaper(Buffer.concat([Buffer.from('\r\n  '), Buffer.from('%PDF-1.4\n%%EOF')])).format).toBe('pdf');
  });

  it('recognises a DOCX by word/document.xml in its ZIP directory', () => {
    expect(sniffPaper(makeDocx())).toMatchObject({
      format: 'docx',
      contentType: expect.stringContaining('wordprocessingml'),
    });
  });

  it('recognises an ODT by its mimetype entry', () => {
    expect(sniffPaper(makeOdt())).toEqual({ format: 'odt', contentType: 'application/vnd.oasis.opendocument.text' });
  });

  it('recognises a DOC by the OLE signature', () => {
    expect(sniffPaper(makeDoc())).toEqual({ format: 'doc', contentType: 'application/msword' });
  });

  it('refuses a PNG, naming what it looks like', () => {
    expect(sniffPaper(makePng())).toEqual({ format: null, looksLike: 'PNG image' });
  });

  it('refuses an ODS spreadsheet and an arbitrary ZIP', () => {
    expect(sniffPaper(makeOds())).toEqual({ format: null, looksLike: 'ZIP archive' });
    expect(sniffPaper(makeZip([{ name: 'a.txt', content: 'hello' }]))).toEqual({
      format: null,
      looksLike: 'ZIP archive',
    });
  });

  it('refuses text, empty data and a truncated ZIP without throwing', () => {
    expect(sniffPaper(Buffer.from('Báo cáo tham luận'))).toEqual({
      format: null,
      looksLike: 'an unknown kind of file',
    });
    expect(sniffPaper(Buffer.alloc(0))).toEqual({ format: null, looksLike: 'an empty file' });
    const docx = makeDocx();
    expect(sniffPaper(docx.subarray(0, docx.length - 30)).format).toBeNull();
  });

  it('survives a ZIP directory whose offsets point outside the data', () => {
    const zip = makeDocx();
    const broken = Buffer.from(zip);
    broken.writeUInt32LE(0xffffff, broken.length - 6);
    expect(zipEntries(broken)).toBeNull();
    expect(sniffPaper(broken).format).toBeNull();
  });
});

describe('countPages', () => {
  it('counts the pages of a PDF', async () => {
    await expect(countPages('pdf', await makePdf(5))).resolves.toBe(5);
  });

  it('answers null for a damaged PDF', async () => {
    await expect(countPages('pdf', Buffer.from('%PDF-1.7\nnot really a pdf'))).resolves.toBeNull();
  });

  it('reads the page count Word and LibreOffice saved', async () => {
    await expect(countPages('docx', makeDocx(6))).resolves.toBe(6);
    await expect(countPages('odt', makeOdt(3))).resolves.toBe(3);
  });

  it('answers null when the metadata is missing, and for DOC', async () => {
    await expect(countPages('docx', makeDocx())).resolves.toBeNull();
    await expect(countPages('odt', makeOdt())).resolves.toBeNull();
    await expect(countPages('doc', makeDoc())).resolves.toBeNull();
  });
});
