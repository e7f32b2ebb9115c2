import fc from 'fast-check';
import { describeCalendar, expectInvitation, expectValidCalendar } from '../../test/support/calendar-checks';
import { ANSWER_URL, CONFERENCE, DELEGATE, ORGANIZER, REMOTE_SITE } from '../../test/support/calendar-fixtures';
import { multiLineText, oneLineText } from './calendar-input';
import { DEFAULT_ALARM_MINUTES, personalizeInvitation, prepareInvitation } from './invitation';

const SENT_AT = new Date('2023-02-20T03:00:00Z');
const refusal = (field: string, rule: string) => expect.objectContaining({ name: 'CalendarInputError', field, rule });

describe(prepareInvitation.name, () => {
  it('keeps the invariant part and the event identity for reuse', () => {
    const prepared = prepareInvitation({ ...CONFERENCE, sequence: 2 }, 'REQUEST');
    expect(prepared).toMatchObject({
      method: 'REQUEST',
      uid: CONFERENCE.uid,
      sequence: 2,
      organizerEmail: ORGANIZER.email,
    });
    expect(prepared.head.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(prepared.tail.endsWith('END:VEVENT\r\nEND:VCALENDAR\r\n')).toBe(true);
  });

  it('writes a recipient’s own organizer address (a reply tag) in ORGANIZER, the same CN, and the mailbox otherwise', () => {
    const prepared = prepareInvitation(CONFERENCE, 'REQUEST');
    const tagged = ORGANIZER.email.replace('@', '+0123456789abcdef01234567@');
    const own = personalizeInvitation(prepared, { attendee: DELEGATE, dtstamp: SENT_AT, organizerEmail: tagged });
    expect(describeCalendar(own).events[0].organizer).toEqual({ email: tagged, cn: ORGANIZER.name });
    expectInvitation(own, { method: 'REQUEST', attendee: DELEGATE.email });
    expect(own.match(/^ORGANIZER/gm)).toHaveLength(1);
    const plain = personalizeInvitation(prepared, { attendee: DELEGATE, dtstamp: SENT_AT });
    expect(describeCalendar(plain).events[0].organizer?.email).toBe(ORGANIZER.email);
    expect(() =>
      personalizeInvitation(prepared, {
        attendee: { name: 'VP', email: tagged },
        dtstamp: SENT_AT,
        organizerEmail: tagged,
      }),
    ).toThrow(refusal('attendee.email', 'notOrganizer'));
    expect(() =>
      personalizeInvitation(prepared, { attendee: DELEGATE, dtstamp: SENT_AT, organizerEmail: 'a\r\nb@x.vn' }),
    ).toThrow(refusal('organizerEmail', 'isEmail'));
  });

  it('adds a default alarm when the event names none', () => {
    const text = personalizeInvitation(prepareInvitation({ ...CONFERENCE, alarms: undefined }, 'REQUEST'), {
      attendee: DELEGATE,
      dtstamp: SENT_AT,
    });
    expect(describeCalendar(text).events[0].alarms).toEqual([
      { action: 'DISPLAY', trigger: `-PT${DEFAULT_ALARM_MINUTES}M`, description: CONFERENCE.summary },
    ]);
  });

  it('refuses a REQUEST without alarms, a cancelled REQUEST and a CANCEL at sequence 0', () => {
    expect(() => prepareInvitation({ ...CONFERENCE, alarms: [] }, 'REQUEST')).toThrow(refusal('alarms', 'isNotEmpty'));
    expect(() => prepareInvitation({ ...CONFERENCE, status: 'CANCELLED' }, 'REQUEST')).toThrow(
      refusal('status', 'cancelWithCancel'),
    );
    expect(() => prepareInvitation({ ...CONFERENCE, sequence: 0 }, 'CANCEL')).toThrow(
      refusal('sequence', 'isSequence'),
    );
  });

  it('refuses other methods, a missing organizer and a no-reply organizer', () => {
    expect(() => prepareInvitation(CONFERENCE, 'PUBLISH' as never)).toThrow(refusal('method', 'isIn'));
    expect(() => prepareInvitation({ ...CONFERENCE, organizer: undefined as never }, 'REQUEST')).toThrow(
      refusal('organizer', 'isDefined'),
    );
    expect(() =>
      prepareInvitation({ ...CONFERENCE, organizer: { name: 'Convene', email: 'no-reply@convene.test' } }, 'REQUEST'),
    ).toThrow(refusal('organizer.email', 'isReadMailbox'));
  });

  it('does not depend on the time it runs: the same input gives the same text', () => {
    const a = personalizeInvitation(prepareInvitation(CONFERENCE, 'REQUEST'), { attendee: DELEGATE, dtstamp: SENT_AT });
    const b = personalizeInvitation(prepareInvitation(CONFERENCE, 'REQUEST'), { attendee: DELEGATE, dtstamp: SENT_AT });
    expect(a).toBe(b);
  });
});

describe(personalizeInvitation.name, () => {
  const prepared = prepareInvitation(CONFERENCE, 'REQUEST');

  it('makes the recipient the one ATTENDEE, with their name, RSVP=TRUE and NEEDS-ACTION', () => {
    const event = expectInvitation(personalizeInvitation(prepared, { attendee: DELEGATE, dtstamp: SENT_AT }), {
      method: 'REQUEST',
      attendee: DELEGATE.email,
    });
    expect(event.attendees).toEqual([
      { email: DELEGATE.email, cn: DELEGATE.name, rsvp: 'TRUE', partstat: 'NEEDS-ACTION' },
    ]);
  });

  it("writes the recipient's own site, description and answer link instead of the event's", () => {
    const text = personalizeInvitation(prepared, {
      attendee: DELEGATE,
      location: REMOTE_SITE,
      description: 'Trả lời tại đường dẫn bên dưới.',
      url: ANSWER_URL,
      dtstamp: SENT_AT,
    });
    const event = expectInvitation(text, { method: 'REQUEST', attendee: DELEGATE.email });
    expect(event).toMatchObject({
      location: REMOTE_SITE,
      description: 'Trả lời tại đường dẫn bên dưới.',
      url: ANSWER_URL,
    });
    expect(text.match(/^LOCATION/gm)).toHaveLength(1);
  });

  it("falls back to the event's location and description", () => {
    const event = describeCalendar(personalizeInvitation(prepared, { attendee: DELEGATE, dtstamp: SENT_AT })).events[0];
    expect(event).toMatchObject({ location: CONFERENCE.location, description: CONFERENCE.description, url: null });
  });

  it('writes DTSTAMP as the sending time in UTC', () => {
    const event = describeCalendar(
      personalizeInvitation(prepared, { attendee: DELEGATE, dtstamp: new Date('2023-02-20T10:15:30+07:00') }),
    ).events[0];
    expect(event.dtstamp?.toISOString()).toBe('2023-02-20T03:15:30.000Z');
  });

  it('carries a given PARTSTAT, and RSVP only when asked', () => {
    const text = personalizeInvitation(prepared, {
      attendee: { ...DELEGATE, partstat: 'ACCEPTED', rsvp: false },
      dtstamp: SENT_AT,
    });
    expect(describeCalendar(text).events[0].attendees[0]).toMatchObject({ partstat: 'ACCEPTED', rsvp: null });
    expectValidCalendar(
      personalizeInvitation(prepared, { attendee: { ...DELEGATE, partstat: 'ACCEPTED' }, dtstamp: SENT_AT }),
      { method: 'REQUEST', partstat: 'ACCEPTED' },
    );
  });

  it.each([
    [
      'a recipient who is the organizer',
      { attendee: { name: 'VP', email: ORGANIZER.email.toUpperCase() }, dtstamp: SENT_AT },
      'attendee.email',
      'notOrganizer',
    ],
    [
      'a recipient without a name',
      { attendee: { name: '', email: DELEGATE.email }, dtstamp: SENT_AT },
      'attendee.name',
      'isNotEmpty',
    ],
    [
      'a bad recipient address',
      { attendee: { name: 'A', email: 'a@b.vn\r\nX' }, dtstamp: SENT_AT },
      'attendee.email',
      'isEmail',
    ],
    [
      'an unknown PARTSTAT',
      { attendee: { ...DELEGATE, partstat: 'MAYBE' }, dtstamp: SENT_AT },
      'attendee.partstat',
      'isIn',
    ],
    ['a missing DTSTAMP', { attendee: DELEGATE }, 'dtstamp', 'isDate'],
    ['a link that is not http(s)', { attendee: DELEGATE, url: 'ftp://x.vn/a', dtstamp: SENT_AT }, 'url', 'isUrl'],
  ])('refuses %s', (_what, personal, field, rule) => {
    expect(() => personalizeInvitation(prepared, personal as never)).toThrow(refusal(field, rule));
  });
});

describe('Vietnamese text through an invitation and back (ical.js)', () => {
  const tricky = {
    summary: 'Tọa đàm "Chỉ số PAR INDEX; SIPAS, PAPI" — Cụm 1 \\ năm 2023',
    location: 'Hội trường UBND huyện Phong Điền; tầng 2, phòng 201',
    description: "Dòng 1: Khai mạc, phát biểu.\nDòng 2; giải lao 15' \\ hết",
  };

  it('keeps summary, location and description intact across escaping and folding', () => {
    const text = personalizeInvitation(prepareInvitation({ ...CONFERENCE, ...tricky }, 'REQUEST'), {
      attendee: DELEGATE,
      dtstamp: SENT_AT,
    });
    expect(expectInvitation(text, { method: 'REQUEST' })).toMatchObject(tricky);
  });

  it('normalises decomposed input to NFC', () => {
    const decomposed = { summary: tricky.summary.normalize('NFD'), location: tricky.location.normalize('NFD') };
    const attendee = { name: 'Nguyễn Thị Ánh Tuyết'.normalize('NFD'), email: DELEGATE.email };
    const text = personalizeInvitation(prepareInvitation({ ...CONFERENCE, ...decomposed }, 'REQUEST'), {
      attendee,
      dtstamp: SENT_AT,
    });
    const event = describeCalendar(text).events[0];
    expect(event.summary).toBe(tricky.summary.normalize('NFC'));
    expect(event.location).toBe(tricky.location.normalize('NFC'));
    expect(event.attendees[0].cn).toBe('Nguyễn Thị Ánh Tuyết'.normalize('NFC'));
    expect(text.normalize('NFC')).toBe(text);
  });

  it('keeps a CN with diacritics and turns its double quotes into apostrophes', () => {
    const attendee = { name: 'Hiệu trưởng Trường THPT "Nguyễn Dục"', email: 'ht@nguyenduc.convene.test' };
    const text = personalizeInvitation(
      prepareInvitation({ ...CONFERENCE, organizer: { name: 'Sở "Nội vụ"', email: ORGANIZER.email } }, 'REQUEST'),
      {
        attendee,
        dtstamp: SENT_AT,
      },
    );
    const event = expectInvitation(text, { method: 'REQUEST', attendee: attendee.email });
    expect(event.attendees[0].cn).toBe("Hiệu trưởng Trường THPT 'Nguyễn Dục'");
    expect(event.organizer?.cn).toBe("Sở 'Nội vụ'");
  });

  it('round-trips an escape that a fold splits between the backslash and the escaped character', () => {
    const summary = `${'x'.repeat(66)},ộ;y`; // "SUMMARY:" + 66 octets puts the backslash at octet 75
    const text = personalizeInvitation(prepareInvitation({ ...CONFERENCE, summary }, 'REQUEST'), {
      attendee: DELEGATE,
      dtstamp: SENT_AT,
    });
    expect(text).toContain(`SUMMARY:${'x'.repeat(66)}\\\r\n ,ộ\\;y\r\n`);
    expect(expectInvitation(text, { method: 'REQUEST' }).summary).toBe(summary);
  });

  it('keeps emoji and rare characters whole', () => {
    const summary = `${'Hội nghị '.repeat(6)}🎉 chào mừng 𠀀`;
    const text = personalizeInvitation(prepareInvitation({ ...CONFERENCE, summary }, 'REQUEST'), {
      attendee: DELEGATE,
      dtstamp: SENT_AT,
    });
    expect(expectInvitation(text, { method: 'REQUEST' }).summary).toBe(summary);
  });

  it('keeps the categories apart even when one holds a comma', () => {
    const text = personalizeInvitation(prepareInvitation(CONFERENCE, 'REQUEST'), {
      attendee: DELEGATE,
      dtstamp: SENT_AT,
    });
    expect(describeCalendar(text).events[0].categories).toEqual(CONFERENCE.categories);
  });

  it('round-trips any text through escaping, folding and ical.js', () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 160 });
    fc.assert(
      fc.property(text, text, text, (summary, description, name) => {
        fc.pre(oneLineText(summary, 's') !== '' && oneLineText(name, 'n') !== '');
        const calendar = personalizeInvitation(prepareInvitation({ ...CONFERENCE, summary, description }, 'REQUEST'), {
          attendee: { name, email: DELEGATE.email },
          dtstamp: SENT_AT,
        });
        const event = expectInvitation(calendar, { method: 'REQUEST' });
        expect(event.summary).toBe(oneLineText(summary, 's'));
        expect(event.description).toBe(multiLineText(description, 'd') || null);
        expect(event.attendees[0].cn).toBe(oneLineText(name, 'n').replace(/"/g, "'"));
      }),
      { numRuns: 200 },
    );
  });
});
