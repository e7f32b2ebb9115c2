import { crc32, deflateRawSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';

/**
 * Paper files for the presentations specs, built byte by byte: real PDFs (pdf-lib), DOCX and ODT
 * archives (a minimal ZIP writer), a DOC (an OLE compound file header), and things that are not
 * papers. Nothing is read from disk.
 */
export interface ZipFile {
  name: string;
  content: string | Buffer;
  /** Store without compression (ODT requires it for `mimetype`). */
  stored?: boolean;
}

export function makeZip(files: ZipFile[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const data = Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8');
    const body = file.stored ? data : deflateRawSync(data);
    const method = file.stored ? 0 : 8;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A PDF of `pages` A4 pages, each with a line of Vietnamese-free text (the standard fonts are Latin-1). */
export async function makePdf(pages: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let i = 0; i < pages; i += 1)
    pdf.addPage([595.28, 841.89]).drawText(`Bao cao tham luan - trang ${i + 1}`, { x: 72, y: 760, size: 12, font });
  return Buffer.from(await pdf.save());
}

export function makeDocx(pages?: number): Buffer {
  const app =
    pages === undefined
      ? []
      : [
          {
            name: 'docProps/app.xml',
            content: `<?xml version="1.0"?><Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Pages>${pages}</Pages><Words>1200</Words></Properties>`,
          },
        ];
  return makeZip([
    {
      name: '[Content_Types].xml',
      content: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    {
      name: 'word/document.xml',
      content:
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo tham luận</w:t></w:r></w:p></w:body></w:document>',
    },
    ...app,
  ]);
}

export function makeOdt(pages?: number): Buffer {
  const meta =
    pages === undefined ? '' : `<meta:document-statistic meta:page-count="${pages}" meta:word-count="1200"/>`;
  return makeZip([
    { name: 'mimetype', content: 'application/vnd.oasis.opendocument.text', stored: true },
    {
      name: 'content.xml',
      content:
        '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
    },
    {
      name: 'meta.xml',
      content: `<?xml version="1.0"?><office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta>${meta}</office:meta></office:document-meta>`,
    },
  ]);
}

/** An OLE compound file header (what Word 97–2003 .doc files start with) and some sectors. */
export function makeDoc(): Buffer {
  const data = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(data, 0);
  data.writeUInt16LE(0x003e, 24);
  data.writeUInt16LE(0x0003, 26);
  data.writeUInt16LE(0xfffe, 28);
  return data;
}

/** A real 1×1 PNG. */
export function makePng(): Buffer {
  return Buffer.from(
    '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
    'hex',
  );
}

/** An ODS spreadsheet: a ZIP with the wrong `mimetype`, which must not pass for an ODT. */
export function makeOds(): Buffer {
  return makeZip([
    { name: 'mimetype', content: 'application/vnd.oasis.opendocument.spreadsheet', stored: true },
    { name: 'content.xml', content: '<x/>' },
  ]);
}
