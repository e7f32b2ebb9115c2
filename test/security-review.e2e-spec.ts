import { createHash } from 'node:crypto';
import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertSeedDirectory } from './support/conference-fixtures';
import {
  answerTokenOf,
  deliver,
  invitationWorld,
  invite,
  InvitationWorld,
  received,
  sendAll,
  to,
} from './support/invitations';
import { makePdf } from './support/presentations';
import type { CapturedMessage } from './support/smtp-sink';

/** The CSP directive `name` of a header, as a list of sources. */
const directive = (csp: string, name: string) =>
  (csp.split(';').find((d) => d.trim().startsWith(`${name} `)) ?? '').trim().split(/\s+/).slice(1);

/** A page that a strict policy still shows whole: no inline script, and each inline style allowed by its hash. */
function expectStrictPolicyFits(res: { headers: Record<string, string>; text: string }): void {
  const csp = res.headers['content-security-policy'];
  expect(directive(csp, 'script-src')).toEqual(["'self'"]);
  expect(directive(csp, 'script-src-attr')).toEqual(["'none'"]);
  expect(csp).not.toContain("'unsafe-inline'");
  expect(res.text).not.toMatch(/<script|\son[a-z]+=|\sstyle=/i);
  const styles = [...res.text.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
  expect(styles.length).toBeGreaterThan(0);
  for (const css of styles)
    expect(directive(csp, 'style-src')).toContain(`'sha256-${createHash('sha256').update(css).digest('base64')}'`);
}

/**
 * Findings of the security review (issue 13): meeting links that are no http(s) link (item 5), and
 * invisible format characters — right-to-left overrides, zero-width characters — in what mail and
 * calendars show (item 14), and the Content-Security-Policy and HSTS headers (item 13). Each through the API and the mail the SMTP sink received.
 */

const RLO = '\u202e';
const INVISIBLES = ['\u202e', '\u202d', '\u2066', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad'];
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

describe('Security review: meeting links, invisible characters, CSP and HSTS', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-03-01T02:00:00Z');
  });
  afterAll(() => t.close());

  describe('meeting links (item 5)', () => {
    let world: InvitationWorld;

    beforeAll(async () => {
      world = await invitationWorld(t, [
        { key: 'a', name: 'Nguyễn Văn An', at: 0 },
        { key: 'b', name: 'Trần Thị Bình', at: 1 },
      ]);
    });
    const pointPath = (id: string) => `/conferences/${world.conference.id}/bridge-points/${id}`;

    it('refuses a link that is not http or https, or that holds a line break, with 422 naming the field', async () => {
      for (const link of [
        'javascript:alert(1)',
        ' JavaScript:alert(document.cookie)',
        'data:text/html,<script>alert(1)</script>',
        'vbscript:msgbox(1)',
        'meet.convene.test/qn',
        'https://meet.convene.test/qn\r\nBcc: x@attacker.test',
        'https://meet.convene.test/q\nn',
        `https://meet.convene.test/${RLO}np`,
      ]) {
        const res = await t
          .http()
          .patch(pointPath(world.points[0].id))
          .set(auth(world.token))
          .send({ meetingLink: link });
        expect([res.status, res.body.errors?.[0]]).toEqual([
          422,
          expect.objectContaining({ field: 'meetingLink', rule: 'isHttpLink' }),
        ]);
      }
      const created = await t
        .http()
        .post(`/conferences/${world.conference.id}/bridge-points`)
        .set(auth(world.token))
        .send({ name: 'Điểm cầu phụ', meetingLink: 'javascript:alert(1)' });
      expect([created.status, created.body.errors?.[0]?.field]).toEqual([422, 'meetingLink']);
      const [row] = await t.dataSource.query(`SELECT meeting_link FROM bridge_point WHERE id = $1`, [
        world.points[0].id,
      ]);
      expect(row.meeting_link).toBeNull();
    });

    it('takes http and https links, and a blank one still clears the link', async () => {
      for (const link of ['http://hop.quangnam.gov.vn/p', 'https://meet.convene.test/qn-690?pwd=1']) {
        const res = await t
          .http()
          .patch(pointPath(world.points[0].id))
          .set(auth(world.token))
          .send({ meetingLink: link });
        expect([res.status, res.body.meetingLink]).toEqual([200, link]);
      }
      const cleared = await t
        .http()
        .patch(pointPath(world.points[1].id))
        .set(auth(world.token))
        .send({ meetingLink: '' });
      expect([cleared.status, cleared.body.meetingLink]).toEqual([200, null]);
    });

    it('renders a good link as a link and an older stored bad one as text only, never as <a href>', async () => {
      await t.dataSource.query(`UPDATE bridge_point SET meeting_link = $2 WHERE id = $1`, [
        world.points[1].id,
        'javascript:alert(1)',
      ]);
      await invite(t, world, 'a', world.points[0].id);
      await invite(t, world, 'b', world.points[1].id);
      await sendAll(t, world);
      const messages = await deliver(t);
      const [a] = to(messages, world.people.a.email);
      const [b] = to(messages, world.people.b.email);
      expect(a.parsed.html).toContain('<a href="https://meet.convene.test/qn-690?pwd=1">');
      const html = String(b.parsed.html);
      expect(html).not.toMatch(/href="\s*javascript:/i);
      expect(html).toContain('javascript:alert(1)');
      expect(html.match(/<a href="([^"]*)"/g)?.every((h) => /^<a href="https?:\/\//.test(h))).toBe(true);
    });
  });

  describe('invisible format characters (item 14)', () => {
    it('refuses them in unit and person names through the API, naming the field', async () => {
      const admin = await t.adminToken();
      for (const [i, c] of INVISIBLES.entries()) {
        const unit = await t
          .http()
          .post('/units')
          .set(auth(admin))
          .send({ name: `Sở Nội vụ ${c}gnaS`, kind: 'department' });
        expect([unit.status, unit.body.errors?.[0]]).toEqual([
          422,
          expect.objectContaining({ field: 'name', rule: 'matches' }),
        ]);
        const person = await t
          .http()
          .post('/people')
          .set(auth(admin))
          .send({ fullName: `Lê Văn${c} A`, email: `invisible${i}.${process.pid}@convene.test` });
        expect([person.status, person.body.errors?.[0]]).toEqual([
          422,
          expect.objectContaining({ field: 'fullName', rule: 'matches' }),
        ]);
      }
    });

    it('refuses them in a people CSV import, naming the column', async () => {
      const admin = await t.adminToken();
      const csv = `full_name,email\r\nLê Văn${RLO} B,csv.${process.pid}@convene.test\r\n`;
      const res = await t
        .http()
        .post('/people/import')
        .set(auth(admin))
        .set('Content-Type', 'text/csv')
        .send(Buffer.from(csv));
      expect(res.status).toBe(422);
      expect(res.body.report.rejected).toEqual([expect.objectContaining({ column: 'full_name', rule: 'singleLine' })]);
    });

    describe('in what is sent', () => {
      let world: InvitationWorld;
      let message: CapturedMessage;

      beforeAll(async () => {
        // Titles and point names are kept as written (the API takes them); older names come by SQL.
        world = await invitationWorld(t, [{ key: 'a', name: 'Nguyễn Văn An', at: 0 }], {
          title: `Hội nghị ${RLO}gnud ihc\u200b tổng kết\u2066 năm 2025`,
        });
        await t.dataSource.query(`UPDATE person SET full_name = $2 WHERE id = $1`, [
          world.people.a.id,
          `Nguyễn${RLO} Văn\u200d An\ufeff`,
        ]);
        const point = await t
          .http()
          .patch(`/conferences/${world.conference.id}/bridge-points/${world.points[0].id}`)
          .set(auth(world.token))
          .send({ name: `Điểm cầu ${RLO}hnàhT iúN`, room: `Phòng\u200b họp` });
        expect(point.status).toBe(200);
        await invite(t, world, 'a', world.points[0].id);
        await sendAll(t, world);
        [message] = to(await deliver(t), world.people.a.email);
      });

      it('strips them from the subject and the recipient’s display name', () => {
        expect(message.parsed.subject).toBe('Giấy mời: Hội nghị gnud ihc tổng kết năm 2025');
        expect(message.parsed.to).toMatchObject({ value: [{ address: world.people.a.email, name: 'Nguyễn Văn An' }] });
        const headers = message.raw.toString('utf8').split('\r\n\r\n')[0];
        expect(headers).not.toMatch(/=E2=80=AE|E280AE|4oCu/i);
      });

      it('strips them from SUMMARY, LOCATION and the attendee’s CN', () => {
        const invitation = received(message, world.people.a.email);
        expect(invitation.event.summary).toBe('Hội nghị gnud ihc tổng kết năm 2025');
        expect(invitation.event.location).toContain('Điểm cầu hnàhT iúN — Phòng họp');
        expect(invitation.calendar).not.toMatch(INVISIBLE);
        expect(invitation.event.attendees[0]).toMatchObject({ cn: 'Nguyễn Văn An' });
      });
    });

    it('strips them from an uploaded file’s name', async () => {
      const { token } = await apiUser(t, 'organizer');
      const units = await insertSeedDirectory(t);
      const c = await createConference(t, token, {
        title: 'Hội nghị CCHC',
        window: { from: '2026-03-06', to: '2026-03-10' },
      });
      const assignment = await t.http().post(`/conferences/${c.id}/presentations`).set(auth(token)).send({
        unitId: units['QNA.D.NUITHANH'],
        topic: 'Chuyển đổi số',
        receivingUnitId: units['QNA.S.SNV'],
        due: 'chậm nhất ngày 24/02/2026',
      });
      expect(assignment.status).toBe(201);
      const res = await t
        .http()
        .post(`/presentations/${assignment.body.id}/submissions`)
        .set(auth(token))
        .attach('file', await makePdf(1), {
          filename: `tham-luan-${RLO}fdp.exe\u200b.pdf`,
          contentType: 'application/pdf',
        });
      expect(res.status).toBe(201);
      expect(res.body.submission.fileName).toBe('tham-luan-fdp.exe.pdf');
    });
  });
  describe('Content-Security-Policy and HSTS (item 13)', () => {
    let world: InvitationWorld;
    let answerPath: string;

    beforeAll(async () => {
      world = await invitationWorld(t, [{ key: 'a', name: 'Phạm Thị Ánh', at: 0 }]);
      await invite(t, world, 'a', world.points[0].id);
      await sendAll(t, world);
      answerPath = `/invitations/answer/${answerTokenOf(to(await deliver(t), world.people.a.email)[0])}`;
    });

    it('is strict on the answer page, yet allows its own inline style by hash', async () => {
      expectStrictPolicyFits(await t.http().get(answerPath).expect(200));
      expectStrictPolicyFits(await t.http().get('/invitations/answer/cvl_unknown').set('Accept', 'text/html'));
    });

    it('is strict on the speaker page and the printed agenda, which keep their styles', async () => {
      const { token } = await apiUser(t, 'organizer');
      const c = await createConference(t, token, {
        title: 'Hội nghị',
        window: { from: '2026-03-06', to: '2026-03-10' },
      });
      const units = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM unit ORDER BY created_at LIMIT 2`);
      const assignment = await t.http().post(`/conferences/${c.id}/presentations`).set(auth(token)).send({
        unitId: units[0].id,
        topic: 'Chuyển đổi số',
        receivingUnitId: units[1].id,
        due: 'chậm nhất ngày 24/02/2026',
      });
      expect(assignment.status).toBe(201);
      expectStrictPolicyFits(await t.http().get(new URL(assignment.body.speakerLink.url).pathname).expect(200));
      expectStrictPolicyFits(
        await t.http().get(`/conferences/${world.conference.id}/agenda.html`).set(auth(world.token)).expect(200),
      );
    });

    it('is strict on API answers and allows inline scripts on /docs only', async () => {
      const api = await t.http().get('/health').expect(200);
      expect(directive(api.headers['content-security-policy'], 'script-src')).toEqual(["'self'"]);
      const docs = await t.http().get('/docs/').expect(200);
      expect(directive(docs.headers['content-security-policy'], 'script-src')).toEqual(["'self'", "'unsafe-inline'"]);
      expect(docs.text).toContain('swagger');
    });

    it('sends HSTS on HTTPS requests only, by req.secure under the trust proxy setting', async () => {
      const express = t.app.getHttpAdapter().getInstance() as {
        get(k: string): unknown;
        set(k: string, v: unknown): void;
      };
      const before = express.get('trust proxy');
      try {
        express.set('trust proxy', 'loopback');
        const plain = await t.http().get('/health').expect(200);
        expect(plain.headers['strict-transport-security']).toBeUndefined();
        const proxied = await t.http().get(answerPath).set('X-Forwarded-Proto', 'https').expect(200);
        expect(proxied.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
        express.set('trust proxy', false);
        const untrusted = await t.http().get('/health').set('X-Forwarded-Proto', 'https').expect(200);
        expect(untrusted.headers['strict-transport-security']).toBeUndefined();
      } finally {
        express.set('trust proxy', before);
      }
    });
  });
});
