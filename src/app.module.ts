import { DynamicModule, Module } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '../config/app-config';
import { typeormOptions } from '../config/typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CoreModule } from './core.module';
import { DirectoryModule } from './directory/directory.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { MailModule } from './mail/mail.module';
import { OutboxModule } from './outbox/outbox.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { RemindersModule } from './reminders/reminders.module';
import { SecretLinksModule } from './secret-links/secret-links.module';
import { AgendasModule } from './agendas/agendas.module';
import { BridgePointsModule } from './bridge-points/bridge-points.module';
import { ChecksModule } from './checks/checks.module';
import { ClustersModule } from './clusters/clusters.module';
import { ConferencesModule } from './conferences/conferences.module';
import { ConferenceCopyModule } from './conference-copy/conference-copy.module';
import { DemoModule } from './demo/demo.module';
import { StorageModule } from './storage/storage.module';
import { PlansModule } from './plans/plans.module';
import { PresentationsModule } from './presentations/presentations.module';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DuesModule } from './dues/dues.module';
import { CompositionModule } from './composition/composition.module';
import { InvitationsModule } from './invitations/invitations.module';
import { RepliesModule } from './replies/replies.module';

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** The domain modules, one per line. */
const FEATURE_MODULES = [
  AuthModule,
  RateLimitsModule,
  HealthModule,
  DirectoryModule,
  ConferencesModule,
  ConferenceCopyModule,
  BridgePointsModule,
  ClustersModule,
  AgendasModule,
  ChecksModule,
  OutboxModule,
  StorageModule,
  PlansModule,
  PresentationsModule,
  DeadlinesModule,
  DuesModule,
  CompositionModule,
  InvitationsModule,
  RepliesModule,
  RemindersModule,
  DemoModule,
];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.database.url) throw new Error('AppModule needs a database URL (start the embedded PostgreSQL first)');
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            // Keep the caller's request id when it is sane, so logs can be joined across services.
            genReqId: (req: IncomingMessage) => {
              const given = req.headers['x-request-id'];
              return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            customProps: () => ({ service: 'convene' }),
            serializers: {
              req: (req: { id: string; method: string; url: string }) => ({
                id: req.id,
                method: req.method,
                url: req.url,
              }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' },
          },
        }),
        TypeOrmModule.forRoot({
          ...typeormOptions(config.database.url, config.database.poolSize),
          autoLoadEntities: true,
        }),
        ScheduleModule.forRoot(),
        EventsModule,
        SecretLinksModule,
        AuditModule,
        MailModule,
        ...FEATURE_MODULES,
      ],
    };
  }
}
