import { Global, Inject, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CaughtMessage } from './caught-message.entity';
import { CaughtMessagesController } from './caught-messages.controller';
import { CaughtMessagesService } from './caught-messages.service';
import { MailCatcherService } from './mail-catcher.service';
import { mailSettingProblems } from './mail-settings';
import { createMailTransport, MAIL_TRANSPORT, MailTransport } from './mail-transport';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([CaughtMessage])],
  controllers: [CaughtMessagesController],
  providers: [
    MailCatcherService,
    CaughtMessagesService,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG, MailCatcherService],
      // Without SMTP_URL, mail goes over real SMTP to the built-in catcher.
      useFactory: async (config: AppConfig, catcher: MailCatcherService) =>
        createMailTransport(config, config.mail.smtpUrl ?? (await catcher.start())),
    },
  ],
  exports: [MAIL_TRANSPORT],
})
export class MailModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly catcher: MailCatcherService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A sender or organizer no invitation can carry is said at start, not discovered as skipped mail. */
  onApplicationBootstrap(): void {
    const logger = new Logger('Mail');
    for (const problem of mailSettingProblems(this.config.mail))
      logger.warn({ variable: problem.variable, address: problem.address }, problem.detail);
  }

  /** The transport first: its pooled connections are what the catcher would wait for. */
  async onApplicationShutdown(): Promise<void> {
    this.transport.close();
    await this.catcher.stop();
  }
}
