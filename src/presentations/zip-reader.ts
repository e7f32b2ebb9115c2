import { inflateRawSync } from 'node:zlib';

/**
 * Just enough of the ZIP format to tell a DOCX from an ODT and read one small entry: the end of
 * central directory record, the central directory, and one local file. Every offset is checked
 * against the buffer; anything that does not add up makes the file "not a ZIP" (null), never an
 * exception. Only stored (0) and deflated (8) entries are read, up to `maxEntryBytes`.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const MAX_ENTRIES = 10_000;

function findEndOfCentralDirectory(data: Buffer): number {
  const lowest = Math.max(0, data.length - EOCD_MIN - MAX_COMMENT);
  for (let i = data.length - EOCD_MIN; i >= lowest; i -= 1) {
    if (data.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  return -1;
}

/** The entries of a ZIP archive, or null when the data is not a readable ZIP. */
export function zipEntries(data: Buffer): ZipEntry[] | null {
  if (data.length < EOCD_MIN || data.readUInt32LE(0) !== LOCAL_SIGNATURE) return null;
  const eocd = findEndOfCentralDirectory(data);
  if (eocd < 0) return null;
  const count = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  let offset = data.readUInt32LE(eocd + 16);
  if (count > MAX_ENTRIES || offset + size > eocd) return null;
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    if (offset + 46 > data.length || data.readUInt32LE(offset) !== CENTRAL_SIGNATURE) return null;
    const nameLength = data.readUInt16LE(offset + 28);
    const extraLength = data.readUInt16LE(offset + 30);
    const commentLength = data.readUInt16LE(offset + 32);
    const nameEnd = offset + 46 + nameLength;
    if (nameEnd > data.length) return null;
    entries.push({
      name: data.toString('utf8', offset + 46, nameEnd),
      method: data.readUInt16LE(offset + 10),
      compressedSize: data.readUInt32LE(offset + 20),
      size: data.readUInt32LE(offset + 24),
      localHeaderOffset: data.readUInt32LE(offset + 42),
    });
    offset = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/** The content of one entry, or null when it cannot be read within the limit. */
export function readZipEntry(data: Buffer, entry: ZipEntry, maxEntryBytes = 1 << 20): Buffer | null {
  const at = entry.localHeaderOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== LOCAL_SIGNATURE) return null;
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > data.length || entry.size > maxEntryBytes) return null;
  const raw = data.subarray(start, end);
  try {
    if (entry.method === 0) return Buffer.from(raw);
    if (entry.method === 8) return inflateRawSync(raw, { maxOutputLength: maxEntryBytes });
  } catch {
    return null;
  }
  return null;
}
