import { createEvent } from 'ics';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import * as nodemailer from 'nodemailer';
import type { SendMailOptions } from 'nodemailer';
import {
  calendarPartsOf,
  describeCalendar,
  expectInvitation,
  expectInvitationMessage,
  expectNoCalendarPart,
  expectSendSeries,
  feedProblems,
  invitationMessageProblems,
  rawCalendarProblems,
} from '../../test/support/calendar-checks';
import { ANSWER_URL, CONFERENCE, DELEGATE, ORGANIZER, REMOTE_SITE } from '../../test/support/calendar-fixtures';
import { buildFeed } from './feed';
import { personalizeInvitation, prepareInvitation } from './invitation';
import { invitationMailParts } from './invitation-mail';

/** calendar.md, "The rules": one describe per rule, numbered as there. */
const SENT_AT = new Date('2023-02-20T03:00:00Z');
const later = (minutes: number) => new Date(SENT_AT.getTime() + minutes * 60_000);

const request = (changes: Partial<typeof CONFERENCE> = {}, dtstamp = SENT_AT, attendee = DELEGATE) =>
  personalizeInvitation(prepareInvitation({ ...CONFERENCE, ...changes }, 'REQUEST'), {
    attendee,
    location: REMOTE_SITE,
    url: ANSWER_URL,
    dtstamp,
  });
const cancel = (sequence: number, dtstamp: Date) =>
  personalizeInvitation(prepareInvitation({ ...CONFERENCE, sequence }, 'CANCEL'), { attendee: DELEGATE, dtstamp });

const HTML = '<p>Kính mời dự Hội nghị lúc 07 giờ 30 phút, Thứ Tư, ngày 08/3/2023 tại Điểm cầu huyện Núi Thành.</p>';

/** `request()` rendered by another node process running in `zone`. */
async function renderInZone(zone: string): Promise<{ localReading: number; text: string }> {
  const script = `
    const c = require('./src/calendar');
    const f = require('./test/support/calendar-fixtures');
    const text = c.personalizeInvitation(c.prepareInvitation(f.CONFERENCE, 'REQUEST'), {
      attendee: f.DELEGATE, location: f.REMOTE_SITE, url: f.ANSWER_URL, dtstamp: new Date(${SENT_AT.getTime()}) });
    process.stdout.write(JSON.stringify({ localReading: new Date(2023, 2, 8, 7, 30).getTime(), text }));`;
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-e', script],
    {
      cwd: path.resolve(__dirname, '../..'),
      env: { ...process.env, TZ: zone },
    },
  );
  return JSON.parse(stdout);
}

/** The message nodemailer would send, generated in memory (stream transport). */
async function compose(options: SendMailOptions): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const info = await transport.sendMail({
    from: ORGANIZER,
    to: DELEGATE.email,
    subject: 'Giấy mời dự Hội nghị',
    text: 'Kính mời…',
    ...options,
  });
  return info.message as Buffer;
}

describe('calendar.md rules', () => {
  describe('1. METHOD agrees', () => {
    it.each(['REQUEST', 'CANCEL'] as const)('sends %s with method= equal to the body METHOD', async (method) => {
      const calendar = method === 'REQUEST' ? request() : cancel(1, SENT_AT);
      const message = expectInvitationMessage(await compose({ html: HTML, ...invitationMailParts(calendar, method) }), {
        recipient: DELEGATE.email,
      });
      expect(message.method).toBe(method);
    });

    it('refuses to label a calendar with another method than its body', () => {
      expect(() => invitationMailParts(request(), 'CANCEL')).toThrow(/METHOD:REQUEST/);
    });

    it('is needed: nodemailer labels an icalEvent without method as PUBLISH whatever the body says', async () => {
      const raw = await compose({ html: HTML, icalEvent: { content: request() } });
      expect(invitationMessageProblems(raw).problems).toContain(
        'the part says method=PUBLISH but the calendar says METHOD:REQUEST',
      );
    });
  });

  describe('2. Only REQUEST or CANCEL', () => {
    it('refuses to send an invitation as PUBLISH, and a cancellation as REQUEST', () => {
      expect(() =>
        invitationMailParts(request().replace('METHOD:REQUEST', 'METHOD:PUBLISH'), 'PUBLISH' as never),
      ).toThrow(RangeError);
      expect(() => prepareInvitation({ ...CONFERENCE, status: 'CANCELLED' }, 'REQUEST')).toThrow(
        expect.objectContaining({ rule: 'cancelWithCancel' }),
      );
    });
  });

  describe('3. A REQUEST carries UID, DTSTAMP, DTSTART, DTEND, SUMMARY, ORGANIZER, the ATTENDEE; SEQUENCE above 0', () => {
    it('carries them all', () => {
      const event = expectInvitation(request({ sequence: 4 }), { method: 'REQUEST', attendee: DELEGATE.email });
      expect(event).toMatchObject({
        uid: CONFERENCE.uid,
        sequence: 4,
        summary: CONFERENCE.summary,
        organizer: { email: ORGANIZER.email, cn: ORGANIZER.name },
      });
      expect([event.dtstamp, event.start, event.end].map((d) => d?.toISOString())).toEqual([
        '2023-02-20T03:00:00.000Z',
        '2023-03-08T00:30:00.000Z',
        '2023-03-08T04:30:00.000Z',
      ]);
    });

    it('leaves SEQUENCE out at 0', () => {
      expect(request({ sequence: 0 })).not.toMatch(/^SEQUENCE/m);
    });
  });

  describe('4. A CANCEL carries the same UID, DTSTAMP, ORGANIZER, ATTENDEE, STATUS:CANCELLED, a higher SEQUENCE, no VALARM', () => {
    it('carries them, and drops the alarms the event has', () => {
      const text = cancel(1, later(60));
      const event = expectInvitation(text, { method: 'CANCEL', attendee: DELEGATE.email });
      expect(event).toMatchObject({ uid: CONFERENCE.uid, status: 'CANCELLED', sequence: 1, alarms: [] });
      expect(text).not.toContain('VALARM');
      expectSendSeries([request(), text]);
    });

    it('refuses a CANCEL whose SEQUENCE cannot be above a previous send', () => {
      expect(() => cancel(0, SENT_AT)).toThrow(expect.objectContaining({ field: 'sequence' }));
    });
  });

  describe('5. UID is stored, never regenerated', () => {
    it('writes the stored UID in every request, update and cancel', () => {
      const uids = [request(), request({ sequence: 1 }), cancel(2, SENT_AT)].map(
        (t) => describeCalendar(t).events[0].uid,
      );
      expect(uids).toEqual([CONFERENCE.uid, CONFERENCE.uid, CONFERENCE.uid]);
    });

    it('refuses an event without a UID instead of inventing one', () => {
      expect(() => prepareInvitation({ ...CONFERENCE, uid: undefined as never }, 'REQUEST')).toThrow(
        expect.objectContaining({ field: 'uid' }),
      );
    });
  });

  describe('6. SEQUENCE is stored and only goes up', () => {
    it('writes exactly the stored SEQUENCE, so a moved conference and its cancel form a rising series', () => {
      const moved = { sequence: 1, start: new Date('2023-03-09T00:30:00Z'), end: new Date('2023-03-09T04:30:00Z') };
      const series = [request({}, SENT_AT), request(moved, later(5)), cancel(2, later(10))];
      expectSendSeries(series);
      expect(series.map((t) => describeCalendar(t).events[0].sequence)).toEqual([0, 1, 2]);
    });
  });

  describe('7. DTSTAMP is the sending time in UTC and moves forward', () => {
    it('writes the given sending time, so later sends have later stamps', () => {
      const texts = [request({}, SENT_AT), request({}, later(1))];
      expect(texts.map((t) => /^DTSTAMP:(.*)\r$/m.exec(t)?.[1])).toEqual(['20230220T030000Z', '20230220T030100Z']);
      expectSendSeries(texts, { sequence: 'nonDecreasing' });
    });
  });

  describe('8. Times in UTC, no TZID, no VTIMEZONE, never floating', () => {
    it('writes the same UTC times whatever the process time zone', async () => {
      // jest sandboxes process.env, so each zone gets a process of its own.
      const runs = await Promise.all(
        ['UTC', 'Asia/Ho_Chi_Minh', 'America/New_York', 'Pacific/Chatham'].map(renderInZone),
      );
      // The zone took effect (wall-clock readings differ), and the calendar did not move.
      expect(new Set(runs.map((r) => r.localReading)).size).toBe(4);
      expect(runs.map((r) => r.text)).toEqual(runs.map(() => request()));
    });

    it('writes no TZID or VTIMEZONE', () => {
      const text = request();
      expect(text).toMatch(/^DTSTART:20230308T003000Z\r$/m);
      expect(text).not.toMatch(/TZID|VTIMEZONE/);
    });
  });

  describe('9. Lines at most 75 octets, CRLF, no fold inside a character, NFC', () => {
    it('folds Vietnamese invitations by octets', () => {
      const text = request({ description: 'Thành phần: '.concat('Chủ tịch, Phó Chủ tịch UBND huyện; '.repeat(20)) });
      expect(rawCalendarProblems(text)).toEqual([]);
      expect(text.split('\r\n').some((l) => l.startsWith(' '))).toBe(true);
    });

    it('is needed: raw ics output with Vietnamese text fails the same check', () => {
      const raw = createEvent({ uid: 'x', start: 0, end: 3_600_000, title: CONFERENCE.summary }).value!;
      expect(rawCalendarProblems(raw).some((p) => /octets long/.test(p))).toBe(true);
    });

    it('writes decomposed input composed', () => {
      const text = request({ summary: CONFERENCE.summary.normalize('NFD') });
      expect(describeCalendar(text).events[0].summary).toBe(CONFERENCE.summary.normalize('NFC'));
    });
  });

  describe('10. Text is escaped and round-trips; no " or controls in names', () => {
    it('round-trips \\ ; , and line breaks, keeps categories apart and cleans names', () => {
      const summary = 'A\\B; C, D';
      const attendee = { name: 'Ông "Tư"\r\nBcc: x', email: DELEGATE.email };
      const event = expectInvitation(request({ summary, description: 'một\nhai' }, SENT_AT, attendee), {
        method: 'REQUEST',
      });
      expect(event).toMatchObject({ summary, description: 'một\nhai', categories: CONFERENCE.categories });
      expect(event.attendees[0].cn).toBe("Ông 'Tư' Bcc: x");
    });
  });

  describe('11. DTEND, not DURATION', () => {
    it('writes DTEND and no duration with an empty time part, even for whole-day alarms', () => {
      const text = request({ alarms: [{ minutesBefore: 1440, description: 'Ngày mai họp' }] });
      expect(text).toMatch(/^DTEND:/m);
      expect(text).not.toMatch(/^DURATION/m);
      expect(text).toMatch(/^TRIGGER:-P1D\r$/m);
    });
  });

  describe('12. One message per person, that person as ATTENDEE with RSVP=TRUE, NEEDS-ACTION and their name', () => {
    it('gives each recipient a calendar of their own from one prepared invitation', () => {
      const prepared = prepareInvitation(CONFERENCE, 'REQUEST');
      const people = [DELEGATE, { name: 'Trần Văn Bình', email: 'binh.tv@dienban.convene.test' }];
      const texts = people.map((attendee) => personalizeInvitation(prepared, { attendee, dtstamp: SENT_AT }));
      texts.forEach((text, i) => {
        const event = expectInvitation(text, { method: 'REQUEST', attendee: people[i].email });
        expect(event.attendees).toEqual([
          { email: people[i].email, cn: people[i].name, rsvp: 'TRUE', partstat: 'NEEDS-ACTION' },
        ]);
      });
    });
  });

  describe('13. ORGANIZER is a real mailbox Convene reads', () => {
    it('writes the mailbox passed in, never the recipient, never a no-reply address', () => {
      expect(describeCalendar(request()).events[0].organizer?.email).toBe(ORGANIZER.email);
      expect(() =>
        personalizeInvitation(prepareInvitation(CONFERENCE, 'REQUEST'), { attendee: ORGANIZER, dtstamp: SENT_AT }),
      ).toThrow(expect.objectContaining({ rule: 'notOrganizer' }));
      expect(() =>
        prepareInvitation({ ...CONFERENCE, organizer: { name: 'Convene', email: 'noreply@convene.test' } }, 'REQUEST'),
      ).toThrow(expect.objectContaining({ rule: 'isReadMailbox' }));
    });
  });

  describe('14. The HTML body repeats the essentials', () => {
    it('is checked against what the letter must mention', async () => {
      const raw = await compose({ html: HTML, ...invitationMailParts(request(), 'REQUEST') });
      expectInvitationMessage(raw, { htmlMentions: ['07 giờ 30 phút', 'Điểm cầu huyện Núi Thành'] });
      expect(invitationMessageProblems(raw, { htmlMentions: [ANSWER_URL] }).problems).toEqual([
        `the HTML body does not mention ${JSON.stringify(ANSWER_URL)}`,
      ]);
    });
  });

  describe('15. No inline cid: images', () => {
    it('sends none, and the check catches one', async () => {
      expectInvitationMessage(await compose({ html: HTML, ...invitationMailParts(request(), 'REQUEST') }));
      const withImage = await compose({
        html: `${HTML}<img src="cid:logo@convene">`,
        attachments: [{ filename: 'logo.png', content: Buffer.from('89504e47', 'hex'), cid: 'logo@convene' }],
        ...invitationMailParts(request(), 'REQUEST'),
      });
      expect(invitationMessageProblems(withImage).problems).toEqual(
        expect.arrayContaining(['the message has inline (cid:) parts', 'the HTML refers to a cid: image']),
      );
    });
  });

  describe('16. Reminders carry no calendar part; no PUBLISH with an invitation UID', () => {
    it('tells a reminder letter from an invitation', async () => {
      expectNoCalendarPart(await compose({ html: '<p>Nhắc lịch: Hội nghị ngày mai.</p>' }));
      expect(
        calendarPartsOf(await compose({ html: HTML, ...invitationMailParts(request(), 'REQUEST') })).map((p) => p.type),
      ).toEqual(['text/calendar', 'application/ics']);
    });

    it('catches a feed that reuses an invitation UID', () => {
      const feed = buildFeed([CONFERENCE], { name: 'Lịch', now: SENT_AT });
      expect(feedProblems(feed, { notUids: [CONFERENCE.uid] })).toEqual([
        `the feed reuses invitation UIDs: ${CONFERENCE.uid}`,
      ]);
    });
  });
});
