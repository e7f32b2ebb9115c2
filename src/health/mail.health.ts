import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { MAIL_TRANSPORT, MailTransport } from '../mail/mail-transport';

/** The mail transport is healthy when its SMTP server greets us and accepts a session. */
@Injectable()
export class MailHealthIndicator {
  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly health: HealthIndicatorService,
  ) {}

  async check(key: string, timeoutMs = 5000) {
    const indicator = this.health.check(key);
    try {
      await Promise.race([
        this.transport.verify(),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
        ),
      ]);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
