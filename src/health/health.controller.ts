import { Controller, Get, HttpException, Logger } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../identity/identity.decorators';
import { MailHealthIndicator } from './mail.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger('Health');
  /** What the last check found, as one line ("ok", or what is down): logged when it changes, not per probe. */
  private lastState = 'ok';

  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly mail: MailHealthIndicator,
  ) {}

  @Get()
  @Public()
  @HealthCheck()
  @ApiOperation({ summary: 'Database and mail transport status (503 when either is down).' })
  async check() {
    try {
      const result = await this.health.check([
        () => this.database.pingCheck('database', { timeout: 3000 }),
        () => this.mail.check('mail'),
      ]);
      this.record('ok');
      return result;
    } catch (error) {
      if (error instanceof HttpException) this.record(downParts(error.getResponse()));
      throw error;
    }
  }

  private record(state: string): void {
    if (state === this.lastState) return;
    if (state === 'ok') this.logger.warn(`healthy again (was: ${this.lastState})`);
    else this.logger.warn(`unhealthy: ${state}`);
    this.lastState = state;
  }
}

/** "database down (timeout), mail down (connect ECONNREFUSED …)" from Terminus' answer. */
function downParts(body: unknown): string {
  const details = (body as { details?: Record<string, { status?: string; message?: string }> })?.details ?? {};
  const down = Object.entries(details)
    .filter(([, d]) => d.status !== 'up')
    .map(([key, d]) => `${key} down${d.message ? ` (${d.message})` : ''}`);
  return down.length > 0 ? down.join(', ') : 'unavailable';
}
