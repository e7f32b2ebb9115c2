import { Body, Controller, Get, Header, Param, Post, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { renderAnswerPage } from './answer-page.html';
import { AnswersService } from './answers.service';
import { AnswerDto, PageLanguageQuery } from './invitations.dto';

/**
 * The delegate's answer page (`/invitations/answer/<token>`): no account, no JavaScript. The link
 * opens this one invitation; an unknown, revoked or expired link is 404.
 */
@ApiExcludeController()
@Public()
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

  @Post()
  @RateLimited('links')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'private, no-store')
  @Header('Referrer-Policy', 'no-referrer')
  async answer(@Param('token') token: string, @Body() dto: AnswerDto): Promise<string> {
    return renderAnswerPage(await this.answers.answer(token, dto));
  }
}
