import * as path from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives every variable its default when the environment is empty', () => {
    const config = loadConfig({}, '/srv/convene');
    expect(config.port).toBe(3000);
    expect(config.database.url).toBeUndefined();
    expect(config.database.embeddedDataDir).toBe(path.resolve('/srv/convene', '.data/postgres'));
    expect(config.mail.smtpUrl).toBeUndefined();
    expect(config.mail.organizerAddress).toBe('convene@convene.localhost');
    expect(config.demoData).toBe(true);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.uploadMaxBytes).toBe(20 * 1024 * 1024);
    expect(config.trustProxy).toEqual([]);
  });

  it('reads TRUST_PROXY as a list of addresses and ranges', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 192.168.0.0/16,fd00::/8, ::1,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '192.168.0.0/16',
      'fd00::/8',
      '::1',
      'loopback',
    ]);
  });

  it('turns demo data off by default when an external database is configured', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/convene' }).demoData).toBe(false);
  });

  it.each([
    ['PORT', 'abc', /^Invalid configuration: PORT must be an integer number \(got "abc"\)$/],
    ['PORT', '70000', /^Invalid configuration: PORT must not be greater than 65535 \(got 70000\)$/],
    [
      'DATABASE_URL',
      'mysql://x',
      /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/,
    ],
    ['SMTP_URL', 'http://mail', /^Invalid configuration: SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/],
    ['LOG_LEVEL', 'loud', /^Invalid configuration: LOG_LEVEL must be one of the following values/],
    ['JWT_SECRET', 'short', /^Invalid configuration: JWT_SECRET must be longer than or equal to 32 characters/],
    ['DEMO_DATA', 'maybe', /^Invalid configuration: DEMO_DATA must be a boolean value/],
    ['ADMIN_EMAIL', 'not-an-email', /^Invalid configuration: ADMIN_EMAIL must be an email/],
    ['TRUST_PROXY', 'proxy.local', /^Invalid configuration: TRUST_PROXY must be a comma-separated list of IP/],
    ['TRUST_PROXY', '10.0.0.0/33', /^Invalid configuration: TRUST_PROXY must be a comma-separated list of IP/],
    ['TRUST_PROXY', '10.0.0.1,*', /^Invalid configuration: TRUST_PROXY must be a comma-separated list of IP/],
  ])('refuses %s=%s with one line naming the variable and the rule', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });

  it('reads booleans and numbers written the usual ways', () => {
    const config = loadConfig({
      DEMO_DATA: 'off',
      SCHEDULER_ENABLED: '0',
      PORT: '8080',
      CORS_ORIGINS: 'https://a.gov.vn, https://b.gov.vn',
    });
    expect(config.demoData).toBe(false);
    expect(config.schedulerEnabled).toBe(false);
    expect(config.port).toBe(8080);
    expect(config.corsOrigins).toEqual(['https://a.gov.vn', 'https://b.gov.vn']);
  });

  it('takes the organizer mailbox from MAIL_FROM unless MAIL_ORGANIZER names one', () => {
    expect(loadConfig({ MAIL_FROM: 'Sở Nội vụ <snv@quangnam.gov.vn>' }).mail.organizerAddress).toBe(
      'snv@quangnam.gov.vn',
    );
    expect(loadConfig({ MAIL_ORGANIZER: 'rsvp@quangnam.gov.vn' }).mail.organizerAddress).toBe('rsvp@quangnam.gov.vn');
  });
});
