import { simpleParser } from 'mailparser';
import * as nodemailer from 'nodemailer';
import { INVITATION_FILENAME, invitationMailParts, personalizeInvitation, prepareInvitation } from '../src/calendar';
import { calendarMethodOf, calendarPartOf } from '../src/mail/mime';
import { expectInvitationMessage, expectSendSeries } from './support/calendar-checks';
import { ANSWER_URL, CONFERENCE, DELEGATE, ORGANIZER, REMOTE_SITE } from './support/calendar-fixtures';
import { SmtpSink } from './support/smtp-sink';

/**
 * Invitations as mail: the MIME shape nodemailer 10 gives `invitationMailParts()` (calendar.md,
 * "MIME shape that works across clients"), read back by mailparser and by the tree checks, after
 * a real SMTP hop.
 */
const SENT_AT = new Date('2023-02-20T03:00:00Z');
const HTML =
  '<p>Kính mời đồng chí dự Hội nghị lúc <b>07 giờ 30 phút, Thứ Tư, ngày 08/3/2023</b> tại Điểm cầu huyện Núi Thành.</p>';

function invitation(sequence = 0, dtstamp = SENT_AT, method: 'REQUEST' | 'CANCEL' = 'REQUEST') {
  const calendar = personalizeInvitation(prepareInvitation({ ...CONFERENCE, sequence }, method), {
    attendee: DELEGATE,
    location: REMOTE_SITE,
    url: ANSWER_URL,
    dtstamp,
  });
  return {
    from: `"${ORGANIZER.name}" <${ORGANIZER.email}>`,
    to: `"${DELEGATE.name}" <${DELEGATE.email}>`,
    subject: method === 'REQUEST' ? 'Giấy mời dự Hội nghị trực tuyến' : 'Hủy Hội nghị trực tuyến',
    text: 'Kính mời đồng chí dự Hội nghị lúc 07 giờ 30 phút, Thứ Tư, ngày 08/3/2023.',
    html: HTML,
    date: dtstamp,
    ...invitationMailParts(calendar, method),
  };
}

describe('invitation mail (nodemailer icalEvent)', () => {
  it('builds multipart/mixed ⊃ alternative (plain, html, calendar; method=REQUEST) + one invite.ics, as mailparser reads it', async () => {
    const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
    const { message } = await transport.sendMail(invitation());
    const raw = message as Buffer;
    const parsed = await simpleParser(raw);
    expect(parsed.text).toContain('07 giờ 30 phút');
    expect(parsed.html).toContain('Điểm cầu huyện Núi Thành');
    const calendars = parsed.attachments.filter(
      (a) => a.contentType === 'text/calendar' || a.contentType === 'application/ics',
    );
    expect(calendars.map((a) => a.contentType).sort()).toEqual(['application/ics', 'text/calendar']);
    expect(calendars.find((a) => a.contentType === 'application/ics')?.filename).toBe(INVITATION_FILENAME);
    expect(calendarPartOf(parsed)?.contentType).toBe('text/calendar');
    expect(calendarMethodOf(parsed)).toBe('REQUEST');
    expect(raw.toString('latin1')).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    expect(calendars[0].content.equals(calendars[1].content)).toBe(true);
    expectInvitationMessage(raw, {
      recipient: DELEGATE.email,
      htmlMentions: ['07 giờ 30 phút', 'Điểm cầu huyện Núi Thành'],
    });
  });

  describe('over SMTP', () => {
    let sink: SmtpSink;
    beforeAll(async () => {
      sink = await SmtpSink.start();
    });
    afterAll(() => sink.stop());

    it('arrives intact: an invitation, its update and its cancellation form one series', async () => {
      const transport = nodemailer.createTransport({ url: sink.url, ignoreTLS: true } as nodemailer.TransportOptions);
      await transport.sendMail(invitation(0, SENT_AT));
      await transport.sendMail(invitation(1, new Date(SENT_AT.getTime() + 60_000)));
      await transport.sendMail(invitation(2, new Date(SENT_AT.getTime() + 120_000), 'CANCEL'));
      transport.close();
      const received = await sink.waitForMessages(3);
      const calendars = received.map((m) => expectInvitationMessage(m.raw, { recipient: DELEGATE.email }).calendar);
      expect(received.map((m) => calendarMethodOf(m.parsed))).toEqual(['REQUEST', 'REQUEST', 'CANCEL']);
      expectSendSeries(calendars);
      // The calendar survives transfer encoding octet for octet (folding by octets included).
      expect(calendars[0]).toBe(
        personalizeInvitation(prepareInvitation(CONFERENCE, 'REQUEST'), {
          attendee: DELEGATE,
          location: REMOTE_SITE,
          url: ANSWER_URL,
          dtstamp: SENT_AT,
        }),
      );
    });
  });
});
