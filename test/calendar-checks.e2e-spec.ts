import { createEvent } from 'ics';
import * as nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import {
  calendarPartsOf,
  calendarProblems,
  calendarResponseProblems,
  describeCalendar,
  feedProblems,
  invitationMessageProblems,
  rawCalendarProblems,
  sendSeriesProblems,
} from './support/calendar-checks';

/**
 * The checks keep the tests honest only if they bite: each is shown here passing a good calendar
 * and failing one broken in exactly one way. The calendars are written by hand, not by
 * src/calendar, so the checks do not lean on the code they check.
 */
const lines = (...l: string[]) => `${l.join('\r\n')}\r\n`;

function request(overrides: { event?: string[]; header?: string[]; alarm?: string[] | null } = {}) {
  const alarm =
    overrides.alarm === null
      ? []
      : ['BEGIN:VALARM', ...(overrides.alarm ?? ['ACTION:DISPLAY', 'DESCRIPTION:Họp', 'TRIGGER:-PT30M']), 'END:VALARM'];
  return lines(
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Test//Test//VI',
    ...(overrides.header ?? ['METHOD:REQUEST']),
    'BEGIN:VEVENT',
    ...(overrides.event ?? [
      'UID:c-1@convene.test',
      'DTSTAMP:20230220T030000Z',
      'DTSTART:20230308T003000Z',
      'DTEND:20230308T043000Z',
      'SUMMARY:Hội nghị trực tuyến',
      'ORGANIZER;CN="Văn phòng":mailto:vp@convene.test',
      'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Ân":mailto:an@convene.test',
    ]),
    ...alarm,
    'END:VEVENT',
    'END:VCALENDAR',
  );
}

const base = () => request().split('\r\n').slice(5, 12);
const replaceIn = (event: string[], name: string, line: string | null) => {
  const out = event.filter((l) => !l.startsWith(name));
  return line === null ? out : [...out, line];
};
const requestWith = (name: string, line: string | null) => request({ event: replaceIn(base(), name, line) });

describe('calendar checks: raw text', () => {
  it('pass a good invitation', () => {
    expect(calendarProblems(request(), { method: 'REQUEST', attendee: 'an@convene.test' })).toEqual([]);
  });

  it('catch raw ics output with Vietnamese text: lines longer than 75 octets (the negative control)', () => {
    const raw = createEvent({
      uid: 'x@convene.test',
      start: Date.UTC(2023, 2, 8, 0, 30),
      end: Date.UTC(2023, 2, 8, 4, 30),
      title: 'Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022 và triển khai nhiệm vụ năm 2023',
    }).value!;
    expect(rawCalendarProblems(raw)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^line \d+ is \d+ octets long \(at most 75\)$/)]),
    );
  });

  it('catch bare LF line ends and a missing final CRLF', () => {
    expect(rawCalendarProblems(request().replace(/\r\n/g, '\n'))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^bare LF/), 'the calendar does not end with CRLF']),
    );
  });

  it('catch a fold inside a multi-octet character', () => {
    const good = Buffer.from(request(), 'utf8');
    const at = good.indexOf(Buffer.from('ộ', 'utf8')) + 1; // between the 1st and 2nd octet of "ộ"
    const broken = Buffer.concat([good.subarray(0, at), Buffer.from('\r\n '), good.subarray(at)]);
    expect(rawCalendarProblems(broken)).toEqual(
      expect.arrayContaining([expect.stringMatching(/not valid UTF-8 on its own/)]),
    );
  });

  it('catch \\" inside a parameter', () => {
    const text = requestWith('ATTENDEE', 'ATTENDEE;RSVP=TRUE;CN="Tư \\"T\\"":mailto:an@convene.test');
    expect(rawCalendarProblems(text)).toEqual([expect.stringMatching(/\\" inside a parameter/)]);
  });

  it.each([
    ['a TZID', 'DTSTART', 'DTSTART;TZID=Asia/Ho_Chi_Minh:20230308T073000', /TZID/],
    ['a floating time', 'DTSTART', 'DTSTART:20230308T073000', /not a UTC time/],
    ['a DATE value', 'DTSTART', 'DTSTART;VALUE=DATE:20230308', /a DATE value/],
    ['a DURATION instead of DTEND', 'DTEND', 'DURATION:PT4H', /DURATION on an event/],
    ['a duration with an empty time part', 'DTEND', 'DURATION:P1DT', /empty time part/],
  ])('catch %s', (_what, name, line, problem) => {
    expect(rawCalendarProblems(requestWith(name, line))).toEqual(
      expect.arrayContaining([expect.stringMatching(problem)]),
    );
  });

  it('catch a VTIMEZONE and an alarm trigger with an empty time part', () => {
    const withZone = request({
      header: ['METHOD:REQUEST', 'BEGIN:VTIMEZONE', 'TZID:Asia/Ho_Chi_Minh', 'END:VTIMEZONE'],
    });
    expect(rawCalendarProblems(withZone)).toEqual(expect.arrayContaining([expect.stringMatching(/VTIMEZONE/)]));
    expect(rawCalendarProblems(request({ alarm: ['ACTION:DISPLAY', 'DESCRIPTION:x', 'TRIGGER:-P1DT'] }))).toEqual([
      expect.stringMatching(/P1DT has an empty time part/),
    ]);
  });

  it('catch what ical.js cannot parse', () => {
    expect(calendarProblems('BEGIN:VCALENDAR\r\nnonsense\r\n')).toEqual(
      expect.arrayContaining([expect.stringMatching(/cannot parse|not a content line/)]),
    );
  });
});

describe('calendar checks: what each METHOD carries', () => {
  it.each([
    ['no ATTENDEE', 'ATTENDEE', null, /exactly one ATTENDEE, found 0/],
    ['no ORGANIZER', 'ORGANIZER', null, /carries ORGANIZER/],
    ['a no-reply ORGANIZER', 'ORGANIZER', 'ORGANIZER;CN="X":mailto:no-reply@convene.test', /no-reply/],
    [
      'RSVP=FALSE',
      'ATTENDEE',
      'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=FALSE;CN="An":mailto:an@convene.test',
      /RSVP=FALSE/,
    ],
    [
      'an ATTENDEE without CN',
      'ATTENDEE',
      'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:an@convene.test',
      /name as CN/,
    ],
    ['no DTEND', 'DTEND', null, /carries DTEND/],
    ['STATUS:CANCELLED', 'STATUS', 'STATUS:CANCELLED', /sent as CANCEL/],
    [
      'the organizer as attendee',
      'ATTENDEE',
      'ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="VP":mailto:vp@convene.test',
      /also the ATTENDEE/,
    ],
  ])('catch a REQUEST with %s', (_what, name, line, problem) => {
    expect(calendarProblems(requestWith(name, line), { method: 'REQUEST' })).toEqual(
      expect.arrayContaining([expect.stringMatching(problem)]),
    );
  });

  it('catch a REQUEST without an alarm, to someone else, or with another METHOD than expected', () => {
    expect(calendarProblems(request({ alarm: null }), { method: 'REQUEST' })).toEqual(['a REQUEST carries a VALARM']);
    expect(calendarProblems(request(), { method: 'REQUEST', attendee: 'binh@convene.test' })).toEqual([
      expect.stringMatching(/binh@convene.test is not the ATTENDEE/),
    ]);
    expect(calendarProblems(request(), { method: 'CANCEL' })).toEqual(
      expect.arrayContaining(['METHOD is REQUEST, expected CANCEL']),
    );
  });

  it('catch a CANCEL with an alarm, without STATUS:CANCELLED and at SEQUENCE 0', () => {
    const text = request({ header: ['METHOD:CANCEL'] });
    expect(calendarProblems(text, { method: 'CANCEL' })).toEqual([
      'a CANCEL carries STATUS:CANCELLED (found null)',
      'a CANCEL carries a SEQUENCE above the last one sent (at least 1)',
      'a CANCEL carries no VALARM',
    ]);
    const good = request({
      header: ['METHOD:CANCEL'],
      alarm: null,
      event: [...base(), 'STATUS:CANCELLED', 'SEQUENCE:1'],
    });
    expect(calendarProblems(good, { method: 'CANCEL' })).toEqual([]);
  });

  it('catch a published calendar with an ATTENDEE, and a feed without a name or with shared UIDs', () => {
    const published = request({ header: ['METHOD:PUBLISH'] });
    expect(calendarProblems(published, { method: 'PUBLISH' })).toEqual([
      expect.stringMatching(/published calendar carries no ATTENDEE/),
    ]);
    const feed = request({
      header: ['METHOD:PUBLISH', 'X-WR-CALNAME:Lịch'],
      event: replaceIn(base(), 'ATTENDEE', null),
    });
    expect(feedProblems(feed, { name: 'Lịch' })).toEqual([]);
    expect(feedProblems(feed.replace('X-WR-CALNAME:Lịch\r\n', ''))).toEqual(['a feed carries X-WR-CALNAME']);
    const twice = feed.replace(
      'END:VCALENDAR',
      feed.slice(feed.indexOf('BEGIN:VEVENT'), feed.indexOf('END:VCALENDAR')) + 'END:VCALENDAR',
    );
    expect(describeCalendar(twice).events).toHaveLength(2);
    expect(feedProblems(twice)).toEqual(['two events share a UID']);
  });
});

describe('calendar checks: several sends of one event', () => {
  const send = (uid: string, sequence: number, dtstamp: string) =>
    requestWith('UID', `UID:${uid}`).replace('DTSTAMP:20230220T030000Z', `DTSTAMP:${dtstamp}\r\nSEQUENCE:${sequence}`);

  it('pass a rising series and catch a new UID, a SEQUENCE that does not rise and a DTSTAMP that does not move', () => {
    expect(sendSeriesProblems([send('a', 0, '20230220T030000Z'), send('a', 1, '20230220T040000Z')])).toEqual([]);
    expect(sendSeriesProblems([send('a', 0, '20230220T030000Z'), send('b', 1, '20230220T040000Z')])).toEqual([
      expect.stringMatching(/UID b/),
    ]);
    expect(sendSeriesProblems([send('a', 1, '20230220T030000Z'), send('a', 1, '20230220T040000Z')])).toEqual([
      expect.stringMatching(/SEQUENCE 1 after 1/),
    ]);
    expect(
      sendSeriesProblems([send('a', 1, '20230220T030000Z'), send('a', 1, '20230220T040000Z')], {
        sequence: 'nonDecreasing',
      }),
    ).toEqual([]);
    expect(sendSeriesProblems([send('a', 0, '20230220T030000Z'), send('a', 1, '20230220T030000Z')])).toEqual([
      expect.stringMatching(/DTSTAMP .* not after/),
    ]);
  });
});

describe('calendar checks: the message', () => {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const compose = async (options: SendMailOptions) =>
    (
      await transport.sendMail({
        from: 'vp@convene.test',
        to: 'an@convene.test',
        subject: 'Giấy mời',
        text: 'Kính mời',
        html: '<p>Kính mời</p>',
        ...options,
      })
    ).message as Buffer;
  const good = { icalEvent: { method: 'REQUEST', filename: 'invite.ics', content: request() } };

  it('pass the shape calendar.md describes', async () => {
    expect(invitationMessageProblems(await compose(good), { recipient: 'an@convene.test' }).problems).toEqual([]);
  });

  it('catch a method= that disagrees with the body, and a PUBLISH', async () => {
    const raw = await compose({ icalEvent: { ...good.icalEvent, method: 'PUBLISH' } });
    expect(invitationMessageProblems(raw).problems).toEqual(
      expect.arrayContaining([
        'the part says method=PUBLISH but the calendar says METHOD:REQUEST',
        'an invitation is REQUEST or CANCEL, not PUBLISH',
      ]),
    );
  });

  it('catch a missing HTML part, a second attachment of the calendar and a message without a calendar', async () => {
    expect(invitationMessageProblems(await compose({ ...good, html: undefined })).problems).toEqual([
      'multipart/alternative holds text/plain, text/calendar, expected text/plain, text/html, text/calendar',
    ]);
    const twice = await compose({
      ...good,
      attachments: [{ filename: 'invite.ics', content: request(), contentType: 'application/ics' }],
    });
    expect(invitationMessageProblems(twice).problems).toEqual(['expected one application/ics attachment, found 2']);
    const none = await compose({});
    expect(invitationMessageProblems(none).problems).toEqual(expect.arrayContaining(['no text/calendar part']));
    expect(calendarPartsOf(none)).toEqual([]);
  });

  it('catch a broken calendar inside the message', async () => {
    const broken = await compose({ icalEvent: { ...good.icalEvent, content: request({ alarm: null }) } });
    expect(invitationMessageProblems(broken).problems).toEqual(['calendar: a REQUEST carries a VALARM']);
  });

  it('catch an attached invite.ics that differs from the calendar part', async () => {
    const raw = await compose({
      alternatives: [{ contentType: 'text/calendar; charset=utf-8; method=REQUEST', content: request() }],
      attachments: [{ filename: 'invite.ics', contentType: 'application/ics', content: request({ alarm: null }) }],
    });
    expect(invitationMessageProblems(raw).problems).toEqual([
      'the invite.ics attachment differs from the text/calendar part',
    ]);
  });

  it('catch a calendar served with the wrong type or without an ETag', () => {
    expect(
      calendarResponseProblems(
        { headers: { 'content-type': 'text/calendar; charset=utf-8', etag: 'W/"1"' } },
        { etag: true },
      ),
    ).toEqual([]);
    expect(
      calendarResponseProblems({ headers: { 'content-type': 'application/octet-stream' } }, { etag: true }),
    ).toEqual([
      'Content-Type is application/octet-stream, expected text/calendar; charset=utf-8',
      'no ETag (calendar apps poll feeds: answer If-None-Match)',
    ]);
  });
});
