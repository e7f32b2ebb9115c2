import { Body, Controller, Delete, HttpCode, HttpStatus, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { ProblemException } from '../common/problem';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { CurrentUser, Public, Roles } from '../identity/identity.decorators';
import { LoginDto, PreferencesDto, SessionResponse, toUserResponse, UserResponse } from './auth.dto';
import { BrowserSessionsService, CSRF_COOKIE, SESSION_COOKIE } from './browser-sessions.service';
import type { UserPrincipal } from '../identity/principal';
import { IfMatch, IfMatchHeader, SendsETag } from '../common/etag';

/** Strict same-site cookies; Secure whenever the request came over HTTPS (directly or via the local proxy). */
const cookieOptions = (request: Request, httpOnly: boolean): CookieOptions => ({
  httpOnly,
  sameSite: 'strict',
  secure: request.secure,
  path: '/',
});

/** The console's login: a cookie session instead of a bearer token (which API clients keep using). */
@ApiTags('auth')
@Controller('auth')
export class BrowserSessionsController {
  constructor(private readonly sessions: BrowserSessionsService) {}

  @Public()
  @RateLimited('login')
  @Post('session')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Console login: sets the HttpOnly session cookie and the CSRF cookie to echo in X-CSRF-Token.',
  })
  async login(
    @Body() dto: LoginDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionResponse> {
    const { user, token, csrfToken, expiresAt } = await this.sessions.start(dto);
    response.cookie(SESSION_COOKIE, token, { ...cookieOptions(request, true), expires: expiresAt });
    response.cookie(CSRF_COOKIE, csrfToken, { ...cookieOptions(request, false), expires: expiresAt });
    return { user: toUserResponse(user), expiresAt: expiresAt.toISOString() };
  }

  @Delete('session')
  @Roles('admin', 'organizer', 'observer')
  @HttpCode(204)
  @ApiOperation({ summary: 'Console logout: ends the session at once and clears its cookies.' })
  async logout(
    @CurrentUser() user: UserPrincipal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    if (!user.browserSessionId) {
      throw new ProblemException(
        HttpStatus.BAD_REQUEST,
        'NOT_A_SESSION',
        'Only a console session logs out; a bearer token expires, and API tokens are revoked at DELETE /auth/tokens/:id.',
      );
    }
    await this.sessions.end(user.browserSessionId);
    response.clearCookie(SESSION_COOKIE, cookieOptions(request, true));
    response.clearCookie(CSRF_COOKIE, cookieOptions(request, false));
  }

  @Patch('me')
  @Roles('admin', 'organizer', 'observer')
  @ApiOperation({ summary: 'Your own preferences: the console language (vi or en).' })
  @SendsETag()
  async preferences(
    @CurrentUser() user: UserPrincipal,
    @Body() dto: PreferencesDto,
    @IfMatchHeader() ifMatch: IfMatch,
  ): Promise<UserResponse> {
    return toUserResponse(await this.sessions.setLanguage(user.userId, dto.language, ifMatch));
  }
}
