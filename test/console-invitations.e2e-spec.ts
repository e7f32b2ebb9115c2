import * as path from 'node:path';
import { Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './support/app';
import { checkScreen as checkScreenOf, ConsoleBrowser, launchConsoleBrowser, SCREENSHOTS } from './support/browser';
import { auth } from './support/conference-fixtures';
import { ensureConsoleBuilt } from './support/console-build';
import { FakeClock } from './support/fake-clock';
import { freePort } from './support/free-port';
import { answerTokenOf, deliver, invitationWorld, InvitationWorld, to } from './support/invitations';

const DAY = 86_400_000;
/** A day a month ahead, 07:30–11:30 in Vietnam: the conference is in the future whatever today is. */
const ahead = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10);

/**
 * The invitations board in a real Chromium: a scheduled conference with points and composition
 * rules made through the API; from the console the organizer previews the letter, generates the
 * invitations, sends them (after being told how many), follows the answers (a deputy, a changed
 * date to confirm again), searches and filters, previews one person's letter, resends and
 * withdraws. axe on each screen, screenshots at 1366×768 and 360×800.
 */
describe('The console: invitations board and letter preview', () => {
  let t: TestApp;
  let base: string;
  let browser: ConsoleBrowser;
  let page: Page;
  let world: InvitationWorld;
  let boardUrl: string;
  const rows = () => page.locator('.board-table tbody tr');
  const rowOf = (name: string) => rows().filter({ has: page.locator('.invitee-name', { hasText: name }) });
  /** The board once its list has loaded (aria-busy gone) with `n` rows: the server's answer, not the previous page. */
  const boardShows = async (n: number, names: string[] = []) => {
    // Polled over DevTools: waitForFunction evaluates a string in the page, which the console's CSP forbids.
    const probe =
      `!document.querySelector('.board-list[aria-busy]') && document.querySelectorAll('.board-table tbody tr').length === ${n}` +
      names
        .map((name) => ` && document.querySelector('.board-table tbody').innerText.includes(${JSON.stringify(name)})`)
        .join('');
    for (let waited = 0; !(await page.evaluate<boolean>(probe)); waited += 100) {
      if (waited > 15_000)
        throw new Error(
          `${await page.locator('.board').innerText()}\n` +
            `the board did not show ${n} rows: ${(await rows().allInnerTexts()).join(' | ')}`,
        );
      await page.waitForTimeout(100);
    }
    return rows().allInnerTexts();
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
    t = await createTestApp({ clock: new FakeClock(new Date()) });
    const day = ahead(30);
    world = await invitationWorld(
      t,
      [
        { key: 'binh', name: 'Trần Văn Bình', at: 0 },
        { key: 'lan', name: 'Nguyễn Thị Lan', at: 1 },
        { key: 'hung', name: 'Lê Quốc Hùng', at: 2 },
        { key: 'mai', name: 'Phạm Thị Mai', at: 'host' },
      ],
      { points: 3 },
    );
    // Scheduled a month ahead (the fixture's default date may be past by the real clock).
    const scheduled = await t
      .http()
      .post(`/conferences/${world.conference.id}/schedule`)
      .set(auth(world.token))
      .send({ startsAt: `${day}T07:30:00+07:00`, endsAt: `${day}T11:30:00+07:00` });
    expect(scheduled.status).toBe(200);
    for (const point of [world.hostPoint, ...world.points]) {
      const rule = await t
        .http()
        .post(`/conferences/${world.conference.id}/composition/rules`)
        .set(auth(world.token))
        .send({
          site: { kind: 'bridge_point', id: point.id },
          label: 'Chủ tịch',
          units: { ids: [point.unitId] },
          roles: ['head'],
        });
      expect(rule.status).toBe(201);
    }
    const port = await freePort();
    await t.app.listen(port, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    browser = await launchConsoleBrowser(base);
    page = browser.page;
    boardUrl = `${base}/app/conferences/${world.conference.id}/invitations`;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const checkScreen = (name: string) => checkScreenOf(page, name);

  it('opens the Giấy mời tab of the conference: nobody invited yet, the letter shown to a sample invitee', async () => {
    await page.goto(`${base}/app/login`);
    await page.getByLabel('Thư điện tử').fill(ADMIN_EMAIL);
    await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Danh sách hội nghị' }).waitFor();
    await page.goto(`${base}/app/conferences/${world.conference.id}`);
    await page.getByRole('link', { name: 'Giấy mời' }).click();
    await page.getByRole('heading', { name: 'Giấy mời', level: 2 }).waitFor();
    expect(page.url()).toBe(boardUrl);
    await page.getByText('Chưa có ai được mời.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Xem trước giấy mời' }).click();
    await page.getByText('Người nhận mẫu (chưa có ai được mời)', { exact: false }).waitFor();
    const letter = page.frameLocator('iframe.letter-frame').locator('body');
    await expect(letter.innerText()).resolves.toContain('Nguyễn Văn A');
    await expect(letter.innerText()).resolves.toContain(world.conference.title);
    await checkScreen('invitations-empty-preview');
    await page.getByRole('button', { name: 'Đóng bản xem trước' }).first().click();
  });

  it('generates the invitations from the composition, then sends them after saying how many will go', async () => {
    await page.getByRole('button', { name: 'Tạo danh sách mời theo thành phần' }).click();
    await page.getByText('Đã thêm 4 người mời mới (0 người đã có).').waitFor();
    await boardShows(4);
    await expect(rowOf('Trần Văn Bình').innerText()).resolves.toContain('Chưa gửi');
    await page.getByRole('button', { name: 'Gửi giấy mời (4)' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Gửi giấy mời?' });
    await expect(dialog.innerText()).resolves.toContain('Sẽ gửi 4 giấy mời qua thư điện tử.');
    await checkScreen('invitations-send-confirm');
    await dialog.getByRole('button', { name: 'Gửi 4 giấy mời' }).click();
    await page.getByText('Đã xếp 4 giấy mời vào hàng gửi.').waitFor();
    const messages = await deliver(t);
    expect(messages).toHaveLength(4);
    // The board follows the queued letters until the relay has them.
    await page.locator('.board-table .mail-sent').nth(3).waitFor({ timeout: 15_000 });
    await expect(page.getByRole('button', { name: 'Gửi giấy mời (0)' }).count()).resolves.toBe(1);

    // Bình accepts; Lan sends a deputy (Cử người dự thay).
    const tokenOf = (key: string) => answerTokenOf(to(messages, world.people[key].email)[0]);
    await t
      .http()
      .post(`/invitations/answer/${tokenOf('binh')}`)
      .type('form')
      .send({ answer: 'accepted' })
      .expect(200);
    await t
      .http()
      .post(`/invitations/answer/${tokenOf('lan')}`)
      .type('form')
      .send({
        answer: 'substitute',
        substituteName: 'Võ Minh Tâm',
        substitutePosition: 'Phó Chủ tịch UBND huyện',
        substituteEmail: `tam.${process.pid}@convene.test`,
      })
      .expect(200);
    // The deputy's own invitation goes out at once.
    expect((await deliver(t)).map((m) => m.to[0])).toEqual([`tam.${process.pid}@convene.test`]);
    await page.reload();
    await boardShows(5);
    await expect(rowOf('Trần Văn Bình').innerText()).resolves.toContain('Xác nhận tham dự');
    await expect(rowOf('Nguyễn Thị Lan').innerText()).resolves.toContain('Cử Võ Minh Tâm dự thay');
    await expect(rowOf('Võ Minh Tâm').innerText()).resolves.toContain('Dự thay cho Nguyễn Thị Lan');
    const counts = await page.locator('.board-counts').innerText();
    expect(counts).toMatch(/5\s+Đã mời/);
    expect(counts).toMatch(/1\s+Xác nhận tham dự/);
    expect(counts).toMatch(/1\s+Cử người dự thay/);
    await checkScreen('invitations-board');
  });

  it('searches without accents and by e-mail, and filters by answer, letter state and point', async () => {
    await page.getByLabel('Tìm theo họ tên (không cần dấu) hoặc thư điện tử').fill('tran van binh');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/q=tran\+van\+binh/);
    expect(await boardShows(1, ['Trần Văn Bình'])).toEqual([expect.stringContaining('Trần Văn Bình')]);
    await page.getByLabel('Tìm theo họ tên (không cần dấu) hoặc thư điện tử').fill(world.people.hung.email.slice(0, 6));
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    expect(await boardShows(1, ['Lê Quốc Hùng'])).toEqual([expect.stringContaining('Lê Quốc Hùng')]);

    await page.getByRole('button', { name: 'Bỏ lọc' }).click();
    await page.getByLabel('Trả lời', { exact: true }).selectOption('none');
    await page.getByLabel('Thư mời', { exact: true }).selectOption('sent');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/answer=none/);
    // Sent and not answered: Hùng, Mai, and Lan's deputy.
    const open = await boardShows(3, ['Lê Quốc Hùng', 'Phạm Thị Mai', 'Võ Minh Tâm']);
    for (const name of ['Lê Quốc Hùng', 'Phạm Thị Mai', 'Võ Minh Tâm'])
      expect(open).toContainEqual(expect.stringContaining(name));
    await checkScreen('invitations-filtered');

    await page.getByRole('button', { name: 'Bỏ lọc' }).click();
    await page.getByLabel('Điểm cầu', { exact: true }).selectOption(world.points[0].id);
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/siteId=/);
    expect(await boardShows(1, ['Trần Văn Bình'])).toEqual([expect.stringContaining('Trần Văn Bình')]);
    // A count is a filter too.
    await page
      .locator('.board-counts')
      .getByRole('button', { name: /Cử người dự thay/ })
      .click();
    await page.waitForURL(/answer=delegated/);
    expect(await boardShows(1, ['Nguyễn Thị Lan'])).toEqual([expect.stringContaining('Nguyễn Thị Lan')]);
    await page.getByRole('button', { name: 'Bỏ lọc' }).click();
    await boardShows(5);
  });

  it('previews one person’s letter as it was sent, in a sandboxed frame, with its calendar entry', async () => {
    await page.getByRole('button', { name: 'Xem giấy mời gửi Lê Quốc Hùng' }).click();
    await page.getByText(`Gửi: Lê Quốc Hùng <${world.people.hung.email}>`).waitFor();
    const frame = page.locator('iframe.letter-frame');
    await expect(frame.getAttribute('sandbox')).resolves.toBe('');
    const letter = page.frameLocator('iframe.letter-frame').locator('body');
    await expect(letter.innerText()).resolves.toContain('Lê Quốc Hùng');
    await expect(letter.innerText()).resolves.toContain('GIẤY MỜI');
    await page.getByText('Lịch kèm theo (.ics)').click();
    await expect(page.locator('.letter-source').last().innerText()).resolves.toContain('METHOD:REQUEST');
    await checkScreen('invitations-letter-preview');
    // The frame alone at the normal viewport: a full-page capture may leave a sandboxed frame unpainted.
    await frame.scrollIntoViewIfNeeded();
    await frame.screenshot({ path: path.join(SCREENSHOTS, 'invitations-letter-frame-desktop.png') });
    await page.getByRole('button', { name: 'Đóng bản xem trước' }).first().click();
  });

  it('shows who must confirm again after the date moves', async () => {
    const day = ahead(31);
    await t
      .http()
      .post(`/conferences/${world.conference.id}/schedule`)
      .set(auth(world.token))
      .send({ startsAt: `${day}T08:00:00+07:00`, endsAt: `${day}T11:30:00+07:00` })
      .expect(200);
    await deliver(t);
    await page.reload();
    await boardShows(5);
    await expect(rowOf('Trần Văn Bình').innerText()).resolves.toContain('Cần xác nhận lại');
    await expect(page.locator('.board-counts').innerText()).resolves.toMatch(/1\s+Cần xác nhận lại/);
  });

  it('resends one letter and withdraws one invitation, and links the CSV export', async () => {
    await page.getByRole('button', { name: 'Gửi lại giấy mời cho Lê Quốc Hùng' }).click();
    await page.getByText('Đã gửi lại giấy mời cho Lê Quốc Hùng (đường dẫn trả lời mới).').waitFor();
    const resent = await deliver(t);
    expect(resent.map((m) => m.to[0])).toEqual([world.people.hung.email]);

    page.once('dialog', (d) => {
      expect(d.message()).toContain('Thu hồi giấy mời của Phạm Thị Mai?');
      void d.accept();
    });
    await page.getByRole('button', { name: 'Thu hồi giấy mời của Phạm Thị Mai' }).click();
    await page.getByText('Đã thu hồi giấy mời của Phạm Thị Mai.').waitFor();
    expect(await boardShows(4)).not.toContainEqual(expect.stringContaining('Phạm Thị Mai'));
    const cancel = to(await deliver(t), world.people.mai.email);
    expect(cancel).toHaveLength(1);

    const href = await page.getByRole('link', { name: 'Tải danh sách (CSV)' }).getAttribute('href');
    expect(href).toBe(`/conferences/${world.conference.id}/invitations/export.csv?lang=vi`);
    const csv = await page.request.get(`${base}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    const text = await csv.text();
    expect(text).toContain('Trần Văn Bình');
    expect(text).not.toContain('Phạm Thị Mai');
  });

  it('in English too, with nothing from elsewhere and no policy violation', async () => {
    await page.getByRole('button', { name: 'English – chuyển sang tiếng Anh' }).click();
    await page.getByRole('heading', { name: 'Invitations', level: 2 }).waitFor();
    await expect(rowOf('Nguyễn Thị Lan').innerText()).resolves.toContain('Sent Võ Minh Tâm instead');
    await checkScreen('invitations-board-en');
    expect(browser.cspViolations).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });
});
