import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertSeedDirectory } from './support/conference-fixtures';
import {
  answerTokenOf,
  deliver,
  invitationsPath,
  invitationWorld,
  invite,
  InvitationWorld,
  sendAll,
  to,
} from './support/invitations';
import { makePdf } from './support/presentations';

/**
 * Hardening at the HTTP edge: security headers on API answers and HTML pages, CORS by CORS_ORIGINS,
 * size limits (JSON, forms, CSV imports, uploads), upload names, rate limits on the link pages,
 * token creation and uploads, and the lock-out's back-off. Already proven elsewhere, not repeated:
 * JSON over 2 MB → 413 (foundation), a PNG renamed .pdf → 415 and an upload over UPLOAD_MAX_BYTES →
 * 413 storing nothing (presentations, presentations-speaker), login limits across instances
 * (rate-limits), the first 30-second lock (foundation), speaker-page uploads per link (presentations-speaker).
 */

const LINKS_PER_MINUTE = 8;
const UPLOAD_MAX_BYTES = 200_000;
const CSV_MAX_BYTES = 64 * 1024 * 1024;

// Client addresses, one per test, so that the link budget of one test does not spill into another.
let addressCounter = 10;
const nextAddress = () => `198.51.100.${(addressCounter += 1)}`;

function expectSecurityHeaders(res: { headers: Record<string, string | undefined> }): void {
  const h = res.headers;
  expect(h['content-security-policy']).toEqual(expect.stringContaining("default-src 'self'"));
  expect(h['content-security-policy']).toEqual(expect.stringContaining("object-src 'none'"));
  expect(h['content-security-policy']).toEqual(expect.stringContaining("frame-ancestors 'self'"));
  expect(h['x-content-type-options']).toBe('nosniff');
  expect(h['x-frame-options']).toBe('SAMEORIGIN');
  // Plain HTTP: no HSTS (issue 13; HTTPS requests get it, test/security-review.e2e-spec.ts).
  expect(h['strict-transport-security']).toBeUndefined();
  expect(h['content-security-policy']).not.toContain("'unsafe-inline'");
  expect(h['referrer-policy']).toBe('no-referrer');
  expect(h['cross-origin-opener-policy']).toBe('same-origin');
  expect(h['x-powered-by']).toBeUndefined();
}

/** A request written by hand, so the test decides the declared length and how much is really sent. */
function rawPost(
  t: TestApp,
  urlPath: string,
  headers: Record<string, string>,
  body: { chunk: Buffer; times: number; last?: Buffer },
): Promise<{ status: number; contentType: string; body: string; bytesSent: number; ms: number }> {
  const server = t.app.getHttpServer() as http.Server;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answered = false;
    const req = http.request(
      {
        host: '127.0.0.1',
        port: (server.address() as AddressInfo).port,
        path: urlPath,
        method: 'POST',
        headers,
        agent: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type']),
            body: Buffer.concat(chunks).toString('utf8'),
            bytesSent,
            ms: Date.now() - started,
          });
          req.destroy();
        });
      },
    );
    // The server may stop reading once it has refused: a broken pipe after the answer is expected.
    req.on('error', (error) => (answered ? undefined : reject(new Error(`${error.message} after ${bytesSent} bytes`))));
    // times 0: the headers alone, then wait (the answer must not need the body).
    if (body.times === 0) return void req.flushHeaders();
    const write = (n: number) => {
      if (answered || n > body.times || (n === body.times && !body.last)) return answered ? undefined : req.end();
      const chunk = n === body.times ? body.last! : body.chunk;
      bytesSent += chunk.length;
      if (req.write(chunk)) setImmediate(() => write(n + 1));
      else req.once('drain', () => write(n + 1));
    };
    write(0);
  });
}

describe('Hardening: headers, CORS, size limits, uploads and rate limits', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let units: Record<string, string>;
  let world: InvitationWorld;
  let answerToken: string;

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        RATE_LIMIT_LINKS_PER_MINUTE: String(LINKS_PER_MINUTE),
        RATE_LIMIT_TOKENS_PER_MINUTE: '3',
        RATE_LIMIT_UPLOADS_PER_MINUTE: '3',
        UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES),
      },
    });
    t.clock.set('2023-02-14T02:00:00Z');
    const server = t.app.getHttpServer() as http.Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    organizer = await apiUser(t, 'organizer');
    units = await insertSeedDirectory(t);
    world = await invitationWorld(t, [{ key: 'a', name: 'Phạm Thị Ánh', at: 0 }]);
    await invite(t, world, 'a', world.points[0].id);
    await sendAll(t, world);
    answerToken = answerTokenOf(to(await deliver(t), world.people.a.email)[0]);
  });
  afterAll(() => t.close());

  /** A paper assignment with its speaker page. */
  const assignment = async () => {
    const c = await createConference(t, organizer.token, {
      title: 'Hội nghị CCHC 2022',
      window: { from: '2023-03-06', to: '2023-03-10' },
    });
    const res = await t.http().post(`/conferences/${c.id}/presentations`).set(auth(organizer.token)).send({
      unitId: units['QNA.D.NUITHANH'],
      topic: 'Chuyển đổi số',
      receivingUnitId: units['QNA.S.SNV'],
      due: 'chậm nhất ngày 24/02/2023',
    });
    expect(res.status).toBe(201);
    return { presentation: res.body, page: new URL(res.body.speakerLink.url).pathname };
  };
  const storedFiles = (presentationId: string) =>
    fs.readdir(path.join(t.config.storageDir, 'papers', presentationId)).catch(() => []);
  const submissionCount = async (presentationId: string) =>
    (
      await t.dataSource.query(`SELECT count(*)::int AS n FROM presentation_submission WHERE presentation_id = $1`, [
        presentationId,
      ])
    )[0].n;

  describe('security headers (helmet)', () => {
    it('are on API answers: JSON, problems, CSV', async () => {
      expectSecurityHeaders(await t.http().get('/health').expect(200));
      expectSecurityHeaders(await t.http().get('/conferences').expect(401));
      expectSecurityHeaders(await t.http().get('/no/such/route').expect(404));
      expectSecurityHeaders(await t.http().get('/units/export.csv').set(auth(organizer.token)).expect(200));
    });

    it('are on the HTML pages: the answer page, its invalid-link page, the speaker page', async () => {
      const ip = nextAddress();
      const answer = await t.http().get(`/invitations/answer/${answerToken}`).set('X-Forwarded-For', ip).expect(200);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expectSecurityHeaders(answer);
      expect(answer.headers['cache-control']).toBe('private, no-store');
      expectSecurityHeaders(
        await t.http().get('/invitations/answer/cvl_unknown').set('X-Forwarded-For', ip).expect(404),
      );
      const { page } = await assignment();
      const speaker = await t.http().get(page).set('X-Forwarded-For', ip).expect(200);
      expect(speaker.headers['content-type']).toMatch(/^text\/html/);
      expectSecurityHeaders(speaker);
      // The pages need no script: the policy would not run an injected one from elsewhere.
      expect(answer.text).not.toContain('<script');
      expect(speaker.text).not.toContain('<script');
    });
  });

  describe('CORS', () => {
    it('answers browsers only from the origins in CORS_ORIGINS, and none when it is unset', async () => {
      const allowed = 'https://congdichvucong.quangnam.gov.vn';
      const cors = await createTestApp({ env: { CORS_ORIGINS: `${allowed},https://portal.convene.test` } });
      try {
        const ok = await cors.http().get('/health').set('Origin', allowed).expect(200);
        expect(ok.headers['access-control-allow-origin']).toBe(allowed);
        expect(ok.headers.vary).toMatch(/Origin/);
        const preflight = await cors
          .http()
          .options('/auth/login')
          .set('Origin', allowed)
          .set('Access-Control-Request-Method', 'POST');
        expect(preflight.status).toBe(204);
        expect(preflight.headers['access-control-allow-origin']).toBe(allowed);
        expect(preflight.headers['access-control-allow-methods']).toContain('POST');
        const other = await cors.http().get('/health').set('Origin', 'https://attacker.test').expect(200);
        expect(other.headers['access-control-allow-origin']).toBeUndefined();
        const otherPreflight = await cors
          .http()
          .options('/auth/login')
          .set('Origin', 'https://attacker.test')
          .set('Access-Control-Request-Method', 'POST');
        expect(otherPreflight.headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await cors.close();
      }
      const none = await t.http().get('/health').set('Origin', allowed).expect(200);
      expect(none.headers['access-control-allow-origin']).toBeUndefined();
    });
  });

  describe('request size limits', () => {
    it('refuses a form over 256 KB on the answer page with 413, recording nothing', async () => {
      const res = await t
        .http()
        .post(`/invitations/answer/${answerToken}`)
        .set('X-Forwarded-For', nextAddress())
        .type('form')
        .send({ answer: 'declined', note: 'x'.repeat(300 * 1024) });
      expect(res.status).toBe(413);
      expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
      const list = await t.http().get(invitationsPath(world)).set(auth(world.token)).expect(200);
      expect(list.body.items.map((i: { answer: string | null }) => i.answer)).toEqual([null]);
    });

    it('refuses a JSON write over 2 MB with 413 problem+json, writing nothing', async () => {
      const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM conference`))[0].n;
      const res = await t
        .http()
        .post('/conferences')
        .set(auth(organizer.token))
        .send({ title: 'Hội nghị', kind: 'conference', format: 'online', contentItems: ['x'.repeat(3 * 1024 * 1024)] });
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      await expect(t.dataSource.query(`SELECT count(*)::int AS n FROM conference`)).resolves.toEqual([{ n: before }]);
    });

    it('refuses a CSV import that declares more than 64 MiB before reading it, and one that streams one byte past 64 MiB', async () => {
      const admin = await t.adminToken();
      const line = Buffer.from('external_code,name,kind\r\n');
      const declared = await rawPost(
        t,
        '/units/import',
        { Authorization: `Bearer ${admin}`, 'Content-Type': 'text/csv', 'Content-Length': String(CSV_MAX_BYTES + 1) },
        { chunk: line, times: 0 },
      );
      expect(declared.status).toBe(413);
      expect(declared.contentType).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(declared.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      // Guards run first: a caller without the right cannot make Convene read a large body at all.
      const anonymous = await rawPost(
        t,
        '/units/import',
        { 'Content-Type': 'text/csv', 'Content-Length': String(CSV_MAX_BYTES + 1) },
        { chunk: line, times: 0 },
      );
      expect(anonymous.status).toBe(401);

      // 64 MiB of rows in 1 MiB chunks, then one byte more: refused at the byte that passes the limit.
      const mib = Buffer.concat([line, Buffer.from('HCSV.X,Sở thử nghiệm,department\r\n'.repeat(40_000))]).subarray(
        0,
        1024 * 1024,
      );
      const streamed = await rawPost(
        t,
        '/units/import',
        { Authorization: `Bearer ${admin}`, 'Content-Type': 'text/csv', 'Transfer-Encoding': 'chunked' },
        { chunk: mib, times: 64, last: Buffer.from('\n') },
      );
      expect(streamed.status).toBe(413);
      expect(JSON.parse(streamed.body)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      expect(streamed.bytesSent).toBe(CSV_MAX_BYTES + 1);
      console.log(
        `CSV import: a declared 64 MiB + 1 refused in ${declared.ms} ms; 64 MiB + 1 streamed (chunked) refused in ${streamed.ms} ms`,
      );
      await expect(
        t.dataSource.query(`SELECT count(*)::int AS n FROM unit WHERE external_code = 'HCSV.X'`),
      ).resolves.toEqual([{ n: 0 }]);
    }, 60_000);

    it('answers a speaker-page upload over UPLOAD_MAX_BYTES with a 413 page, storing nothing', async () => {
      const { presentation, page } = await assignment();
      const big = Buffer.concat([await makePdf(1), Buffer.alloc(UPLOAD_MAX_BYTES)]);
      const res = await t
        .http()
        .post(page)
        .set({ 'X-Forwarded-For': nextAddress(), Accept: 'text/html' })
        .attach('file', big, 'lon.pdf');
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      await expect(submissionCount(presentation.id)).resolves.toBe(0);
      await expect(storedFiles(presentation.id)).resolves.toEqual([]);
    });
  });

  describe('uploads', () => {
    it('judges the type by the bytes, not by the name or the declared type: an HTML page sent as application/pdf is refused', async () => {
      const { presentation } = await assignment();
      const res = await t
        .http()
        .post(`/presentations/${presentation.id}/submissions`)
        .set(auth(organizer.token))
        .attach('file', Buffer.from('<html><body><script>alert(1)</script></body></html>'), {
          filename: 'tham-luan.pdf',
          contentType: 'application/pdf',
        });
      expect(res.status).toBe(415);
      expect(res.body).toMatchObject({
        code: 'UNSUPPORTED_FILE_TYPE',
        errors: [{ field: 'file', rule: 'paperFormat' }],
      });
      await expect(submissionCount(presentation.id)).resolves.toBe(0);
    });

    it('keeps a file name with line breaks out of the download’s headers, also for older stored names', async () => {
      const { presentation } = await assignment();
      const pdf = await makePdf(1);
      const boundary = 'convene-hardening';
      // RFC 5987 lets a form send a name with %0D%0A; the parser decodes it.
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%0D%0ASet-Cookie%3A%20sid%3D1%0D%0A.pdf\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        pdf,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const sent = await t
        .http()
        .post(`/presentations/${presentation.id}/submissions`)
        .set(auth(organizer.token))
        .set('Content-Type', `multipart/form-data; boundary=${boundary}`)
        .send(body);
      expect(sent.status).toBe(201);
      expect(sent.body.submission.fileName).not.toMatch(/[\r\n]/);
      expect(sent.body.submission.fileName).toContain('Set-Cookie');
      await t.dataSource.query(`UPDATE presentation_submission SET file_name = $2 WHERE presentation_id = $1`, [
        presentation.id,
        'Tham luận\r\nSet-Cookie: sid=2\r\n.pdf',
      ]);
      const file = await t
        .http()
        .get(`/presentations/${presentation.id}/submissions/${sent.body.submission.id}/file`)
        .set(auth(organizer.token));
      expect(file.status).toBe(200);
      expect(file.headers['set-cookie']).toBeUndefined();
      expect(file.headers['content-disposition']).toMatch(
        /^attachment; filename="[^"\r\n]*"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/,
      );
      expect(file.headers['content-disposition']).toContain('%0D%0ASet-Cookie');
    });
  });

  describe('rate limits', () => {
    /** Spends an address's link budget on `spend`, then answers the next request. */
    async function afterBudget(
      ip: string,
      spend: () => Promise<{ status: number }>[],
      next: () => Promise<{ status: number; headers: Record<string, string> }>,
    ) {
      const statuses: number[] = [];
      for (const request of spend()) statuses.push((await request).status);
      return { statuses, next: await next() };
    }

    it('share one budget per address over every link page, counting unknown links too (guessing costs)', async () => {
      const ip = nextAddress();
      const { page } = await assignment();
      // The world's conference is the admin's: only those who organize every conference in a feed mint it.
      const feed = await t
        .http()
        .post(`/feeds/people/${world.people.a.id}`)
        .set(auth(await t.adminToken()))
        .expect(201);
      const feedPath = new URL(feed.body.url).pathname;
      const answerPage = `/invitations/answer/${answerToken}`;
      const spent = await afterBudget(
        ip,
        () => [
          t.http().get('/invitations/answer/cvl_guess1').set('X-Forwarded-For', ip),
          t.http().get('/invitations/answer/cvl_guess2').set('X-Forwarded-For', ip),
          t.http().get('/speaker/cvl_guess3').set('X-Forwarded-For', ip),
          t.http().get('/feeds/cvl_guess4.ics').set('X-Forwarded-For', ip),
          t.http().get(answerPage).set('X-Forwarded-For', ip),
          t.http().post(answerPage).type('form').send({ answer: 'tentative' }).set('X-Forwarded-For', ip),
          t.http().get(page).set('X-Forwarded-For', ip),
          t.http().get(feedPath).set('X-Forwarded-For', ip),
        ],
        () => t.http().get(answerPage).set('X-Forwarded-For', ip),
      );
      expect(spent.statuses).toEqual([404, 404, 404, 404, 200, 200, 200, 200]);
      expect(spent.next.status).toBe(429);
      expect(Number(spent.next.headers['retry-after'])).toBeGreaterThan(0);
      // Every link page refuses that address now, as a page for people and as a problem for calendar clients.
      const asBrowser = { 'X-Forwarded-For': ip, Accept: 'text/html' };
      for (const refused of [
        await t.http().get(page).set(asBrowser),
        await t.http().post(answerPage).type('form').send({ answer: 'declined' }).set(asBrowser),
      ]) {
        expect(refused.status).toBe(429);
        expect(refused.headers['content-type']).toMatch(/^text\/html/);
      }
      const feedRefused = await t.http().get(feedPath).set('X-Forwarded-For', ip);
      expect(feedRefused.status).toBe(429);
      expect(feedRefused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      // The refused answer was not recorded; another address still gets through.
      const list = await t.http().get(invitationsPath(world)).set(auth(world.token)).expect(200);
      expect(list.body.items[0].answer).toBe('tentative');
      await t.http().get(answerPage).set('X-Forwarded-For', nextAddress()).expect(200);
    });

    it('limit API tokens created per user (RATE_LIMIT_TOKENS_PER_MINUTE), not per address', async () => {
      const user = await t.userToken('organizer');
      const other = await t.userToken('organizer');
      for (let i = 0; i < 3; i += 1) {
        await t
          .http()
          .post('/auth/tokens')
          .set(auth(user.token))
          .set('X-Forwarded-For', nextAddress())
          .send({ name: `tích hợp ${i}` })
          .expect(201);
      }
      const refused = await t
        .http()
        .post('/auth/tokens')
        .set(auth(user.token))
        .set('X-Forwarded-For', nextAddress())
        .send({ name: 'một nữa' });
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      await expect(
        t.dataSource.query(`SELECT count(*)::int AS n FROM api_token WHERE user_id = $1`, [user.userId]),
      ).resolves.toEqual([{ n: 3 }]);
      await t.http().post('/auth/tokens').set(auth(other.token)).send({ name: 'của người khác' }).expect(201);
    });

    it('limit uploads through the API per user (RATE_LIMIT_UPLOADS_PER_MINUTE), storing nothing past the budget', async () => {
      const uploader = await apiUser(t, 'organizer');
      const c = await createConference(t, uploader.token, {
        title: 'Hội nghị tải tệp',
        window: { from: '2023-03-06', to: '2023-03-10' },
      });
      const p = await t
        .http()
        .post(`/conferences/${c.id}/presentations`)
        .set(auth(uploader.token))
        .send({ unitId: units['QNA.S.STP'], topic: 'Cải cách thể chế', due: 'chậm nhất ngày 24/02/2023' })
        .expect(201);
      const pdf = await makePdf(2);
      for (let i = 0; i < 3; i += 1)
        await t
          .http()
          .post(`/presentations/${p.body.id}/submissions`)
          .set(auth(uploader.token))
          .attach('file', pdf, `v${i}.pdf`)
          .expect(201);
      const refused = await t
        .http()
        .post(`/presentations/${p.body.id}/submissions`)
        .set(auth(uploader.token))
        .attach('file', pdf, 'v4.pdf');
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      await expect(submissionCount(p.body.id)).resolves.toBe(3);
      await expect(storedFiles(p.body.id)).resolves.toHaveLength(3);
    });
  });

  describe('account lock-out', () => {
    it('doubles the lock with each failure after the fifth, up to an hour, and a success clears it', async () => {
      const email = `khoa.${process.pid}@convene.test`;
      const { userId } = await t.userToken('organizer', email);
      const fail = () =>
        t
          .http()
          .post('/auth/login')
          .set('X-Forwarded-For', nextAddress())
          .send({ email, password: 'wrong-password' })
          .expect(401);
      const lockSeconds = async () => {
        const [row] = await t.dataSource.query(`SELECT locked_until FROM app_user WHERE id = $1`, [userId]);
        return row.locked_until
          ? Math.round((new Date(row.locked_until).getTime() - t.clock.now().getTime()) / 1000)
          : 0;
      };
      for (let i = 0; i < 4; i += 1) await fail();
      await expect(lockSeconds()).resolves.toBe(0);
      const locks: number[] = [];
      for (let i = 0; i < 9; i += 1) {
        await fail();
        const seconds = await lockSeconds();
        locks.push(seconds);
        // While locked, even the right password is refused, and does not count.
        await t.http().post('/auth/login').send({ email, password: 'password-for-tests' }).expect(401);
        t.clock.advance((seconds + 1) * 1000);
      }
      expect(locks).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
      await t.http().post('/auth/login').send({ email, password: 'password-for-tests' }).expect(200);
      await expect(
        t.dataSource.query(`SELECT failed_logins, locked_until FROM app_user WHERE id = $1`, [userId]),
      ).resolves.toEqual([{ failed_logins: 0, locked_until: null }]);
    });
  });
});
