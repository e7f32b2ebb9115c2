import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { CaughtMessage } from './caught-message.entity';
import { CaughtMessagesController } from './caught-messages.controller';
import { CaughtMessagesService } from './caught-messages.service';
import { MailCatcherService } from './mail-catcher.service';
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
export class MailModule implements OnApplicationShutdown {
  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly catcher: MailCatcherService,
  ) {}

  /** The transport first: its pooled connections are what the catcher would wait for. */
  async onApplicationShutdown(): Promise<void> {
    this.transport.close();
    await this.catcher.stop();
  }
}
