import { Page } from 'playwright-core';
import { createTestApp, TestApp } from './support/app';
import { checkScreen as checkScreenOf, ConsoleBrowser, launchConsoleBrowser } from './support/browser';
import { auth } from './support/conference-fixtures';
import { ensureConsoleBuilt } from './support/console-build';
import { FakeClock } from './support/fake-clock';
import { freePort } from './support/free-port';
import { deliver, insertPersonAt, invitationsPath, invitationWorld, InvitationWorld, to } from './support/invitations';

/**
 * The site coordinator's page in a real Chromium: the organizer sets up a conference with a host
 * and a district point and mails the point's coordinator a link (all through the API); the
 * coordinator opens the mailed link, sees their point, invites three people (a wrong e-mail
 * first, said at the field; one found in the directory) and sees them listed, sends and withdraws;
 * a revoked link reads as a plain message.
 */
describe('The site coordinator’s page in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: ConsoleBrowser;
  let page: Page;
  let world: InvitationWorld;
  let linkUrl: string;
  const coordinatorEmail = `dieuphoi.site.${process.pid}@convene.test`;

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await createTestApp({ clock: new FakeClock(new Date('2026-03-20T02:00:00Z')) });
    const port = await freePort();
    await t.app.listen(port, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    world = await invitationWorld(t, [], { points: 1 });
    const point = world.points[0];
    const points = `/conferences/${world.conference.id}/bridge-points`;
    const coordinator = await insertPersonAt(t, 'Nguyễn Điều Phối', coordinatorEmail, point.unitId, 'Chánh Văn phòng');
    await insertPersonAt(
      t,
      'Võ Thị Bốn',
      `vo.bon.${process.pid}@convene.test`,
      point.unitId,
      'Chủ tịch UBND xã Đại Hiệp',
    );
    await t
      .http()
      .patch(`${points}/${point.id}`)
      .set(auth(world.token))
      .send({
        coordinatorPersonId: coordinator,
        room: 'Phòng họp trực tuyến UBND huyện',
        address: '2 Nguyễn Tất Thành, thị trấn Ái Nghĩa',
        meetingLink: 'https://meet.quangnam.gov.vn/dai-loc',
      })
      .expect(200);
    await t
      .http()
      .post(`/conferences/${world.conference.id}/composition/rules`)
      .set(auth(world.token))
      .send({
        site: { kind: 'bridge_point', id: point.id },
        label: 'Chủ tịch UBND các xã, thị trấn',
        units: { ids: [point.unitId] },
        everyone: true,
      })
      .expect(201);
    await t
      .http()
      .post(`${invitationsPath(world)}/coordinator-links`)
      .set(auth(world.token))
      .send({ siteId: point.id })
      .expect(201);
    const [mail] = to(await deliver(t), coordinatorEmail);
    const mailed = /(http:\/\/convene\.test\/app\/site\/\S+)/.exec(mail.parsed.text ?? '')![1];
    // The mail names the configured public address; the test server listens elsewhere.
    linkUrl = mailed.replace('http://convene.test', base);
    browser = await launchConsoleBrowser(base);
    page = browser.page;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const checkScreen = (name: string) => checkScreenOf(page, name);
  const fieldOf = (label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });

  async function invite(name: string, email: string, position: string): Promise<void> {
    await page.getByLabel('Họ và tên *').fill(name);
    await page.getByLabel('Thư điện tử *').fill(email);
    await page.getByLabel('Chức vụ').fill(position);
    await page.getByRole('button', { name: 'Mời đại biểu này' }).click();
  }

  it('opens the mailed link and shows the conference and the point, in Vietnamese', async () => {
    await page.goto(linkUrl);
    await page.getByRole('heading', { name: world.conference.title }).waitFor();
    const facts = await page.locator('.facts').innerText();
    expect(facts).toContain('08/04/2026 07:30 – 11:30');
    expect(facts).toContain('giờ Asia/Ho_Chi_Minh');
    expect(facts).toContain(world.points[0].name);
    expect(facts).toContain('Phòng họp trực tuyến UBND huyện');
    expect(facts).toContain('2 Nguyễn Tất Thành, thị trấn Ái Nghĩa');
    expect(facts).toContain('https://meet.quangnam.gov.vn/dai-loc');
    expect(facts).toContain('Chủ tịch UBND các xã, thị trấn');
    await page.getByRole('heading', { name: 'Đại biểu đã mời (0)' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('vi');
    await checkScreen('site-empty');
  });

  it('takes the secret out of the address bar and keeps it for this tab only', async () => {
    expect(page.url()).toBe(linkUrl.split('#')[0]);
    await expect(page.evaluate<string[]>('Object.keys(localStorage)')).resolves.not.toContain(
      expect.stringMatching(/^convene\.site/),
    );
    await expect(
      page.evaluate<string | null>(`sessionStorage.getItem('convene.site.${world.conference.id}')`),
    ).resolves.toBe(linkUrl.split('#k=')[1]);
    await page.reload();
    await page.getByRole('heading', { name: 'Đại biểu đã mời (0)' }).waitFor();
  });

  it('shows the API’s refusal of a wrong e-mail at that field', async () => {
    await invite('Trần Văn Một', 'tran.mot@', 'Chủ tịch UBND xã Ái Nghĩa');
    const message = fieldOf('Thư điện tử *').locator('.field-error');
    await message.waitFor();
    await expect(message.textContent()).resolves.toBe('Thư điện tử không hợp lệ, ví dụ ten@quangnam.gov.vn.');
    await expect(page.locator('.field-error').count()).resolves.toBe(1);
    await expect(page.getByLabel('Thư điện tử *').getAttribute('aria-invalid')).resolves.toBe('true');
    await checkScreen('site-error');
  });

  it('invites three people one at a time — two by name and e-mail, one found in the directory — and lists them', async () => {
    await page.getByLabel('Thư điện tử *').fill(`tran.mot.${process.pid}@convene.test`);
    await page.getByRole('button', { name: 'Mời đại biểu này' }).click();
    await page.getByRole('heading', { name: 'Đại biểu đã mời (1)' }).waitFor();
    await invite('Phạm Văn Ba', `pham.ba.${process.pid}@convene.test`, 'Chủ tịch UBND thị trấn Ái Nghĩa');
    await page.getByRole('heading', { name: 'Đại biểu đã mời (2)' }).waitFor();
    await page.getByRole('searchbox', { name: 'Tìm theo họ tên (không cần dấu)' }).fill('vo thi bon');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    const candidates = page.locator('.candidate-list .invitee');
    await candidates.filter({ hasText: 'Võ Thị Bốn' }).waitFor();
    await expect(candidates.count()).resolves.toBe(1);
    await expect(candidates.innerText()).resolves.toContain('Chủ tịch UBND xã Đại Hiệp');
    await checkScreen('site-directory');
    await page.getByRole('button', { name: 'Mời Võ Thị Bốn' }).click();
    await page.getByRole('heading', { name: 'Đại biểu đã mời (3)' }).waitFor();
    await page.getByText('Không còn ai trong danh bạ phù hợp').waitFor();
    const list = page.locator('.invitee-list:not(.candidate-list) .invitee');
    await expect(list.count()).resolves.toBe(3);
    const text = await page.locator('.invitee-list:not(.candidate-list)').innerText();
    for (const name of ['Trần Văn Một', 'Phạm Văn Ba', 'Võ Thị Bốn']) expect(text).toContain(name);
    expect(text).toContain('Chủ tịch UBND thị trấn Ái Nghĩa');
    expect(text).toContain('Chưa gửi giấy mời');
    const rows = await t.dataSource.query(
      `SELECT p.full_name, i.source, i.added_by_kind FROM invitation i JOIN person p ON p.id = i.person_id
        WHERE i.conference_id = $1 AND i.bridge_point_id = $2 AND i.withdrawn_at IS NULL ORDER BY p.full_name`,
      [world.conference.id, world.points[0].id],
    );
    expect(rows).toEqual([
      { full_name: 'Phạm Văn Ba', source: 'coordinator', added_by_kind: 'link' },
      { full_name: 'Trần Văn Một', source: 'coordinator', added_by_kind: 'link' },
      { full_name: 'Võ Thị Bốn', source: 'coordinator', added_by_kind: 'link' },
    ]);
    await checkScreen('site-invited');
  });

  it('sends the invitations: on their way, then, once the relay took them, no answer yet', async () => {
    await page.getByRole('button', { name: 'Gửi giấy mời (3 chưa gửi)' }).click();
    await page.getByText('Đã xếp 3 giấy mời vào hàng gửi.').waitFor();
    const sending = page.locator('.invitee-list:not(.candidate-list) .invitee', { hasText: 'Đang gửi giấy mời' });
    await sending.nth(2).waitFor();
    await expect(page.getByRole('button', { name: /Gửi giấy mời/ }).count()).resolves.toBe(0);
    await deliver(t);
    await page.reload();
    const waiting = page.locator('.invitee-list:not(.candidate-list) .invitee', { hasText: 'Chưa xác nhận tham dự' });
    await waiting.nth(2).waitFor();
    await expect(waiting.count()).resolves.toBe(3);
    await expect(page.getByRole('button', { name: /Gửi giấy mời/ }).count()).resolves.toBe(0);
  });

  it('withdraws an invitation it added', async () => {
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Thu hồi giấy mời của Phạm Văn Ba' }).click();
    await page.getByRole('heading', { name: 'Đại biểu đã mời (2)' }).waitFor();
    await expect(page.locator('.invitee-list:not(.candidate-list)').innerText()).resolves.not.toContain('Phạm Văn Ba');
  });

  it('reads in English at the switch, official terms beside', async () => {
    await page.getByRole('button', { name: 'English – chuyển sang tiếng Anh' }).click();
    await page.getByRole('heading', { name: 'Delegates invited (2)' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('.facts').innerText()).resolves.toContain('Bridge point (Điểm cầu)');
    await expect(page.getByRole('status').textContent()).resolves.toBe('The invitation of Phạm Văn Ba is withdrawn.');
    await checkScreen('site-en');
    await page.getByRole('button', { name: 'Tiếng Việt – switch to Vietnamese' }).click();
    await page.getByRole('heading', { name: 'Đại biểu đã mời (2)' }).waitFor();
  });

  it('shows a plain message, not a blank page, once the link is revoked', async () => {
    await t
      .http()
      .delete(`${invitationsPath(world)}/coordinator-links/${world.points[0].id}`)
      .set(auth(world.token))
      .expect(204);
    await page.reload();
    const message = page.getByRole('alert');
    await message.waitFor();
    await expect(message.textContent()).resolves.toBe(
      'Đường dẫn đã hết hạn hoặc bị thu hồi; hãy liên hệ đơn vị tổ chức.',
    );
    await checkScreen('site-revoked');
  });

  it('broke no Content-Security-Policy rule and asked nothing of the internet', () => {
    expect(browser.cspViolations).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });
});
