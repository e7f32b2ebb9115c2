import { HttpStatus } from '@nestjs/common';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { fieldProblem, ProblemException, unprocessable } from '../common/problem';
import { singleLine } from '../common/text';
import { EXTENSIONS, PaperFormat, sniffPaper } from './file-sniff';
import { countPages } from './page-count';
import { SubmissionWarning } from './presentation.entity';
import { UPLOAD_REFUSALS, UPLOAD_WARNINGS } from './presentations.messages';

/** What an upload is, read from its bytes, before anything is stored. */
export interface InspectedPaper {
  format: PaperFormat;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  pageCount: number | null;
  /** The name as sent, made safe to store and show (no folders, no control characters). */
  fileName: string;
  warnings: SubmissionWarning[];
}

export interface PageRange {
  minPages: number | null;
  maxPages: number | null;
}

const MAX_NAME = 200;

/** "C:\\Users\\a\\Báo cáo.pdf" → "Báo cáo.pdf"; an empty or dotted name becomes "paper". */
export function safeFileName(name: string | undefined): string {
  const base = path.win32.basename(path.posix.basename(name ?? '')).replace(/[\\/]/g, ' ');
  const clean = singleLine(base).replace(/^\.+/, '').slice(0, MAX_NAME).trim();
  return clean || 'paper';
}

/**
 * Refuses what is not a paper (415 UNSUPPORTED_FILE_TYPE), empty files (422 FILE_EMPTY) and, as a
 * second line behind the upload limit, oversized ones (413); reads size, checksum and pages, and
 * warns about a page count outside the range or a name that lies about the content.
 */
export async function inspectPaper(
  data: Buffer | undefined,
  originalName: string | undefined,
  range: PageRange,
  maxBytes: number,
): Promise<InspectedPaper> {
  if (!data)
    throw unprocessable(
      [fieldProblem('file', 'required', UPLOAD_REFUSALS.missing)],
      UPLOAD_REFUSALS.missing,
      'FILE_REQUIRED',
    );
  if (data.length === 0)
    throw unprocessable([fieldProblem('file', 'notEmpty', UPLOAD_REFUSALS.empty)], UPLOAD_REFUSALS.empty, 'FILE_EMPTY');
  if (data.length > maxBytes) {
    throw new ProblemException(
      HttpStatus.PAYLOAD_TOO_LARGE,
      'PAYLOAD_TOO_LARGE',
      `The file is larger than ${maxBytes} bytes.`,
      { limitBytes: maxBytes },
    );
  }
  const sniffed = sniffPaper(data);
  if (!sniffed.format) {
    throw new ProblemException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'UNSUPPORTED_FILE_TYPE',
      UPLOAD_REFUSALS.unsupported(sniffed.looksLike),
      {
        errors: [fieldProblem('file', 'paperFormat', UPLOAD_REFUSALS.unsupported(sniffed.looksLike))],
        accepted: ['pdf', 'docx', 'doc', 'odt'],
      },
    );
  }
  const fileName = safeFileName(originalName);
  const pageCount = await countPages(sniffed.format, data);
  // A header alone proves nothing (an HTML page may carry `<!-- %PDF-1.4 -->`): a PDF must parse, with pages.
  if (sniffed.format === 'pdf' && (pageCount === null || pageCount < 1)) {
    throw new ProblemException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'UNSUPPORTED_FILE_TYPE',
      UPLOAD_REFUSALS.unreadablePdf,
      {
        errors: [fieldProblem('file', 'paperFormat', UPLOAD_REFUSALS.unreadablePdf)],
        accepted: ['pdf', 'docx', 'doc', 'odt'],
      },
    );
  }
  return {
    format: sniffed.format,
    contentType: sniffed.contentType,
    sizeBytes: data.length,
    sha256: createHash('sha256').update(data).digest('hex'),
    pageCount,
    fileName,
    warnings: warningsFor(sniffed.format, fileName, pageCount, range),
  };
}

function warningsFor(
  format: PaperFormat,
  fileName: string,
  pages: number | null,
  range: PageRange,
): SubmissionWarning[] {
  const warnings: SubmissionWarning[] = [];
  const hasRange = range.minPages !== null || range.maxPages !== null;
  if (hasRange && pages === null)
    warnings.push({ code: 'PAGE_COUNT_UNKNOWN', message: UPLOAD_WARNINGS.pageCountUnknown(format) });
  if (
    hasRange &&
    pages !== null &&
    ((range.minPages !== null && pages < range.minPages) || (range.maxPages !== null && pages > range.maxPages))
  ) {
    warnings.push({
      code: 'PAGES_OUTSIDE_RANGE',
      message: UPLOAD_WARNINGS.pagesOutsideRange(pages, range.minPages, range.maxPages),
    });
  }
  const extension = path.extname(fileName).toLowerCase();
  if (extension && extension !== EXTENSIONS[format])
    warnings.push({ code: 'NAME_DOES_NOT_MATCH_CONTENT', message: UPLOAD_WARNINGS.nameDoesNotMatch(fileName, format) });
  return warnings;
}

/** The name a download carries: the stored name with the extension of what the file really is. */
export function downloadName(fileName: string, format: PaperFormat): string {
  const extension = path.extname(fileName);
  const stem = extension ? fileName.slice(0, -extension.length) : fileName;
  return `${stem || 'paper'}${EXTENSIONS[format]}`;
}

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
export function contentDisposition(name: string): string {
  const fallback = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
