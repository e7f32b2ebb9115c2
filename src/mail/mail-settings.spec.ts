import { loadConfig } from '../../config/app-config';
import { mailbox } from '../calendar/calendar-input';
import { mailSettingProblems } from './mail-settings';

describe(mailSettingProblems.name, () => {
  it('finds nothing to fix in the shipped defaults', () => {
    const config = loadConfig({});
    expect(mailSettingProblems(config.mail)).toEqual([]);
    expect(mailbox(config.mail.organizerAddress, 'organizer.email')).toBe('convene@convene.localhost');
  });

  it('names MAIL_FROM when its address has no usable domain, and the organizer taken from it', () => {
    const problems = mailSettingProblems(loadConfig({ MAIL_FROM: 'Convene <convene@localhost>' }).mail);
    expect(problems).toEqual([
      expect.objectContaining({ variable: 'MAIL_FROM', code: 'MAIL_FROM_UNUSABLE', address: 'convene@localhost' }),
    ]);
    expect(problems[0].detail).toMatch(/^MAIL_FROM is not a usable e-mail address \("convene@localhost"/);
  });

  it('names MAIL_ORGANIZER when it is set and unusable, even with a good sender', () => {
    const config = loadConfig({ MAIL_FROM: 'Sở Nội vụ <snv@quangnam.gov.vn>', MAIL_ORGANIZER: 'rsvp@localhost' });
    expect(mailSettingProblems(config.mail)).toEqual([
      expect.objectContaining({
        variable: 'MAIL_ORGANIZER',
        code: 'MAIL_ORGANIZER_UNUSABLE',
        address: 'rsvp@localhost',
      }),
    ]);
  });

  it('accepts a good sender with a good organizer', () => {
    const config = loadConfig({ MAIL_FROM: 'snv@quangnam.gov.vn', MAIL_ORGANIZER: 'rsvp@quangnam.gov.vn' });
    expect(mailSettingProblems(config.mail)).toEqual([]);
  });
});
