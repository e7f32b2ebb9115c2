import type * as IcalModule from 'ical.js' with { 'resolution-mode': 'import' };
import { singleLine } from '../src/common/text';
import { ReminderTicks } from '../src/reminders/reminder-ticks';
import { createTestApp, TestApp } from './support/app';
import { calendarPartsOf, rawCalendarProblems } from './support/calendar-checks';
import { apiUser, auth, createConference } from './support/conference-fixtures';
import { FakeClock } from './support/fake-clock';
import {
  answerTokenOf,
  deliver,
  insertPersonAt,
  invitationsPath,
  invitationWorld,
  invite,
  InvitationWorld,
  sendAll,
  to,
} from './support/invitations';
import type { CapturedMessage } from './support/smtp-sink';

/**
 * Header injection, tried for real: hostile names, titles, rooms and links — through the API where
 * it takes them, by SQL where it refuses them (older data) — sent through the outbox to the SMTP
 * sink, and every raw message read back: its header block, its envelope, its calendar part.
 */

// Every way of ending a line a mail or calendar parser might honour.
const BREAKS = ['\r\n', '\n', '\r', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c'];
const ATTACKER = 'attacker.test';

/** A value that, pasted raw into a header or a content line, would add a Bcc and smuggle calendar properties. */
const hostile = (base: string, tag: string, breaks = BREAKS) =>
  `${base}${breaks[0]}Bcc: bcc-${tag}@${ATTACKER}${breaks[1 % breaks.length]}METHOD:PUBLISH${breaks[2 % breaks.length]}ATTENDEE;RSVP=TRUE:mailto:att-${tag}@${ATTACKER}` +
  `${breaks
    .slice(3)
    .map((b, i) => `${b}X-INJECTED-${i}:1`)
    .join('')}`;

// ical.js ships as an ES module with a CommonJS build; the types come from the ES side.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- ical.js's CommonJS build, typed from its ES module
const ICAL: typeof IcalModule.default = require('ical.js');

// isEmail takes quoted local parts with spaces and line breaks; the outbox (rightly) does not.
const QUOTED_ADDRESSES = [
  `it@convene.test\r\nBcc: x@${'attacker.test'}`,
  `it@convene.test, x@${'attacker.test'}`,
  '"x\r\n"@convene.test',
  '"x\r\nrcpt to:<evil@attacker.test>"@convene.test',
  '"a b"@convene.test',
];

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

// What nodemailer writes at the top of a message; anything else was injected.
const TOP_HEADERS = new Set([
  'from',
  'to',
  'subject',
  'message-id',
  'date',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

interface HeaderLine {
  name: string;
  value: string;
}

/** The message's own header block, unfolded, as a receiving server reads it. */
function topHeaders(raw: Buffer): HeaderLine[] {
  const text = raw.toString('latin1');
  const block = text.slice(0, text.indexOf('\r\n\r\n'));
  return block
    .replace(/\r\n[ \t]/g, ' ')
    .split('\r\n')
    .map((line) => {
      const colon = line.indexOf(':');
      return { name: colon > 0 ? line.slice(0, colon) : `(no name) ${line}`, value: line.slice(colon + 1).trim() };
    });
}

/** Everything a header injection would leave behind, for one delivered message. */
function headerProblems(message: CapturedMessage, recipient: string): string[] {
  const problems: string[] = [];
  const headers = topHeaders(message.raw);
  for (const h of headers) {
    if (!/^[A-Za-z0-9-]+$/.test(h.name)) problems.push(`a header line without a field name: ${h.name}`);
    else if (!TOP_HEADERS.has(h.name.toLowerCase())) problems.push(`an unexpected header ${h.name}: ${h.value}`);
  }
  for (const name of ['from', 'to', 'subject', 'message-id']) {
    const n = headers.filter((h) => h.name.toLowerCase() === name).length;
    if (n !== 1) problems.push(`${n} ${name} headers`);
  }
  if (JSON.stringify(message.to) !== JSON.stringify([recipient]))
    problems.push(`envelope recipients ${message.to.join(', ')}`);
  const parsed = message.parsed;
  const addresses = [parsed.to, parsed.cc, parsed.bcc, parsed.replyTo]
    .flatMap((a) => (a ? (Array.isArray(a) ? a : [a]) : []))
    .flatMap((a) => a.value.map((v) => v.address));
  if (JSON.stringify(addresses) !== JSON.stringify([recipient]))
    problems.push(`header addresses ${addresses.join(', ')}`);
  if (CONTROL.test(parsed.subject ?? ''))
    problems.push(`the subject holds a control character: ${JSON.stringify(parsed.subject)}`);
  for (const [name, value] of parsed.headers) {
    if (typeof value === 'string' && CONTROL.test(value))
      problems.push(`header ${name} holds a control character after decoding: ${JSON.stringify(value)}`);
  }
  return problems;
}

// The properties Convene writes in an invitation; an injected one would be something else or a second copy.
const CALENDAR_PROPERTIES = new Set([
  'BEGIN',
  'END',
  'VERSION',
  'PRODID',
  'METHOD',
  'CALSCALE',
  'UID',
  'SEQUENCE',
  'DTSTAMP',
  'DTSTART',
  'DTEND',
  'SUMMARY',
  'LOCATION',
  'DESCRIPTION',
  'URL',
  'STATUS',
  'ORGANIZER',
  'ATTENDEE',
  'ACTION',
  'TRIGGER',
  'CATEGORIES',
  'CLASS',
  'TRANSP',
  'X-WR-CALNAME',
]);
const ONCE_PER_EVENT = [
  'UID',
  'SUMMARY',
  'LOCATION',
  'DESCRIPTION',
  'URL',
  'ORGANIZER',
  'ATTENDEE',
  'DTSTART',
  'DTEND',
  'STATUS',
];

/** Unfolded content lines (RFC 5545 §3.1). */
const contentLines = (calendar: string) =>
  calendar
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
const propertyName = (line: string) => /^[A-Za-z0-9-]+/.exec(line)?.[0].toUpperCase() ?? `(no name) ${line}`;

/** Everything an injection into a calendar property would leave behind. */
function calendarProblems(calendar: string, recipient: string): string[] {
  const problems = rawCalendarProblems(calendar);
  const lines = contentLines(calendar);
  const names = lines.map(propertyName);
  names.filter((n) => !CALENDAR_PROPERTIES.has(n)).forEach((n) => problems.push(`unexpected property ${n}`));
  if (names.filter((n) => n === 'METHOD').length !== 1)
    problems.push(`${names.filter((n) => n === 'METHOD').length} METHOD lines`);
  // Count per VEVENT only (the VALARM has its own DESCRIPTION).
  const event = lines.slice(
    lines.indexOf('BEGIN:VEVENT'),
    lines.indexOf('BEGIN:VALARM') > 0 ? lines.indexOf('BEGIN:VALARM') : lines.indexOf('END:VEVENT'),
  );
  for (const name of ONCE_PER_EVENT) {
    const n = event.map(propertyName).filter((x) => x === name).length;
    if (n > 1) problems.push(`${n} ${name} lines in the event`);
  }
  const vevent = new ICAL.Component(ICAL.parse(calendar)).getFirstSubcomponent('vevent')!;
  const attendees = vevent.getAllProperties('attendee').map((p) => String(p.getFirstValue()).replace(/^mailto:/i, ''));
  if (JSON.stringify(attendees) !== JSON.stringify([recipient])) problems.push(`attendees ${attendees.join(', ')}`);
  for (const name of ['summary', 'location', 'url']) {
    const value = vevent.getFirstPropertyValue(name);
    if (typeof value === 'string' && CONTROL.test(value))
      problems.push(`${name.toUpperCase()} holds a control character: ${JSON.stringify(value)}`);
  }
  for (const p of [vevent.getFirstProperty('organizer'), ...vevent.getAllProperties('attendee')]) {
    const cn = p?.getParameter('cn');
    if (typeof cn === 'string' && CONTROL.test(cn))
      problems.push(`a CN holds a control character: ${JSON.stringify(cn)}`);
  }
  return problems;
}

const eventOf = (calendar: string) => new ICAL.Component(ICAL.parse(calendar)).getFirstSubcomponent('vevent')!;
const calendarOf = (message: CapturedMessage) =>
  calendarPartsOf(message.raw)
    .find((p) => p.type === 'text/calendar')!
    .body.toString('utf8');

describe('Hardening: no header injection into mail headers or calendar properties', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2026-03-20T00:30:00Z') });
  });
  afterAll(() => t.close());

  it('has checks that do see an injection (hand-made message and calendar)', async () => {
    const raw = Buffer.from(
      'From: a@convene.test\r\nTo: b@convene.test\r\nSubject: Hi\r\nBcc: evil@attacker.test\r\nMessage-ID: <1@x>\r\n\r\nbody',
    );
    const parsed = {
      subject: 'Hi',
      headers: new Map(),
      to: { value: [{ address: 'b@convene.test', name: '' }] },
      bcc: { value: [{ address: 'evil@attacker.test', name: '' }] },
    };
    expect(
      headerProblems(
        { raw, parsed, to: ['b@convene.test', 'evil@attacker.test'] } as unknown as CapturedMessage,
        'b@convene.test',
      ),
    ).toEqual([
      'an unexpected header Bcc: evil@attacker.test',
      'envelope recipients b@convene.test, evil@attacker.test',
      'header addresses b@convene.test, evil@attacker.test',
    ]);
    const calendar = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:x',
      'METHOD:REQUEST',
      'BEGIN:VEVENT',
      'UID:u',
      'DTSTAMP:20260101T000000Z',
      'DTSTART:20260101T010000Z',
      'SUMMARY:A',
      'METHOD:PUBLISH',
      'ATTENDEE:mailto:b@convene.test',
      'ATTENDEE:mailto:evil@attacker.test',
      'X-INJECTED:1',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    expect(calendarProblems(calendar, 'b@convene.test')).toEqual([
      'unexpected property X-INJECTED',
      '2 METHOD lines',
      '2 ATTENDEE lines in the event',
      'attendees b@convene.test, evil@attacker.test',
    ]);
  });

  describe('the directory refuses control characters at the door', () => {
    it('refuses CR, LF and other controls in unit and person names through the API, naming the field', async () => {
      const admin = await t.adminToken();
      for (const brk of BREAKS) {
        const unit = await t
          .http()
          .post('/units')
          .set(auth(admin))
          .send({ name: `Sở Nội vụ${brk}Bcc: x@${ATTACKER}`, kind: 'department' });
        expect([unit.status, unit.body.errors?.[0]]).toEqual([
          422,
          expect.objectContaining({ field: 'name', rule: 'matches' }),
        ]);
        const short = await t
          .http()
          .post('/units')
          .set(auth(admin))
          .send({ name: 'Sở Nội vụ', shortName: `SNV${brk}X`, kind: 'department' });
        expect([short.status, short.body.errors?.[0]?.field]).toEqual([422, 'shortName']);
        const person = await t
          .http()
          .post('/people')
          .set(auth(admin))
          .send({ fullName: `Lê Văn A${brk}Bcc: x@${ATTACKER}`, email: `a${BREAKS.indexOf(brk)}@convene.test` });
        expect([person.status, person.body.errors?.[0]]).toEqual([
          422,
          expect.objectContaining({ field: 'fullName', rule: 'matches' }),
        ]);
      }
      const [{ n }] = await t.dataSource.query(
        `SELECT (SELECT count(*) FROM unit WHERE name LIKE 'Sở Nội vụ%') + (SELECT count(*) FROM person WHERE full_name LIKE 'Lê Văn A%') AS n`,
      );
      expect(Number(n)).toBe(0);
    });

    it('refuses them in a CSV import, row by row, naming the column, and writes nothing', async () => {
      const admin = await t.adminToken();
      // A quoted cell may hold a line break in CSV; the import still refuses it as a name.
      const units = `external_code,name,kind\r\nH.1,"Sở Tư pháp\r\nBcc: x@${ATTACKER}",department\r\nH.2,Sở Y tế\u2028X,department\r\nH.3,Sở Xây dựng,department\r\n`;
      const u = await t
        .http()
        .post('/units/import')
        .set(auth(admin))
        .set('Content-Type', 'text/csv')
        .send(Buffer.from(units));
      expect(u.status).toBe(422);
      expect(u.body.code).toBe('IMPORT_REJECTED');
      expect(u.body.report.rejected).toEqual([
        expect.objectContaining({ line: 2, column: 'name', rule: 'singleLine' }),
        expect.objectContaining({ line: 4, column: 'name', rule: 'singleLine' }),
      ]);
      const people = `email,full_name,title\r\nb@convene.test,"Lê Thị B\nBcc: x@${ATTACKER}",\r\nc@convene.test,Trần C,"Giám đốc\rX-Evil: 1"\r\n`;
      const p = await t
        .http()
        .post('/people/import')
        .set(auth(admin))
        .set('Content-Type', 'text/csv')
        .send(Buffer.from(people));
      expect(p.status).toBe(422);
      expect(p.body.report.rejected.map((r: { column: string; rule: string }) => [r.column, r.rule])).toEqual([
        ['full_name', 'singleLine'],
        ['title', 'singleLine'],
      ]);
      const [{ n }] = await t.dataSource.query(
        `SELECT (SELECT count(*) FROM unit WHERE external_code LIKE 'H.%') + (SELECT count(*) FROM person WHERE email IN ('b@convene.test', 'c@convene.test')) AS n`,
      );
      expect(Number(n)).toBe(0);
    });
  });

  describe('invitations, substitutes, coordinator mail and reminders built from hostile data', () => {
    let world: InvitationWorld;
    const title = hostile('Hội nghị tổng kết CCHC năm 2022', 'title');
    let messages: CapturedMessage[];

    beforeAll(async () => {
      // The conference API takes titles, point names, rooms and links as given: they must be made
      // safe on the way out. Names the directory refuses are written by SQL, as older data would be.
      world = await invitationWorld(
        t,
        [
          { key: 'a', name: hostile('Nguyễn "Văn" An', 'name'), at: 0 },
          { key: 'b', name: hostile('Trần Thị Bình', 'name-lf', ['\n', '\u2028', '\u0085']), at: 0, language: 'en' },
        ],
        { title },
      );
      await t.dataSource.query(`UPDATE unit SET name = $2 WHERE id = $1`, [
        world.provinceUnitId,
        hostile('UBND tỉnh', 'unit'),
      ]);
      const point = await t
        .http()
        .patch(`/conferences/${world.conference.id}/bridge-points/${world.points[0].id}`)
        .set(auth(world.token))
        .send({
          name: hostile('Điểm cầu Núi Thành', 'point'),
          room: hostile('Phòng họp tầng 3', 'room', ['\n', '\r', '\u2029']),
        });
      expect(point.status).toBe(200);
      // The API now refuses a link with a line break (422, issue 13): one stored before that is written by SQL.
      await t.dataSource.query(`UPDATE bridge_point SET meeting_link = $2 WHERE id = $1`, [
        world.points[0].id,
        `https://meet.convene.test/qn-690\r\nATTENDEE:mailto:att-link@${ATTACKER}`,
      ]);
      await invite(t, world, 'a', world.points[0].id);
      await invite(t, world, 'b', world.points[0].id);
      await sendAll(t, world);
      messages = await deliver(t);
    });

    it('sends each invitation to its one recipient, with no injected header and a one-line subject', async () => {
      expect(messages).toHaveLength(2);
      for (const key of ['a', 'b']) {
        const [message] = to(messages, world.people[key].email);
        expect(headerProblems(message, world.people[key].email)).toEqual([]);
      }
      // The hostile text is kept as text, on one line: stripped, not lost.
      const [a] = to(messages, world.people.a.email);
      expect(a.parsed.subject).toBe(`Giấy mời: ${singleLine(title)}`);
      const [b] = to(messages, world.people.b.email);
      expect(b.parsed.subject).toBe(`Invitation: ${singleLine(title)}`);
      expect(a.parsed.to).toMatchObject({
        value: [{ address: world.people.a.email, name: singleLine(world.people.a.name) }],
      });
    });

    it('keeps every calendar property on one line: no second METHOD, no smuggled ATTENDEE', async () => {
      for (const key of ['a', 'b']) {
        const calendar = calendarOf(to(messages, world.people[key].email)[0]);
        expect(calendarProblems(calendar, world.people[key].email)).toEqual([]);
      }
      const event = eventOf(calendarOf(to(messages, world.people.a.email)[0]));
      expect(event.getFirstPropertyValue('summary')).toBe(singleLine(title));
      expect(String(event.getFirstPropertyValue('location'))).toContain(
        singleLine(hostile('Phòng họp tầng 3', 'room', ['\n', '\r', '\u2029'])),
      );
      // A double quote cannot close the CN parameter: it becomes a single quote.
      expect(event.getFirstProperty('attendee')!.getParameter('cn')).toBe(
        singleLine(world.people.a.name).replace(/"/g, "'"),
      );
      expect(event.getFirstProperty('organizer')!.getParameter('cn')).toBe(singleLine(hostile('UBND tỉnh', 'unit')));
      expect(calendarOf(to(messages, world.people.a.email)[0])).toMatch(/^METHOD:REQUEST\r$/m);
    });

    it('keeps a substitute named on the answer page out of the headers of the invitation they get', async () => {
      const token = answerTokenOf(to(messages, world.people.a.email)[0]);
      const email = `thay.${process.pid}@convene.test`;
      const substituteName = hostile('Huỳnh Thị Cúc', 'substitute');
      await t
        .http()
        .post(`/invitations/answer/${token}`)
        .type('form')
        .send({
          answer: 'substitute',
          substituteName,
          substitutePosition: `Phó Chủ tịch\r\nBcc: pos@${ATTACKER}`,
          substituteEmail: email,
        })
        .expect(200);
      const [stored] = await t.dataSource.query(`SELECT full_name FROM person WHERE email = $1`, [email]);
      expect(stored.full_name).toBe(singleLine(substituteName));
      const [message] = to(await deliver(t), email);
      expect(headerProblems(message, email)).toEqual([]);
      expect(calendarProblems(calendarOf(message), email)).toEqual([]);
      expect(message.parsed.to).toMatchObject({ value: [{ address: email, name: singleLine(substituteName) }] });
    });

    it('keeps the coordinator’s mail (their link) clean too', async () => {
      const email = `dieuphoi.${process.pid}@convene.test`;
      const coordinator = await insertPersonAt(
        t,
        hostile('Điều Phối Viên', 'coordinator'),
        email,
        world.points[0].unitId,
        'Chánh Văn phòng',
      );
      await t
        .http()
        .patch(`/conferences/${world.conference.id}/bridge-points/${world.points[0].id}`)
        .set(auth(world.token))
        .send({ coordinatorPersonId: coordinator })
        .expect(200);
      await t
        .http()
        .post(`${invitationsPath(world)}/coordinator-links`)
        .set(auth(world.token))
        .send({ siteId: world.points[0].id })
        .expect(201);
      const [message] = to(await deliver(t), email);
      expect(headerProblems(message, email)).toEqual([]);
      expect(message.parsed.subject).toContain(singleLine(title));
    });

    it('keeps the reminders to coordinators clean', async () => {
      const email = `dieuphoi.${process.pid}@convene.test`;
      t.clock.set('2026-04-07T22:30:00Z');
      await t.app.get(ReminderTicks).run(t.clock.now());
      const reminders = to(await deliver(t), email);
      expect(reminders.length).toBeGreaterThan(0);
      for (const message of reminders) {
        expect(headerProblems(message, email)).toEqual([]);
        expect(message.parsed.subject).toContain(singleLine(title));
        expect(calendarPartsOf(message.raw)).toEqual([]);
      }
    });
  });

  describe('the test message', () => {
    it('puts a hostile name on one line in To, and sends to the one address', async () => {
      const admin = await t.adminToken();
      for (const brk of BREAKS) {
        const address = `it${BREAKS.indexOf(brk)}.${process.pid}@convene.test`;
        await t
          .http()
          .post('/outbox/test-message')
          .set(auth(admin))
          .send({ to: address, name: `Phòng CNTT${brk}Bcc: bcc@${ATTACKER}${brk}${brk}X-Evil: 1` })
          .expect(202);
      }
      const sent = await deliver(t);
      expect(sent).toHaveLength(BREAKS.length);
      for (const message of sent) {
        expect(headerProblems(message, message.to[0])).toEqual([]);
        expect(message.parsed.to).toMatchObject({ value: [{ name: `Phòng CNTT Bcc: bcc@${ATTACKER} X-Evil: 1` }] });
      }
    });

    it('refuses an address that tries to carry a second one, or a line break inside quotes (was a 500)', async () => {
      const admin = await t.adminToken();
      for (const address of QUOTED_ADDRESSES) {
        const res = await t.http().post('/outbox/test-message').set(auth(admin)).send({ to: address });
        expect([res.status, res.body.errors?.[0]?.field]).toEqual([422, 'to']);
      }
      await expect(
        t.dataSource.query(
          `SELECT count(*)::int AS n FROM outbox_message WHERE recipient_email LIKE '%attacker%' OR recipient_email LIKE '"%'`,
        ),
      ).resolves.toEqual([{ n: 0 }]);
    });
  });

  describe('addresses no send could use are refused where they come in', () => {
    it('in the people API and the people CSV import, naming the field', async () => {
      const admin = await t.adminToken();
      for (const email of QUOTED_ADDRESSES) {
        const res = await t.http().post('/people').set(auth(admin)).send({ fullName: 'Lê Văn Quoted', email });
        expect([res.status, res.body.errors?.[0]?.field]).toEqual([422, 'email']);
      }
      const file = `email,full_name\r\n"""a b""@convene.test",Lê Văn A\r\nok.${process.pid}@convene.test,Lê Văn B\r\n`;
      const imported = await t
        .http()
        .post('/people/import')
        .set(auth(admin))
        .set('Content-Type', 'text/csv')
        .send(Buffer.from(file));
      expect(imported.status).toBe(422);
      expect(imported.body.report.rejected).toEqual([
        expect.objectContaining({ line: 2, column: 'email', rule: 'isEmail' }),
      ]);
      await expect(
        t.dataSource.query(
          `SELECT count(*)::int AS n FROM person WHERE full_name = 'Lê Văn Quoted' OR email LIKE '"%'`,
        ),
      ).resolves.toEqual([{ n: 0 }]);
    });

    it('on the answer page, for a substitute, leaving the invitation as it was', async () => {
      const world = await invitationWorld(t, [{ key: 'a', name: 'Phạm Văn Quý', at: 0 }]);
      await invite(t, world, 'a', world.points[0].id);
      await sendAll(t, world);
      const token = answerTokenOf(to(await deliver(t), world.people.a.email)[0]);
      for (const substituteEmail of QUOTED_ADDRESSES) {
        const res = await t
          .http()
          .post(`/invitations/answer/${token}`)
          .type('form')
          .send({ answer: 'substitute', substituteName: 'Người thay', substituteEmail });
        expect([res.status, res.body.errors?.[0]?.field]).toEqual([422, 'substituteEmail']);
      }
      const list = await t.http().get(invitationsPath(world)).set(auth(world.token)).expect(200);
      expect(list.body.items.map((i: { answer: string | null }) => i.answer)).toEqual([null]);
    });
  });

  describe('calendar files served over HTTP', () => {
    it('writes a hostile conference title and agenda slot as one-line SUMMARY and DESCRIPTION values, nothing smuggled', async () => {
      const { token } = await apiUser(t, 'organizer');
      const c = await createConference(t, token, { title: hostile('Hội nghị có chương trình', 'agenda') });
      const at = (hhmm: string) => `2026-05-08T${hhmm}:00+07:00`;
      await t
        .http()
        .post(`/conferences/${c.id}/schedule`)
        .set(auth(token))
        .send({ startsAt: at('13:30'), endsAt: at('17:00') })
        .expect(200);
      const slotTitle = hostile('Khai mạc', 'slot');
      await t
        .http()
        .post(`/conferences/${c.id}/agenda/slots`)
        .set(auth(token))
        .send({
          startsAt: at('14:00'),
          durationMinutes: 10,
          title: slotTitle,
          kind: 'opening',
          performer: { text: hostile('Ban Tổ chức', 'performer') },
        })
        .expect(201);
      const res = await t.http().get(`/conferences/${c.id}/agenda.ics`).set(auth(token)).expect(200);
      expect(rawCalendarProblems(res.text)).toEqual([]);
      const names = contentLines(res.text).map(propertyName);
      expect(names.filter((n) => n.startsWith('X-INJECTED') || n === 'ATTENDEE')).toEqual([]);
      expect(names.filter((n) => n === 'METHOD')).toHaveLength(1);
      expect(contentLines(res.text)).toContain('METHOD:PUBLISH');
      const events = new ICAL.Component(ICAL.parse(res.text)).getAllSubcomponents('vevent');
      expect(events).toHaveLength(1);
      expect(String(events[0].getFirstPropertyValue('summary'))).toContain(singleLine(slotTitle));
      for (const name of ['summary', 'location', 'url']) {
        expect(CONTROL.test(String(events[0].getFirstPropertyValue(name) ?? ''))).toBe(false);
      }
    });
  });

  describe('afterwards', () => {
    it('leaves no injected address in any envelope the sink saw', async () => {
      const envelope = t.sink.messages.flatMap((m) => m.to);
      expect(envelope.length).toBeGreaterThan(10);
      expect(envelope.filter((address) => address.includes(ATTACKER))).toEqual([]);
    });
  });
});
