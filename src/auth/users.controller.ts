import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import { CurrentActor, Roles } from '../identity/identity.decorators';
import { CreateUserDto, toUserResponse, UpdateUserDto, UserResponse } from './auth.dto';
import type { Actor } from '../identity/principal';
import { UsersService } from './users.service';
import { IfMatch, IfMatchHeader, SendsETag } from '../common/etag';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateUserDto): Promise<UserResponse> {
    return toUserResponse(await this.users.create(actor, dto));
  }

  @Get()
  async list(@Query() query: PageQuery): Promise<Page<UserResponse>> {
    const [items, total] = await this.users.list(query);
    return pageOf(items, total, query, toUserResponse);
  }

  @Get(':id')
  @SendsETag()
  async get(@Param('id', new UuidParam('user')) id: string): Promise<UserResponse> {
    return toUserResponse(await this.users.get(id));
  }

  @Patch(':id')
  @SendsETag()
  async update(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParam('user')) id: string,
    @Body() dto: UpdateUserDto,
    @IfMatchHeader() ifMatch: IfMatch,
  ): Promise<UserResponse> {
    return toUserResponse(await this.users.update(actor, id, dto, ifMatch));
  }
}
