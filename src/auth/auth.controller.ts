import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '../common/uuid-param.pipe';
import { Page, PageQuery, pageOfAll } from '../common/pagination';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { CurrentUser, Public, Roles } from '../identity/identity.decorators';
import {
  AccessTokenResponse,
  ApiTokenResponse,
  CreateApiTokenDto,
  LoginDto,
  toApiTokenResponse,
  toUserResponse,
  UserResponse,
} from './auth.dto';
import { AuthService } from './auth.service';
import type { UserPrincipal } from '../identity/principal';
import { UsersService } from './users.service';
import { SendsETag } from '../common/etag';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @RateLimited('login')
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange e-mail and password for a short-lived bearer token.' })
  login(@Body() dto: LoginDto): Promise<AccessTokenResponse> {
    return this.auth.login(dto);
  }

  @Get('me')
  @ApiBearerAuth()
  @SendsETag()
  async me(@CurrentUser() user: UserPrincipal): Promise<UserResponse> {
    return toUserResponse(await this.users.get(user.userId));
  }

  // Observers change nothing of the conferences, but their own tokens are theirs to manage.
  @Post('tokens')
  @Roles('admin', 'organizer', 'observer')
  @RateLimited('tokens')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Create a long-lived API token; the token is shown only in this answer.' })
  async createToken(
    @CurrentUser() user: UserPrincipal,
    @Body() dto: CreateApiTokenDto,
  ): Promise<ApiTokenResponse & { token: string }> {
    const { token, apiToken } = await this.auth.createApiToken(user.userId, dto);
    return { ...toApiTokenResponse(apiToken), token };
  }

  @Get('tokens')
  @ApiBearerAuth()
  async listTokens(@CurrentUser() user: UserPrincipal, @Query() query: PageQuery): Promise<Page<ApiTokenResponse>> {
    return pageOfAll(await this.auth.listApiTokens(user.userId), query, toApiTokenResponse);
  }

  @Delete('tokens/:id')
  @Roles('admin', 'organizer', 'observer')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke one of your API tokens.' })
  async revokeToken(
    @CurrentUser() user: UserPrincipal,
    @Param('id', new UuidParam('API token')) id: string,
  ): Promise<ApiTokenResponse> {
    return toApiTokenResponse(await this.auth.revokeApiToken(user.userId, id));
  }
}
