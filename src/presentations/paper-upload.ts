import {
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { fieldProblem, ProblemException, unprocessable } from '../common/problem';
import { UPLOAD_REFUSALS } from './presentations.messages';
import type { UploadedFile } from './submissions.service';

type UploadRequest = Request & { paperUpload?: UploadedFile; file?: Express.Multer.File };

/**
 * Reads the multipart field `file` into memory before the handler runs, refusing it as soon as it
 * passes UPLOAD_MAX_BYTES (413, nothing kept). Guards run first, so only the speaker's link or an
 * organizer of the conference can make Convene read a body at all.
 */
@Injectable()
export class PaperUploadInterceptor implements NestInterceptor {
  private readonly upload: ReturnType<ReturnType<typeof multer>['single']>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    // One byte over the limit is enough to know the file is too large; multer stops reading there.
    this.upload = multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 10 },
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const req = context.switchToHttp().getRequest<UploadRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'multipart/form-data') {
      throw new ProblemException(
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        'UNSUPPORTED_MEDIA_TYPE',
        `Send the paper as multipart/form-data in the field "file" (got ${type || 'no Content-Type'}).`,
      );
    }
    req.paperUpload = await this.read(req, res);
    return next.handle();
  }

  private read(req: UploadRequest, res: Response): Promise<UploadedFile> {
    return new Promise((resolve, reject) => {
      this.upload(req, res, (error: unknown) => {
        const code = (error as { code?: string } | undefined)?.code;
        if (code === 'LIMIT_FILE_SIZE') {
          // Discard the rest (nothing is kept) so the client finishes sending and reads the 413,
          // instead of a reset connection.
          req.resume();
          return reject(
            new ProblemException(
              HttpStatus.PAYLOAD_TOO_LARGE,
              'PAYLOAD_TOO_LARGE',
              `The file is larger than ${this.config.uploadMaxBytes} bytes.`,
              { limitBytes: this.config.uploadMaxBytes },
            ),
          );
        }
        if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') {
          return reject(
            unprocessable([
              fieldProblem('file', 'singleFile', 'send exactly one file, in the multipart field named "file"'),
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
        if (!req.file)
          return reject(
            unprocessable(
              [fieldProblem('file', 'required', UPLOAD_REFUSALS.missing)],
              UPLOAD_REFUSALS.missing,
              'FILE_REQUIRED',
            ),
          );
        // Browsers send multipart file names as UTF-8; busboy reads them as Latin-1.
        resolve({
          buffer: req.file.buffer,
          originalname: Buffer.from(req.file.originalname, 'latin1').toString('utf8'),
        });
      });
    });
  }
}

/** The file PaperUploadInterceptor read. */
export const PaperUpload = createParamDecorator((_data: unknown, ctx: ExecutionContext): UploadedFile => {
  const file = ctx.switchToHttp().getRequest<UploadRequest>().paperUpload;
  if (!file) throw new Error('PaperUpload used without PaperUploadInterceptor');
  return file;
});
