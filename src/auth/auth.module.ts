import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { describeConstraint } from '../common/database-errors';
import { ApiToken } from './api-token.entity';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { BrowserSession } from './browser-session.entity';
import { BrowserSessionsController } from './browser-sessions.controller';
import { BrowserSessionsService } from './browser-sessions.service';
import { loadSigningKey, SIGNING_KEY } from './signing-key';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

describeConstraint('uq_app_user_email', { field: 'email', message: 'another user has this e-mail' });

@Module({
  imports: [TypeOrmModule.forFeature([User, ApiToken, BrowserSession]), JwtModule.register({})],
  controllers: [AuthController, UsersController, BrowserSessionsController],
  providers: [
    AuthService,
    UsersService,
    BrowserSessionsService,
    {
      provide: SIGNING_KEY,
      inject: [APP_CONFIG, getDataSourceToken()],
      useFactory: (config: AppConfig, dataSource: DataSource) => loadSigningKey(config, dataSource),
    },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, UsersService],
})
export class AuthModule {}
