import { PDFDocument } from 'pdf-lib';
import type { PaperFormat } from './file-sniff';
import { readZipEntry, zipEntries } from './zip-reader';

/**
 * Pages of a paper where the format says: a PDF is counted page by page (pdf-lib); DOCX and ODT
 * carry the count their editor wrote when saving (`docProps/app.xml` <Pages>, `meta.xml`
 * meta:page-count), which is what Word and LibreOffice showed the author. DOC: unknown (null).
 */
export async function countPages(format: PaperFormat, data: Buffer): Promise<number | null> {
  switch (format) {
    case 'pdf':
      return pdfPages(data);
    case 'docx':
      return metadataNumber(data, 'docProps/app.xml', /<(?:\w+:)?Pages>\s*(\d+)\s*</);
    case 'odt':
      return metadataNumber(data, 'meta.xml', /meta:page-count="(\d+)"/);
    case 'doc':
      return null;
  }
}

async function pdfPages(data: Buffer): Promise<number | null> {
  try {
    const pdf = await PDFDocument.load(data, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: false,
    });
    return pdf.getPageCount();
  } catch {
    return null;
  }
}

function metadataNumber(data: Buffer, entryName: string, pattern: RegExp): number | null {
  const entry = zipEntries(data)?.find((e) => e.name === entryName);
  const xml = entry ? readZipEntry(data, entry)?.toString('utf8') : undefined;
  const match = xml ? pattern.exec(xml) : null;
  const pages = match ? Number(match[1]) : NaN;
  return Number.isInteger(pages) && pages > 0 ? pages : null;
}
