import { readZipEntry, zipEntries } from './zip-reader';

/**
 * What a paper file really is, read from its bytes (the name and the declared type are not
 * trusted): PDF (`%PDF-`), DOC (an OLE compound file), DOCX (a ZIP holding `word/document.xml`),
 * ODT (a ZIP whose `mimetype` entry says `application/vnd.oasis.opendocument.text`).
 */
export const PAPER_FORMATS = ['pdf', 'docx', 'odt', 'doc'] as const;
export type PaperFormat = (typeof PAPER_FORMATS)[number];

export const CONTENT_TYPES: Record<PaperFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  doc: 'application/msword',
};

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ODT_MIMETYPE = 'application/vnd.oasis.opendocument.text';
// A PDF may have a little junk before its header; readers look within the first kilobyte.
const PDF_HEADER_WINDOW = 1024;

/** A name for what the bytes look like when they are not a paper, for the refusal message. */
const OTHER_MAGIC: [Buffer, string][] = [
  [Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'PNG image'],
  [Buffer.from([0xff, 0xd8, 0xff]), 'JPEG image'],
  [Buffer.from('GIF8', 'latin1'), 'GIF image'],
  [Buffer.from([0x50, 0x4b, 0x03, 0x04]), 'ZIP archive'],
  [Buffer.from('Rar!', 'latin1'), 'RAR archive'],
  [Buffer.from([0x1f, 0x8b]), 'gzip archive'],
  [Buffer.from('{\\rtf', 'latin1'), 'RTF document'],
];

export type Sniffed = { format: PaperFormat; contentType: string } | { format: null; looksLike: string };

export function sniffPaper(data: Buffer): Sniffed {
  const found = (format: PaperFormat): Sniffed => ({ format, contentType: CONTENT_TYPES[format] });
  if (data.subarray(0, PDF_HEADER_WINDOW).indexOf(PDF_MAGIC) >= 0) return found('pdf');
  if (data.subarray(0, OLE_MAGIC.length).equals(OLE_MAGIC)) return found('doc');
  const entries = zipEntries(data);
  if (entries) {
    if (entries.some((e) => e.name === 'word/document.xml')) return found('docx');
    const mimetype = entries.find((e) => e.name === 'mimetype');
    const declared = mimetype ? readZipEntry(data, mimetype, 200)?.toString('ascii').trim() : undefined;
    if (declared === ODT_MIMETYPE) return found('odt');
  }
  const other = OTHER_MAGIC.find(([magic]) => data.subarray(0, magic.length).equals(magic));
  return {
    format: null,
    looksLike: other ? other[1] : data.length === 0 ? 'an empty file' : 'an unknown kind of file',
  };
}

/** The extension a file of this format should carry, for downloads. */
export const EXTENSIONS: Record<PaperFormat, string> = { pdf: '.pdf', docx: '.docx', odt: '.odt', doc: '.doc' };
