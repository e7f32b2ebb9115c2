import {
  ArgumentsHost,
  Body,
  Catch,
  Controller,
  ExceptionFilter,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Query,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../identity/identity.decorators';
import { ProblemFilter, wantsPage } from '../common/problem.filter';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { renderAnswerPage, renderAnswerProblem } from './answer-page.html';
import { AnswersService } from './answers.service';
import { AnswerDto, PageLanguageQuery } from './invitations.dto';

const TOKEN = /^\/invitations\/answer\/(cvl_[A-Za-z0-9_-]{1,100})/;

/**
 * A browser (it asks for text/html) gets refusals as a page in its language, with the same status;
 * API clients keep problem+json.
 */
@Catch()
class AnswerPageProblems implements ExceptionFilter {
  private readonly problems = new ProblemFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const problem = this.problems.toProblem(exception);
    if (problem.status >= 500 || res.headersSent || !wantsPage(req)) {
      return this.problems.catch(exception, host);
    }
    const language = req.body?.lang === 'en' || req.query.lang === 'en' ? 'en' : 'vi';
    const token = TOKEN.exec(req.originalUrl)?.[1] ?? null;
    res
      .status(problem.status)
      .type('text/html; charset=utf-8')
      .send(
        renderAnswerProblem(
          language,
          problem,
          token && problem.status !== 404 ? `/invitations/answer/${token}?lang=${language}` : null,
        ),
      );
  }
}

/**
 * The delegate's answer page (`/invitations/answer/<token>`): no account, no JavaScript. The link
 * opens this one invitation; an unknown, revoked or expired link is 404.
 */
@ApiExcludeController()
@Public()
@UseFilters(AnswerPageProblems)
@Controller('invitations/answer/:token')
export class AnswersController {
  constructor(private readonly answers: AnswersService) {}

  @Get()
  @RateLimited('links')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async show(@Param('token') token: string, @Query() query: PageLanguageQuery): Promise<string> {
    return renderAnswerPage(await this.answers.page(token, query.lang));
  }

  /** The form's answer is the page again (200), showing what was recorded. */
  @Post()
  @HttpCode(200)
  @RateLimited('links')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async answer(@Param('token') token: string, @Body() dto: AnswerDto): Promise<string> {
    return renderAnswerPage(await this.answers.answer(token, dto));
  }
}
