import {
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { fieldProblem, ProblemException, unprocessable } from '../common/problem';

/** A national people file (200,000 rows) is about 25 MB; leave room for long titles. */
export const CSV_UPLOAD_MAX_BYTES = 64 * 1024 * 1024;

// Browsers label .csv files inconsistently (Windows: application/vnd.ms-excel).
const CSV_TYPES = new Set([
  'text/csv',
  'application/csv',
  'text/comma-separated-values',
  'text/plain',
  'application/vnd.ms-excel',
  'application/octet-stream',
]);

type UploadRequest = Request & { csvUpload?: Buffer };

const tooLarge = (max = CSV_UPLOAD_MAX_BYTES) =>
  new ProblemException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    'PAYLOAD_TOO_LARGE',
    `The CSV is larger than ${Math.round(max / 1024 / 1024)} MB; split it into several files.`,
  );

function mediaType(req: Request): { type: string; charset: string | null } {
  const header = req.headers['content-type'] ?? '';
  const charset = /;\s*charset="?([^";]+)"?/i.exec(header)?.[1]?.toLowerCase() ?? null;
  return { type: header.split(';')[0].trim().toLowerCase(), charset };
}

/** The raw body, refused as soon as it (or its declared length) passes the limit. */
export async function readBody(
  req: AsyncIterable<Buffer> & { headers: Record<string, unknown> },
  max = CSV_UPLOAD_MAX_BYTES,
): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) throw tooLarge(max);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > max) throw tooLarge(max);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: CSV_UPLOAD_MAX_BYTES, files: 1, fields: 20 },
}).single('file');

function readMultipart(req: Request, res: Response): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    upload(req, res, (error: unknown) => {
      const code = (error as { code?: string } | undefined)?.code;
      if (code === 'LIMIT_FILE_SIZE') return reject(tooLarge());
      if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') {
        return reject(
          unprocessable([
            fieldProblem('file', 'singleFile', 'send exactly one CSV, in the multipart field named "file"'),
          ]),
        );
      }
      if (error)
        return reject(
          new ProblemException(
            HttpStatus.BAD_REQUEST,
            'MALFORMED_MULTIPART',
            `The multipart body cannot be read: ${(error as Error).message}.`,
          ),
        );
      const file = (req as Request & { file?: Express.Multer.File }).file;
      if (!file)
        return reject(
          unprocessable([fieldProblem('file', 'required', 'send the CSV in the multipart field named "file"')]),
        );
      resolve(file.buffer);
    });
  });
}

/**
 * Reads an import upload before the handler runs: a `text/csv` body, or the multipart field `file`.
 * Guards run first, so nobody without the right can make Convene read a large body.
 */
@Injectable()
export class CsvUploadInterceptor implements NestInterceptor {
  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<UploadRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const { type, charset } = mediaType(req);
    if (charset && charset !== 'utf-8' && charset !== 'utf8') {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'CSV_NOT_UTF8',
        `The upload declares the charset ${charset}; send the file as UTF-8 ("CSV UTF-8").`,
      );
    }
    if (type === 'multipart/form-data') req.csvUpload = await readMultipart(req, res);
    else if (CSV_TYPES.has(type)) req.csvUpload = await readBody(req);
    else {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'UNSUPPORTED_MEDIA_TYPE',
        `Send the CSV as the body with Content-Type text/csv, or as multipart/form-data in the field "file" (got ${type || 'no Content-Type'}).`,
      );
    }
    return next.handle();
  }
}

/** The bytes CsvUploadInterceptor read. */
export const CsvUpload = createParamDecorator((_data: unknown, ctx: ExecutionContext): Buffer => {
  const body = ctx.switchToHttp().getRequest<UploadRequest>().csvUpload;
  if (!body) throw new Error('CsvUpload used without CsvUploadInterceptor');
  return body;
});
