import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import { ConfigError, loadConfig } from '../config/app-config';
import { InboundSmtpService } from '../src/replies/inbound-smtp.service';
import { createTestApp, TestApp } from './support/app';
import { auth } from './support/conference-fixtures';
import { describeCalendar } from './support/calendar-checks';
import { deliver, invitationsPath, invitationWorld, invite, InvitationWorld, sendAll } from './support/invitations';
import { outboxRows } from './support/outbox';
import type { CapturedMessage } from './support/smtp-sink';

/**
 * Answers from calendar apps end to end: the app listens for the organizer mailbox on a free port
 * of 127.0.0.1; real REPLY mails go to it over SMTP with nodemailer, shaped like Outlook's,
 * Gmail's, Apple Calendar's and Thunderbird's; the answer is read back over the API. Each goes to the
 * reply address its invitation named as ORGANIZER (the organizer mailbox tagged with the
 * invitation's secret), unless a test says otherwise.
 */
const ORGANIZER = 'convene@convene.test';
const TAGGED = /^convene\+[0-9a-f]{24}@convene\.test$/;

/** Each invitee's reply address, as their invitation's ORGANIZER names it (by the invitee's address). */
const replyTo = new Map<string, string>();
const attendeeOf = (calendar: string) => /ATTENDEE[^\r\n]*:mailto:([^\r\n]+)/.exec(calendar)?.[1].toLowerCase() ?? '';
/** The ORGANIZER of each invitation in `messages`, by recipient. */
function organizersOf(messages: CapturedMessage[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of messages) {
    const ics = m.parsed.attachments.find((a) => /calendar|ics/i.test(a.contentType));
    const organizer = ics ? describeCalendar(ics.content).events[0]?.organizer?.email : undefined;
    if (organizer) found.set(m.to[0].toLowerCase(), organizer);
  }
  return found;
}
const ALIAS = 'hoinghi@convene.test';
const MAX_BYTES = 64 * 1024;

interface ReplySpec {
  uid: string;
  email: string;
  partstat: string;
  sequence?: number | null;
  cn?: string;
  prodid?: string;
  dtstamp?: string;
  /** Lines added inside the VEVENT (COMMENT, more ATTENDEEs). */
  extra?: string[];
  /** Parameters added to the ATTENDEE line (DELEGATED-TO). */
  params?: string;
}

/** A METHOD:REPLY as calendar apps write it: one attendee, its PARTSTAT, the UID and SEQUENCE answered. */
function replyCalendar(spec: ReplySpec): string {
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${spec.prodid ?? '-//Google Inc//Google Calendar 70.9054//EN'}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:REPLY',
    'BEGIN:VEVENT',
    'DTSTART:20260408T003000Z',
    'DTEND:20260408T043000Z',
    `DTSTAMP:${spec.dtstamp ?? '20260301T020000Z'}`,
    'ORGANIZER;CN=Convene:mailto:convene@convene.test',
    `UID:${spec.uid}`,
    `ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=${spec.partstat}${spec.params ?? ''};CN=${spec.cn ?? 'Đại biểu'}:mailto:${spec.email}`,
    ...(spec.sequence === null ? [] : [`SEQUENCE:${spec.sequence ?? 0}`]),
    'STATUS:CONFIRMED',
    'SUMMARY:Hội nghị trực tuyến',
    ...(spec.extra ?? []),
    'END:VEVENT',
    'END:VCALENDAR',
    '',
  ];
  return lines.join('\r\n');
}

type Shape = 'outlook' | 'gmail' | 'apple' | 'thunderbird';

let counter = 0;
const messageId = () => `<reply-${++counter}.${process.pid}@mail.test>`;

/** The MIME shape each client sends its answer in. */
function mailOf(shape: Shape, from: string, calendar: string, to?: string, id = messageId()): SendMailOptions {
  const base: SendMailOptions = {
    from,
    to: to ?? replyTo.get(attendeeOf(calendar)) ?? ORGANIZER,
    messageId: id,
    subject: 'Accepted: Hội nghị trực tuyến',
    text: 'Đã chấp nhận lời mời.',
  };
  switch (shape) {
    case 'outlook':
      // multipart/alternative: text, HTML and text/calendar; method=REPLY, no attachment.
      return {
        ...base,
        html: '<p>Đã chấp nhận.</p>',
        icalEvent: { method: 'REPLY', content: calendar },
        headers: { 'X-Mailer': 'Microsoft Outlook 16.0' },
      };
    case 'gmail':
      // The alternative and the same calendar again as invite.ics.
      return {
        ...base,
        html: '<p>Invitation accepted</p>',
        icalEvent: { method: 'REPLY', content: calendar },
        attachments: [{ filename: 'invite.ics', contentType: 'application/ics; name="invite.ics"', content: calendar }],
      };
    case 'apple':
      // Only an attachment, text/calendar with method=REPLY.
      return {
        ...base,
        attachments: [
          {
            filename: 'iCal-20260301-091500.ics',
            contentType: 'text/calendar; method=REPLY; charset=utf-8',
            content: calendar,
          },
        ],
      };
    case 'thunderbird':
      // multipart/mixed: text, an inline text/calendar part and invite.ics.
      return {
        ...base,
        headers: { 'User-Agent': 'Mozilla Thunderbird' },
        attachments: [
          {
            contentType: 'text/calendar; method=REPLY; charset=UTF-8',
            contentDisposition: 'inline',
            content: calendar,
          },
          { filename: 'invite.ics', contentType: 'application/ics; name="invite.ics"', content: calendar },
        ],
      };
  }
}

describe('answers from calendar apps (iMIP REPLY)', () => {
  let t: TestApp;
  let smtp: Transporter;
  let world: InvitationWorld;
  let admin: string;

  const send = async (mail: SendMailOptions): Promise<string> => (await smtp.sendMail(mail)).response ?? '';
  const refusal = async (mail: SendMailOptions): Promise<number> => {
    const error = await smtp.sendMail(mail).then(
      () => null,
      (e: { responseCode?: number; response?: string }) => e,
    );
    if (!error) throw new Error('the message was taken');
    return error.responseCode ?? 0;
  };
  const refusalText = async (mail: SendMailOptions): Promise<string> => {
    const error = await smtp.sendMail(mail).then(
      () => null,
      (e: { response?: string }) => e,
    );
    if (!error) throw new Error('the message was taken');
    return error.response ?? '';
  };
  /** Reply addresses of invitations no mail was delivered for (never sent, or still queued). */
  const learnFromDatabase = async (w: InvitationWorld) => {
    const rows: { email: string; secret: string }[] = await t.dataSource.query(
      `SELECT lower(p.email) AS email, i.reply_secret AS secret FROM invitation i JOIN person p ON p.id = i.person_id WHERE i.conference_id = $1`,
      [w.conference.id],
    );
    for (const r of rows) if (!replyTo.has(r.email)) replyTo.set(r.email, `convene+${r.secret}@convene.test`);
  };
  const learn = (messages: CapturedMessage[]) => {
    for (const [recipient, organizer] of organizersOf(messages)) replyTo.set(recipient, organizer);
    return messages;
  };
  const invitationOf = async (w: InvitationWorld, key: string) => {
    const list = await t
      .http()
      .get(`${invitationsPath(w)}?limit=500`)
      .set(auth(w.token))
      .expect(200);
    return list.body.items.find((i: any) => i.person.id === w.people[key].id);
  };
  const noteOf = async (invitationId: string) =>
    (await t.dataSource.query(`SELECT answer_note FROM invitation WHERE id = $1`, [invitationId]))[0].answer_note;
  const logOf = async (id: string) =>
    (await t.dataSource.query(`SELECT outcome, reason, detail FROM calendar_reply WHERE message_id = $1`, [id]))[0];

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        INBOUND_SMTP_PORT: '0',
        INBOUND_SMTP_HOST: '127.0.0.1',
        INBOUND_SMTP_ADDRESSES: ALIAS,
        INBOUND_SMTP_MAX_BYTES: String(MAX_BYTES),
      },
    });
    const address = t.app.get(InboundSmtpService).address();
    smtp = createTransport({ host: '127.0.0.1', port: address!.port, secure: false, ignoreTLS: true });
    admin = await t.adminToken();
    world = await invitationWorld(t, [
      { key: 'outlook', name: 'Nguyễn Thị Ánh Tuyết', at: 0 },
      { key: 'gmail', name: 'Trần Văn Bình', at: 1 },
      { key: 'apple', name: 'Lê Thị Cúc', at: 2 },
      { key: 'thunderbird', name: 'Phạm Văn Dũng', at: 0 },
      { key: 'delegating', name: 'Võ Văn Em', at: 1 },
      { key: 'again', name: 'Đỗ Thị Giang', at: 2 },
      { key: 'order', name: 'Hoàng Văn Hải', at: 0 },
      { key: 'withdrawn', name: 'Bùi Thị Hoa', at: 1 },
      { key: 'unsent', name: 'Đặng Văn Khoa', at: 2 },
    ]);
    for (const key of Object.keys(world.people).filter((k) => k !== 'unsent'))
      await invite(t, world, key, world.points[0].id);
    await sendAll(t, world);
    await invite(t, world, 'unsent', world.points[0].id);
    learn(await deliver(t));
    await learnFromDatabase(world);
  });
  afterAll(async () => {
    smtp?.close();
    await t.close();
  });

  const uid = () => world.conference.calendarUid as string;
  const email = (key: string) => world.people[key].email;

  it('names each invitation’s own reply address as its ORGANIZER: the organizer mailbox tagged with the invitation’s secret', async () => {
    const sent = [...replyTo.entries()].filter(([recipient]) => recipient !== email('unsent'));
    expect(sent.length).toBe(8);
    for (const [, organizer] of sent) expect(organizer).toMatch(TAGGED);
    expect(new Set(sent.map(([, organizer]) => organizer)).size).toBe(sent.length);
    const [row] = await t.dataSource.query(
      `SELECT i.reply_secret FROM invitation i JOIN person p ON p.id = i.person_id WHERE p.email = $1`,
      [email('outlook')],
    );
    expect(replyTo.get(email('outlook'))).toBe(`convene+${row.reply_secret}@convene.test`);
  });

  it('refuses with 550 a forged answer: another delegate’s ATTENDEE sent to one’s own reply address, changing nothing', async () => {
    const forged = mailOf(
      'outlook',
      email('outlook'),
      replyCalendar({ uid: uid(), email: email('outlook'), partstat: 'DECLINED', dtstamp: '20260301T010000Z' }),
      replyTo.get(email('gmail')),
    );
    const text = await refusalText(forged);
    expect(text).toMatch(/^550 5\.7\.1 not taken \(NOT_THIS_INVITEE\)/);
    await expect(logOf(forged.messageId as string)).resolves.toMatchObject({
      outcome: 'refused',
      reason: 'NOT_THIS_INVITEE',
    });
    const [row] = await t.dataSource.query(
      `SELECT i.answer FROM invitation i JOIN person p ON p.id = i.person_id WHERE p.email = $1`,
      [email('outlook')],
    );
    expect(row.answer).toBeNull();
  });

  it('refuses with 550, saying where answers go, a reply to the plain organizer address (what older invitations named)', async () => {
    const plain = mailOf(
      'gmail',
      email('outlook'),
      replyCalendar({ uid: uid(), email: email('outlook'), partstat: 'DECLINED' }),
      ORGANIZER,
    );
    const text = await refusalText(plain);
    expect(text).toMatch(/^550 5\.7\.1 <convene@convene\.test>: this address no longer takes calendar replies/);
    expect(text).toContain('convene+<code>@convene.test');
    await expect(refusal({ ...plain, to: ALIAS })).resolves.toBe(550);
    await expect(refusal({ ...plain, to: 'convene+0123456789abcdef01234567@convene.test' })).resolves.toBe(550);
    await expect(refusal({ ...plain, to: 'convene+not-a-secret@convene.test' })).resolves.toBe(550);
    // One invitation per message: a second invitation's address in the same message is refused.
    const both = await smtp.sendMail(
      mailOf(
        'gmail',
        email('outlook'),
        replyCalendar({ uid: uid(), email: email('outlook'), partstat: 'NEEDS-ACTION' }),
        [replyTo.get(email('outlook'))!, replyTo.get(email('gmail'))!].join(', '),
      ),
    );
    expect(both.rejected).toEqual([replyTo.get(email('gmail'))]);
    expect(both.response).toMatch(/ignored \(NO_ANSWER\)/);
  });

  it('takes an Outlook accept, from a mixed-case address, with its comment as the note and the delegate as the audit actor', async () => {
    const mixed = email('outlook')
      .replace(/^./, (c) => c.toUpperCase())
      .replace('@convene.test', '@Convene.TEST');
    const calendar = replyCalendar({
      uid: uid(),
      email: mixed,
      partstat: 'ACCEPTED',
      prodid: 'Microsoft Exchange Server 2010',
      extra: ['COMMENT;LANGUAGE=vi-VN:Tôi sẽ tham dự.'],
    });
    await expect(send(mailOf('outlook', `"Nguyễn Thị Ánh Tuyết" <${mixed}>`, calendar))).resolves.toMatch(
      /^250 .*applied/,
    );
    const invitation = await invitationOf(world, 'outlook');
    expect(invitation.answer).toBe('accepted');
    expect(invitation.answeredAt).not.toBeNull();
    await expect(noteOf(invitation.id)).resolves.toBe('Tôi sẽ tham dự.');
    const audit = await t
      .http()
      .get(`/conferences/${world.conference.id}/audit?limit=500`)
      .set(auth(world.token))
      .expect(200);
    const entry = audit.body.items.find((e: any) => e.action === 'invitation.answer' && e.entityId === invitation.id);
    expect(entry).toMatchObject({
      actor: { kind: 'mail', id: world.people.outlook.id, label: `calendar reply from ${mixed.toLowerCase()}` },
      before: { answer: null },
      after: { answer: 'accepted' },
    });
  });

  it('takes a Gmail decline (alternative and invite.ics), sent to the alias address with the invitation’s tag, and counts it in the summary', async () => {
    const calendar = replyCalendar({ uid: uid(), email: email('gmail'), partstat: 'DECLINED' });
    await send(
      mailOf(
        'gmail',
        email('gmail'),
        calendar,
        replyTo.get(email('gmail'))!.replace(ORGANIZER.split('@')[0], 'hoinghi'),
      ),
    );
    await expect(invitationOf(world, 'gmail')).resolves.toMatchObject({ answer: 'declined' });
    const summary = await t
      .http()
      .get(`${invitationsPath(world)}/summary`)
      .set(auth(world.token))
      .expect(200);
    expect(summary.body.totals.declined).toBeGreaterThanOrEqual(1);
  });

  it('takes an Apple Calendar tentative sent only as an attachment', async () => {
    const calendar = replyCalendar({
      uid: uid(),
      email: email('apple'),
      partstat: 'TENTATIVE',
      prodid: '-//Apple Inc.//macOS 15.3//EN',
      params: `;EMAIL=${email('apple')}`,
    });
    await send(mailOf('apple', email('apple'), calendar));
    await expect(invitationOf(world, 'apple')).resolves.toMatchObject({ answer: 'tentative' });
  });

  it('takes Thunderbird’s answer and a later change of mind', async () => {
    const prodid = '-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN';
    await send(
      mailOf(
        'thunderbird',
        email('thunderbird'),
        replyCalendar({
          uid: uid(),
          email: email('thunderbird'),
          partstat: 'ACCEPTED',
          prodid,
          dtstamp: '20260301T020000Z',
        }),
      ),
    );
    await expect(invitationOf(world, 'thunderbird')).resolves.toMatchObject({ answer: 'accepted' });
    await send(
      mailOf(
        'thunderbird',
        email('thunderbird'),
        replyCalendar({
          uid: uid(),
          email: email('thunderbird'),
          partstat: 'DECLINED',
          prodid,
          dtstamp: '20260301T030000Z',
        }),
      ),
    );
    await expect(invitationOf(world, 'thunderbird')).resolves.toMatchObject({ answer: 'declined' });
  });

  it('takes DELEGATED with DELEGATED-TO as a substitute, who is invited for the same site and sent the invitation', async () => {
    const substitute = `pho.${process.pid}@convene.test`;
    const calendar = replyCalendar({
      uid: uid(),
      email: email('delegating'),
      partstat: 'DELEGATED',
      params: `;DELEGATED-TO="mailto:${substitute}"`,
      extra: [
        `ATTENDEE;PARTSTAT=NEEDS-ACTION;DELEGATED-FROM="mailto:${email('delegating')}";CN=Lê Văn Phó:mailto:${substitute}`,
      ],
    });
    await send(mailOf('outlook', email('delegating'), calendar));
    const original = await invitationOf(world, 'delegating');
    expect(original.answer).toBe('delegated');
    const list = await t
      .http()
      .get(`${invitationsPath(world)}?limit=500`)
      .set(auth(world.token))
      .expect(200);
    const created = list.body.items.find((i: any) => i.substituteForId === original.id);
    expect(created).toMatchObject({
      source: 'substitute',
      person: { fullName: 'Lê Văn Phó' },
      mail: { status: 'queued' },
    });
    const queued = await outboxRows(t.dataSource, `recipient_email = $1`, [substitute]);
    expect(queued).toHaveLength(1);
  });

  it('applies a redelivered message (same Message-ID) once', async () => {
    const id = messageId();
    const mail = mailOf(
      'gmail',
      email('again'),
      replyCalendar({ uid: uid(), email: email('again'), partstat: 'ACCEPTED' }),
      undefined,
      id,
    );
    await expect(send(mail)).resolves.toMatch(/applied/);
    const first = await invitationOf(world, 'again');
    t.clock.advance(60_000);
    await expect(send({ ...mail, subject: 'Accepted (again)' })).resolves.toMatch(/duplicate/);
    const second = await invitationOf(world, 'again');
    expect(second.answeredAt).toBe(first.answeredAt);
    await expect(
      t.dataSource.query(`SELECT count(*)::int AS n FROM calendar_reply WHERE message_id = $1`, [id]),
    ).resolves.toEqual([{ n: 1 }]);
  });

  it('applies a message delivered twice at the same moment over two connections once', async () => {
    const other = createTransport({
      host: '127.0.0.1',
      port: t.app.get(InboundSmtpService).address()!.port,
      secure: false,
      ignoreTLS: true,
    });
    const mail = mailOf(
      'outlook',
      email('again'),
      replyCalendar({ uid: uid(), email: email('again'), partstat: 'DECLINED', dtstamp: '20260301T030000Z' }),
    );
    try {
      const answers = await Promise.all([send(mail), other.sendMail(mail).then((info) => info.response)]);
      expect(answers.map((a) => /applied|duplicate/.exec(a)?.[0]).sort()).toEqual(['applied', 'duplicate']);
    } finally {
      other.close();
    }
    await expect(invitationOf(world, 'again')).resolves.toMatchObject({ answer: 'declined' });
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_entry WHERE entity_id = $1 AND after->>'answer' = 'declined'`,
      [(await invitationOf(world, 'again')).id],
    );
    expect(n).toBe(1);
  });

  it('changes nothing for the same answer sent twice (two Message-IDs)', async () => {
    const calendar = replyCalendar({
      uid: uid(),
      email: email('again'),
      partstat: 'DECLINED',
      dtstamp: '20260301T040000Z',
    });
    const before = await invitationOf(world, 'again');
    const audits = async () =>
      (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry WHERE entity_id = $1`, [before.id]))[0].n;
    const count = await audits();
    await expect(send(mailOf('apple', email('again'), calendar))).resolves.toMatch(/unchanged \(SAME_ANSWER\)/);
    expect((await invitationOf(world, 'again')).answeredAt).toBe(before.answeredAt);
    await expect(audits()).resolves.toBe(count);
  });

  it('ignores a reply stamped earlier than the last one applied (DTSTAMP), whatever order they arrive in', async () => {
    await send(
      mailOf(
        'gmail',
        email('order'),
        replyCalendar({ uid: uid(), email: email('order'), partstat: 'DECLINED', dtstamp: '20260301T050000Z' }),
      ),
    );
    const id = messageId();
    await send(
      mailOf(
        'gmail',
        email('order'),
        replyCalendar({ uid: uid(), email: email('order'), partstat: 'ACCEPTED', dtstamp: '20260301T045900Z' }),
        undefined,
        id,
      ),
    );
    await expect(invitationOf(world, 'order')).resolves.toMatchObject({ answer: 'declined' });
    await expect(logOf(id)).resolves.toMatchObject({ outcome: 'ignored', reason: 'OLDER_THAN_LAST_REPLY' });
  });

  describe('replies that answer nothing: taken (250), recorded, nothing changes', () => {
    const ignored = async (mail: SendMailOptions, reason: string) => {
      await expect(send(mail)).resolves.toMatch(new RegExp(`^250 .*ignored \\(${reason}\\)`));
      await expect(logOf(mail.messageId as string)).resolves.toMatchObject({ outcome: 'ignored', reason });
    };

    // Issue 13 (item 8) changed these two: a reply must answer its reply address's invitation, so a
    // UID of another event is refused (550 WRONG_EVENT, was ignored UNKNOWN_EVENT), and someone not
    // invited has no reply address at all (550 at RCPT TO, was ignored NOT_INVITED).
    it('refuses (550) a UID that is not the event of the reply address’s invitation', async () => {
      const mail = mailOf(
        'outlook',
        email('apple'),
        replyCalendar({ uid: 'no-such-event@elsewhere', email: email('apple'), partstat: 'DECLINED' }),
      );
      await expect(refusal(mail)).resolves.toBe(550);
      await expect(logOf(mail.messageId as string)).resolves.toMatchObject({
        outcome: 'refused',
        reason: 'WRONG_EVENT',
      });
      await expect(invitationOf(world, 'apple')).resolves.toMatchObject({ answer: 'tentative' });
    });

    it('refuses (550) an attendee who is not invited: there is no reply address for them', async () => {
      await expect(
        refusal(
          mailOf(
            'gmail',
            'stranger@example.vn',
            replyCalendar({ uid: uid(), email: 'stranger@example.vn', partstat: 'ACCEPTED' }),
          ),
        ),
      ).resolves.toBe(550);
    });

    it('an answer for an invited person sent from someone else’s address', async () => {
      await ignored(
        mailOf(
          'gmail',
          'stranger@example.vn',
          replyCalendar({ uid: uid(), email: email('apple'), partstat: 'DECLINED' }),
        ),
        'SENDER_MISMATCH',
      );
      await expect(invitationOf(world, 'apple')).resolves.toMatchObject({ answer: 'tentative' });
    });

    it('a delegation to the delegate themself', async () => {
      await ignored(
        mailOf(
          'gmail',
          email('order'),
          replyCalendar({
            uid: uid(),
            email: email('order'),
            partstat: 'DELEGATED',
            params: `;DELEGATED-TO="mailto:${email('order')}"`,
            dtstamp: '20260301T070000Z',
          }),
        ),
        'BAD_DELEGATION',
      );
      await expect(invitationOf(world, 'order')).resolves.toMatchObject({ answer: 'declined' });
    });

    it('an invitation that was never sent', async () => {
      await ignored(
        mailOf('gmail', email('unsent'), replyCalendar({ uid: uid(), email: email('unsent'), partstat: 'ACCEPTED' })),
        'NOT_SENT',
      );
      await expect(invitationOf(world, 'unsent')).resolves.toMatchObject({ answer: null });
    });

    it('a withdrawn invitation', async () => {
      const invitation = await invitationOf(world, 'withdrawn');
      await t
        .http()
        .delete(`${invitationsPath(world)}/${invitation.id}`)
        .set(auth(world.token))
        .expect(204);
      // The CANCEL names the same reply address as the invitation it cancels.
      const cancel = organizersOf(await deliver(t)).get(email('withdrawn'));
      expect(cancel).toBe(replyTo.get(email('withdrawn')));
      expect(cancel).toMatch(TAGGED);
      await ignored(
        mailOf(
          'outlook',
          email('withdrawn'),
          replyCalendar({ uid: uid(), email: email('withdrawn'), partstat: 'ACCEPTED' }),
        ),
        'INVITATION_WITHDRAWN',
      );
      const [row] = await t.dataSource.query(`SELECT answer FROM invitation WHERE id = $1`, [invitation.id]);
      expect(row.answer).toBeNull();
    });

    it('a reply to a superseded time (older SEQUENCE), while the current one counts', async () => {
      const moved = await invitationWorld(t, [{ key: 'a', name: 'Nguyễn Văn An', at: 0 }]);
      await invite(t, moved, 'a', moved.points[0].id);
      await sendAll(t, moved);
      await t
        .http()
        .post(`/conferences/${moved.conference.id}/schedule`)
        .set(auth(moved.token))
        .send({ startsAt: '2026-04-09T14:00:00+07:00', endsAt: '2026-04-09T17:00:00+07:00', reason: 'Trùng lịch' })
        .expect(200);
      const a = moved.people.a.email;
      const messages = (await deliver(t)).filter((m) => m.to.includes(a));
      learn(messages);
      // Every version sent to one invitation names the same ORGANIZER.
      const organizers = messages.map((m) => organizersOf([m]).get(a));
      expect(organizers.length).toBeGreaterThanOrEqual(1);
      expect(new Set(organizers)).toEqual(new Set([replyTo.get(a)]));
      await expect(invitationOf(moved, 'a')).resolves.toMatchObject({ sentSequence: 1 });
      await ignored(
        mailOf(
          'outlook',
          a,
          replyCalendar({ uid: moved.conference.calendarUid, email: a, partstat: 'ACCEPTED', sequence: 0 }),
        ),
        'STALE_SEQUENCE',
      );
      await ignored(
        mailOf(
          'outlook',
          a,
          replyCalendar({ uid: moved.conference.calendarUid, email: a, partstat: 'ACCEPTED', sequence: null }),
        ),
        'STALE_SEQUENCE',
      );
      await expect(invitationOf(moved, 'a')).resolves.toMatchObject({ answer: null });
      await send(
        mailOf(
          'outlook',
          a,
          replyCalendar({ uid: moved.conference.calendarUid, email: a, partstat: 'ACCEPTED', sequence: 1 }),
        ),
      );
      await expect(invitationOf(moved, 'a')).resolves.toMatchObject({ answer: 'accepted' });
    });

    it('a cancelled conference, and one that has started', async () => {
      const cancelled = await invitationWorld(t, [
        { key: 'a', name: 'Nguyễn Văn An', at: 0 },
        { key: 'b', name: 'Trần Thị Bé', at: 0 },
      ]);
      await invite(t, cancelled, 'a', cancelled.points[0].id);
      await sendAll(t, cancelled);
      await learnFromDatabase(cancelled);
      await t
        .http()
        .post(`/conferences/${cancelled.conference.id}/cancel`)
        .set(auth(cancelled.token))
        .send({ reason: 'Theo chỉ đạo của UBND tỉnh' })
        .expect(200);
      const a = cancelled.people.a.email;
      await ignored(
        mailOf('gmail', a, replyCalendar({ uid: cancelled.conference.calendarUid, email: a, partstat: 'ACCEPTED' })),
        'CONFERENCE_CANCELLED',
      );
      await expect(invitationOf(cancelled, 'a')).resolves.toMatchObject({ answer: null });

      const started = await invitationWorld(t, [{ key: 'a', name: 'Nguyễn Văn An', at: 0 }]);
      await invite(t, started, 'a', started.points[0].id);
      await sendAll(t, started);
      await learnFromDatabase(started);
      const now = t.clock.now();
      t.clock.set('2026-04-08T01:00:00Z');
      try {
        await ignored(
          mailOf(
            'gmail',
            started.people.a.email,
            replyCalendar({ uid: started.conference.calendarUid, email: started.people.a.email, partstat: 'DECLINED' }),
          ),
          'ANSWERS_CLOSED',
        );
      } finally {
        t.clock.set(now);
      }
      await expect(invitationOf(started, 'a')).resolves.toMatchObject({ answer: null });
    });
  });

  describe('mail that is not taken', () => {
    it('answers 550 to a recipient other than the organizer mailbox', async () => {
      await expect(
        refusal(
          mailOf(
            'gmail',
            email('apple'),
            replyCalendar({ uid: uid(), email: email('apple'), partstat: 'DECLINED' }),
            'someone@convene.test',
          ),
        ),
      ).resolves.toBe(550);
      await expect(invitationOf(world, 'apple')).resolves.toMatchObject({ answer: 'tentative' });
    });

    it('answers 552 to a message over INBOUND_SMTP_MAX_BYTES', async () => {
      const calendar = replyCalendar({ uid: uid(), email: email('apple'), partstat: 'DECLINED' });
      await expect(
        refusal({ ...mailOf('apple', email('apple'), calendar), text: 'x'.repeat(MAX_BYTES + 1000) }),
      ).resolves.toBe(552);
      await expect(invitationOf(world, 'apple')).resolves.toMatchObject({ answer: 'tentative' });
    });

    it('answers 554 to a garbage calendar, a calendar of another METHOD and a mail without calendar, and keeps working', async () => {
      const garbage = mailOf(
        'outlook',
        email('apple'),
        'BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nthis is not a calendar',
        replyTo.get(email('apple')),
      );
      await expect(refusal(garbage)).resolves.toBe(554);
      await expect(logOf(garbage.messageId as string)).resolves.toMatchObject({
        outcome: 'refused',
        reason: 'BAD_CALENDAR',
      });
      const counter = replyCalendar({ uid: uid(), email: email('apple'), partstat: 'DECLINED' }).replace(
        'METHOD:REPLY',
        'METHOD:COUNTER',
      );
      await expect(refusal(mailOf('gmail', email('apple'), counter))).resolves.toBe(554);
      await expect(
        refusal({ from: email('apple'), to: replyTo.get(email('apple')), subject: 'Cảm ơn', text: 'Tôi sẽ đến.' }),
      ).resolves.toBe(554);
      await expect(
        refusal(mailOf('thunderbird', email('apple'), '\u0000\u0001\u0002', replyTo.get(email('apple')))),
      ).resolves.toBe(554);
      // Was taken and ignored (UNKNOWN_EVENT); now refused as another event's reply (WRONG_EVENT, issue 13).
      await expect(
        refusalText(
          mailOf(
            'gmail',
            email('apple'),
            replyCalendar({
              uid: 'x\u0000\u0001y',
              email: email('apple'),
              partstat: 'DECLINED',
              extra: ['COMMENT:a\u0000b'],
            }),
          ),
        ),
      ).resolves.toMatch(/^550 .*WRONG_EVENT/);
      await expect(invitationOf(world, 'apple')).resolves.toMatchObject({ answer: 'tentative' });
      await send(
        mailOf(
          'apple',
          email('apple'),
          replyCalendar({ uid: uid(), email: email('apple'), partstat: 'ACCEPTED', dtstamp: '20260301T060000Z' }),
        ),
      );
      await expect(invitationOf(world, 'apple')).resolves.toMatchObject({ answer: 'accepted' });
    });
  });

  describe('GET /calendar-replies', () => {
    it('lists what became of each message, newest first, with the counts per outcome', async () => {
      const res = await t.http().get('/calendar-replies?limit=500').set(auth(admin)).expect(200);
      expect(res.body.counts.applied).toBeGreaterThanOrEqual(8);
      expect(res.body.counts.ignored).toBeGreaterThanOrEqual(8);
      expect(res.body.counts.refused).toBeGreaterThanOrEqual(4);
      expect(res.body.counts.unchanged).toBeGreaterThanOrEqual(1);
      const stale = await t.http().get('/calendar-replies?reason=STALE_SEQUENCE').set(auth(admin)).expect(200);
      expect(stale.body.items.length).toBeGreaterThanOrEqual(1);
      expect(stale.body.items[0]).toMatchObject({
        outcome: 'ignored',
        reason: 'STALE_SEQUENCE',
        sequence: expect.any(Number),
        uid: expect.any(String),
      });
      const mine = await t
        .http()
        .get(`/calendar-replies?conferenceId=${world.conference.id}&outcome=applied`)
        .set(auth(admin))
        .expect(200);
      expect(mine.body.items.every((r: any) => r.conferenceId === world.conference.id && r.outcome === 'applied')).toBe(
        true,
      );
    });

    it('is for admins only', async () => {
      await t.http().get('/calendar-replies').set(auth(world.token)).expect(403);
      await t.http().get('/calendar-replies').expect(401);
    });

    it('names the field and the rule of a bad query', async () => {
      for (const [query, field] of [
        ['outcome=maybe', 'outcome'],
        ['conferenceId=nope', 'conferenceId'],
        ['reason=not%20a%20code', 'reason'],
        ['limit=0', 'limit'],
      ]) {
        const res = await t.http().get(`/calendar-replies?${query}`).set(auth(admin)).expect(422);
        expect(res.body.errors.map((e: any) => e.field)).toContain(field);
      }
    });
  });

  describe('settings', () => {
    const base = { DATABASE_URL: 'postgres://x@localhost/x' };

    it('has no listener unless INBOUND_SMTP_PORT is set, and takes MAIL_ORGANIZER and the extra addresses', () => {
      expect(loadConfig(base).mail.inbound).toBeNull();
      expect(
        loadConfig({
          ...base,
          INBOUND_SMTP_PORT: '2525',
          MAIL_ORGANIZER: 'GiayMoi@QuangNam.gov.vn',
          INBOUND_SMTP_ADDRESSES: 'a@x.vn, b@x.vn',
        }).mail.inbound,
      ).toEqual({
        port: 2525,
        host: '0.0.0.0',
        addresses: ['giaymoi@quangnam.gov.vn', 'a@x.vn', 'b@x.vn'],
        maxBytes: 1048576,
      });
    });

    it('stops the start with the variable named when a setting is bad', () => {
      expect(() => loadConfig({ ...base, INBOUND_SMTP_PORT: 'smtp' })).toThrow(ConfigError);
      expect(() => loadConfig({ ...base, INBOUND_SMTP_PORT: 'smtp' })).toThrow(/INBOUND_SMTP_PORT/);
      expect(() => loadConfig({ ...base, INBOUND_SMTP_ADDRESSES: 'not an address' })).toThrow(
        /INBOUND_SMTP_ADDRESSES must be e-mail addresses/,
      );
      expect(() => loadConfig({ ...base, INBOUND_SMTP_MAX_BYTES: '10' })).toThrow(/INBOUND_SMTP_MAX_BYTES/);
    });
  });
});
