import { cleanEvent, httpUrl, mailbox, multiLineText, oneLineText, personName, uidValue } from './calendar-input';
import { CalendarEvent, CalendarInputError } from './calendar.types';

const refusal = (field: string, rule: string) => expect.objectContaining({ name: 'CalendarInputError', field, rule });

describe('calendar input', () => {
  describe(personName.name, () => {
    it('turns a double quote into an apostrophe, since RFC 5545 cannot carry it in a CN', () => {
      expect(personName('Trường THPT "Nguyễn Du"', 'cn')).toBe("Trường THPT 'Nguyễn Du'");
    });

    it('turns control characters and line breaks into single spaces', () => {
      expect(personName('Nguyễn\r\nVăn\tAn\u0007', 'cn')).toBe('Nguyễn Văn An');
    });

    it('normalises decomposed Vietnamese to NFC', () => {
      const decomposed = 'Nguyễn Thị Ánh'.normalize('NFD');
      expect(personName(decomposed, 'cn')).toBe('Nguyễn Thị Ánh'.normalize('NFC'));
    });

    it('refuses a name that is empty once cleaned', () => {
      expect(() => personName(' \r\n ', 'attendee.name')).toThrow(refusal('attendee.name', 'isNotEmpty'));
    });
  });

  describe(mailbox.name, () => {
    it('accepts an ordinary address and trims it', () => {
      expect(mailbox(' chanh.vp@quangnam.gov.vn ', 'email')).toBe('chanh.vp@quangnam.gov.vn');
    });

    it.each(['no-at-sign', 'a@b', 'a b@c.vn', 'a@b.vn\r\nBcc: x@y.vn', '"a"@b.vn', 'a@b.vn;c@d.vn', 'a:b@c.vn'])(
      'refuses %j',
      (email) => {
        expect(() => mailbox(email, 'attendee.email')).toThrow(refusal('attendee.email', 'isEmail'));
      },
    );
  });

  describe(httpUrl.name, () => {
    it('accepts http(s) links and writes non-ASCII paths percent-encoded', () => {
      expect(httpUrl('https://convene.test/tra-loi/cvl_abc', 'url')).toBe('https://convene.test/tra-loi/cvl_abc');
      expect(httpUrl('https://convene.test/hội-nghị', 'url')).toBe('https://convene.test/h%E1%BB%99i-ngh%E1%BB%8B');
    });

    it.each(['javascript:alert(1)', 'convene.test/x', 'https://a b.vn', 'https://convene.test/\r\nX', ''])(
      'refuses %j',
      (url) => {
        expect(() => httpUrl(url, 'url')).toThrow(refusal('url', 'isUrl'));
      },
    );
  });

  describe(uidValue.name, () => {
    it('accepts visible ASCII and refuses separators, spaces and empty values', () => {
      expect(uidValue('conference-5d1c@convene.test')).toBe('conference-5d1c@convene.test');
      for (const bad of ['', 'a b', 'a,b', 'a;b', 'a\\b', 'hội', 'x'.repeat(256)])
        expect(() => uidValue(bad)).toThrow(CalendarInputError);
    });
  });

  describe('text', () => {
    it('keeps line breaks in a description as LF and drops other controls', () => {
      expect(multiLineText('Dòng 1\r\nDòng 2\rDòng 3\u2028Dòng 4\u0000!', 'description')).toBe(
        'Dòng 1\nDòng 2\nDòng 3\nDòng 4 !',
      );
    });

    it('replaces lone surrogates, which cannot be written as UTF-8', () => {
      expect(oneLineText('a\ud800b', 'summary')).toBe('a\ufffdb');
    });

    it('refuses what is not a string', () => {
      expect(() => oneLineText(42, 'summary')).toThrow(refusal('summary', 'isString'));
    });
  });

  describe(cleanEvent.name, () => {
    const event: CalendarEvent = {
      uid: 'c-1@convene.test',
      sequence: 0,
      start: new Date('2023-03-08T00:30:00Z'),
      end: new Date('2023-03-08T04:30:00Z'),
      summary: 'Hội nghị',
    };

    it('normalises every text field and leaves out empty optional ones', () => {
      const clean = cleanEvent({
        ...event,
        summary: 'Hội nghị'.normalize('NFD'),
        location: '  ',
        categories: ['  CCHC '],
      });
      expect(clean.summary).toBe('Hội nghị'.normalize('NFC'));
      expect(clean.location).toBeUndefined();
      expect(clean.categories).toEqual(['CCHC']);
    });

    it.each<[string, Partial<CalendarEvent>, string, string]>([
      ['an end before the start', { end: new Date('2023-03-08T00:00:00Z') }, 'end', 'isAfterStart'],
      ['an end equal to the start', { end: new Date('2023-03-08T00:30:00Z') }, 'end', 'isAfterStart'],
      ['an invalid date', { start: new Date('x') }, 'start', 'isDate'],
      ['a negative sequence', { sequence: -1 }, 'sequence', 'isSequence'],
      ['a fractional sequence', { sequence: 1.5 }, 'sequence', 'isSequence'],
      ['an empty summary', { summary: '\r\n' }, 'summary', 'isNotEmpty'],
      ['an unknown status', { status: 'DONE' as never }, 'status', 'isIn'],
      [
        'a negative alarm',
        { alarms: [{ minutesBefore: -5, description: 'x' }] },
        'alarms[0].minutesBefore',
        'isMinutes',
      ],
      [
        'an alarm without text',
        { alarms: [{ minutesBefore: 5, description: ' ' }] },
        'alarms[0].description',
        'isNotEmpty',
      ],
      ['an empty category', { categories: ['ok', ''] }, 'categories[1]', 'isNotEmpty'],
      ['a bad organizer address', { organizer: { name: 'VP', email: 'vp' } }, 'organizer.email', 'isEmail'],
    ])('refuses %s, naming the field', (_what, change, field, rule) => {
      expect(() => cleanEvent({ ...event, ...change })).toThrow(refusal(field, rule));
    });

    it('gives services a problem+json field entry', () => {
      try {
        cleanEvent({ ...event, summary: '' });
        throw new Error('expected a refusal');
      } catch (error) {
        expect((error as CalendarInputError).problem).toEqual({
          field: 'summary',
          rule: 'isNotEmpty',
          message: 'summary: must not be empty',
        });
      }
    });
  });
});
