import {
  ArgumentsHost,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
  UseFilters,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, CurrentPrincipal, Public } from '../identity/identity.decorators';
import type { Actor, LinkPrincipal, Principal } from '../identity/principal';
import { notFound } from '../common/problem';
import { ProblemFilter, wantsPage } from '../common/problem.filter';
import { UuidParam } from '../common/uuid-param.pipe';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { PaperUpload, PaperUploadInterceptor } from './paper-upload';
import { PageLanguage, renderSpeakerProblem } from './speaker-page.html';
import { presentationOf, SpeakerPageService } from './speaker-page.service';
import { SubmissionsService, UploadedFile } from './submissions.service';

const languageOf = (value: unknown): PageLanguage => (value === 'en' ? 'en' : 'vi');
const TOKEN = /^\/speaker\/(cvl_[A-Za-z0-9_-]{1,100})/;

/** The principal SpeakerLinkMiddleware resolved from the path; an unknown or revoked link is a 404 page. */
function speakerOf(principal: Principal | undefined): LinkPrincipal {
  if (principal?.kind !== 'link') throw notFound('speaker link', '');
  return principal;
}

/** Refusals on the speaker's pages are pages too for browsers (same status code as the API), in the reader's language. */
@Catch()
class SpeakerPageProblems implements ExceptionFilter {
  private readonly problems = new ProblemFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const problem = this.problems.toProblem(exception);
    if (problem.status >= 500 || res.headersSent || !wantsPage(req)) return this.problems.catch(exception, host);
    const token = TOKEN.exec(req.originalUrl)?.[1] ?? null;
    res
      .status(problem.status)
      .type('text/html; charset=utf-8')
      .send(renderSpeakerProblem(languageOf(req.query.lang), problem, token));
  }
}

/**
 * The speaker's own page (`/speaker/<token>`), no account and no JavaScript: the assignment, the
 * versions sent, and a plain form upload. The link opens this presentation and nothing else; a
 * unit's link opens the list of the unit's assignments, each at `/speaker/<token>?p=<id>`.
 */
@ApiExcludeController()
@Public()
@UseFilters(SpeakerPageProblems)
@Controller('speaker/:token')
export class SpeakerPageController {
  constructor(
    private readonly page: SpeakerPageService,
    private readonly submissions: SubmissionsService,
  ) {}

  @Get()
  @RateLimited('links')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async show(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('token') token: string,
    @Query('lang') lang: unknown,
    @Query('p') p: unknown,
  ): Promise<string> {
    const speaker = speakerOf(principal);
    return this.page.render(speaker, token, languageOf(lang), presentationOf(speaker, p));
  }

  @Post()
  @HttpCode(200)
  @RateLimited('uploads')
  @UseInterceptors(PaperUploadInterceptor)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async upload(
    @CurrentPrincipal() principal: Principal | undefined,
    @CurrentActor() actor: Actor,
    @Param('token') token: string,
    @Query('lang') lang: unknown,
    @Query('p') p: unknown,
    @PaperUpload() file: UploadedFile,
  ): Promise<string> {
    const speaker = speakerOf(principal);
    // A unit's link uploads to the presentation its page names; without one there is nothing to upload to.
    const id = presentationOf(speaker, p);
    if (id === null) throw notFound('presentation', '');
    const { submission } = await this.submissions.upload(speaker, actor, id, file);
    return this.page.render(speaker, token, languageOf(lang), id, submission.version);
  }

  @Get('files/:submissionId')
  @RateLimited('links')
  async download(
    @CurrentPrincipal() principal: Principal | undefined,
    @Param('submissionId', new UuidParam('submission')) submissionId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const speaker = speakerOf(principal);
    const paper = await this.submissions.download(
      speaker,
      await this.page.presentationOfFile(speaker, submissionId),
      submissionId,
    );
    res.setHeader('Content-Disposition', paper.disposition);
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(paper.data, { type: paper.contentType, length: paper.data.length });
  }
}
