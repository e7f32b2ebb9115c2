import { CONFERENCE_SECTIONS } from '../src/console/pages/conference/sections';
import { Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './support/app';
import { checkScreen as checkScreenOf, ConsoleBrowser, launchConsoleBrowser } from './support/browser';
import { auth } from './support/conference-fixtures';
import { ensureConsoleBuilt } from './support/console-build';
import { FakeClock } from './support/fake-clock';
import { freePort } from './support/free-port';
import { answerTokenOf, deliver, invitationWorld, invite, InvitationWorld, sendAll, to } from './support/invitations';

/**
 * The overview's actions in a real Chromium: a conference whose invitations were sent is moved
 * and then cancelled from the console, each time through the server's preview ("3 người sẽ nhận
 * thông báo thay đổi") before the confirmation; the mail sink receives that many letters; the
 * history shows both; axe and screenshots at desktop and phone widths.
 */
describe('The overview’s actions in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: ConsoleBrowser;
  let page: Page;
  let world: InvitationWorld;

  beforeAll(async () => {
    ensureConsoleBuilt();
    // Cookies carry real expiry dates, which the browser checks against the real time.
    t = await createTestApp({ clock: new FakeClock(new Date()) });
    world = await invitationWorld(t, [
      { key: 'a1', name: 'Nguyễn Văn Ánh', at: 0 },
      { key: 'a2', name: 'Trần Thị Bích', at: 0 },
      { key: 'b1', name: 'Lê Hoàng Cường', at: 1 },
    ]);
    // A time well after today's real date, so that it can be sent and moved.
    const year = new Date().getUTCFullYear() + 1;
    await t
      .http()
      .post(`/conferences/${world.conference.id}/schedule`)
      .set(auth(world.token))
      .send({ startsAt: `${year}-04-08T07:30:00+07:00`, endsAt: `${year}-04-08T11:30:00+07:00` })
      .expect(200);
    for (const [key, point] of [
      ['a1', 0],
      ['a2', 0],
      ['b1', 1],
    ] as const)
      await invite(t, world, key, world.points[point].id);
    await sendAll(t, world);
    const sent = await deliver(t);
    expect(sent).toHaveLength(3);
    // One has accepted: a move asks them again.
    const token = answerTokenOf(to(sent, world.people.a1.email)[0]);
    await t.http().post(`/invitations/answer/${token}`).type('form').send({ answer: 'accepted' }).expect(200);
    const port = await freePort();
    await t.app.listen(port, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    browser = await launchConsoleBrowser(base);
    page = browser.page;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const year = new Date().getUTCFullYear() + 1;
  const dialog = () => page.getByRole('dialog');
  const fieldOf = (label: string) => dialog().locator('.field', { has: page.getByLabel(label, { exact: true }) });

  it('shows the actions the status allows on the overview', async () => {
    await page.goto(`${base}/app/login`);
    await page.getByLabel('Thư điện tử').fill(ADMIN_EMAIL);
    await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Danh sách hội nghị' }).waitFor();
    await page.goto(`${base}/app/conferences/${world.conference.id}`);
    await page.getByRole('heading', { name: 'Lịch sử thay đổi' }).waitFor();
    const bar = page.getByRole('group', { name: 'Thao tác' });
    await expect(bar.getByRole('button').allInnerTexts()).resolves.toEqual(['Dời lịch', 'Hoãn', 'Hủy']);
    await page.getByRole('heading', { name: 'Kiểm tra kế hoạch' }).waitFor();
    const listed = await t.http().get(`/conferences/${world.conference.id}/checks`).set(auth(world.token)).expect(200);
    await page.getByText(`${listed.body.counts.error} lỗi, ${listed.body.counts.warning} cảnh báo`).waitFor();
    await expect(page.locator('.checks li').count()).resolves.toBe(listed.body.checks.length);
    // A finding links to the section where it is fixed only when that section is built: never a dead link.
    const built = CONFERENCE_SECTIONS.map((s) => s.path).filter(Boolean);
    const links = await page.locator('.checks a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    for (const href of links) expect(built).toContain(href.replace(`/app/conferences/${world.conference.id}/`, ''));
    // A dialog closes with Escape and changes nothing.
    await page.getByRole('button', { name: 'Hoãn', exact: true }).click();
    await dialog().waitFor();
    await page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'detached' });
    await checkScreenOf(page, 'actions-overview');
  });

  it('moves the conference: a wrong end at its field, the preview’s count, then the updates in the mail sink', async () => {
    await page.getByRole('button', { name: 'Dời lịch' }).click();
    await dialog().getByRole('heading', { name: 'Dời lịch hội nghị' }).waitFor();
    await page.getByLabel('Ngày (dd/mm/yyyy)').fill(`15/04/${year}`);
    await page.getByLabel('Từ giờ (HH:mm)').fill('14:00');
    await page.getByLabel('Đến giờ (HH:mm)').fill('13:00');
    await dialog().getByRole('button', { name: 'Xem trước' }).click();
    const wrong = fieldOf('Đến giờ (HH:mm)').locator('.field-error');
    await wrong.waitFor();
    await expect(wrong.textContent()).resolves.toBe('Giờ kết thúc phải sau giờ bắt đầu.');
    await checkScreenOf(page, 'actions-move-error');

    await page.getByLabel('Đến giờ (HH:mm)').fill('17:00');
    await page.getByLabel('Lý do (không bắt buộc)').fill('Trùng lịch công tác của lãnh đạo tỉnh');
    await dialog().getByRole('button', { name: 'Xem trước' }).click();
    const count = dialog().locator('.preview-count');
    await count.waitFor();
    await expect(count.innerText()).resolves.toBe('3 người sẽ nhận thông báo thay đổi');
    const preview = await dialog().locator('.preview').innerText();
    expect(preview).toContain(`Thời gian mới: 15/04/${year} 14:00 – 17:00`);
    expect(preview).toContain('1 người đã trả lời sẽ được hỏi lại');
    expect(t.sink.messages).toHaveLength(3);
    await checkScreenOf(page, 'actions-move-preview');

    await dialog().getByRole('button', { name: 'Xác nhận' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.locator('.facts').getByText(`15/04/${year} 14:00 – 17:00`).waitFor();
    const letters = await deliver(t);
    expect(letters).toHaveLength(3);
    for (const letter of letters) expect(letter.parsed.subject).toMatch(/^Thay đổi thông tin — Giấy mời: /);
  });

  it('postpones it with a new window (no letters), then schedules it again (the updates)', async () => {
    await page.getByRole('button', { name: 'Hoãn', exact: true }).click();
    await dialog().getByRole('heading', { name: 'Hoãn hội nghị' }).waitFor();
    await page.getByLabel('Lý do').fill('Chờ ý kiến của Thường trực Tỉnh ủy');
    await page.getByLabel('Dự kiến từ ngày').fill(`20/05/${year}`);
    await page.getByLabel('Đến ngày').fill(`10/05/${year}`);
    await dialog().getByRole('button', { name: 'Xem trước' }).click();
    const wrong = fieldOf('Đến ngày').locator('.field-error');
    await wrong.waitFor();
    await expect(wrong.textContent()).resolves.toBe('Ngày kết thúc không được trước ngày bắt đầu.');
    await page.getByLabel('Đến ngày').fill(`30/05/${year}`);
    await dialog().getByRole('button', { name: 'Xem trước' }).click();
    const count = dialog().locator('.preview-count');
    await count.waitFor();
    await expect(count.innerText()).resolves.toBe('Không gửi thư cho người được mời.');
    await expect(dialog().locator('.preview').innerText()).resolves.toContain('Trạng thái: Đã chốt lịch → Hoãn');
    await checkScreenOf(page, 'actions-postpone-preview');
    await dialog().getByRole('button', { name: 'Xác nhận' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.locator('.status').getByText('Hoãn').waitFor();
    const read = await t.http().get(`/conferences/${world.conference.id}`).set(auth(world.token)).expect(200);
    expect(read.body.window).toMatchObject({ from: `${year}-05-20`, to: `${year}-05-30` });
    expect(await deliver(t)).toHaveLength(0);

    await page.getByRole('button', { name: 'Lên lịch' }).click();
    await dialog().getByRole('heading', { name: 'Lên lịch hội nghị' }).waitFor();
    await page.getByLabel('Ngày (dd/mm/yyyy)').fill(`22/05/${year}`);
    await page.getByLabel('Từ giờ (HH:mm)').fill('08:00');
    await page.getByLabel('Đến giờ (HH:mm)').fill('11:30');
    await dialog().getByRole('button', { name: 'Xem trước' }).click();
    await dialog().locator('.preview-count').waitFor();
    await expect(dialog().locator('.preview-count').innerText()).resolves.toBe('3 người sẽ nhận thông báo thay đổi');
    await dialog().getByRole('button', { name: 'Xác nhận' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.locator('.facts').getByText(`22/05/${year} 08:00 – 11:30`).waitFor();
    expect(await deliver(t)).toHaveLength(3);
  });

  it('cancels it: the reason is required at its field, the preview’s count, then the cancellations', async () => {
    await page.getByRole('button', { name: 'Hủy', exact: true }).click();
    await dialog().getByRole('heading', { name: 'Hủy hội nghị' }).waitFor();
    await dialog().getByRole('button', { name: 'Xem trước' }).click();
    const required = fieldOf('Lý do').locator('.field-error');
    await required.waitFor();
    await expect(required.textContent()).resolves.toBe('Cần nhập mục này.');
    await page.getByLabel('Lý do').fill('Theo chỉ đạo của Chủ tịch UBND tỉnh');
    await dialog().getByRole('button', { name: 'Xem trước' }).click();
    const count = dialog().locator('.preview-count');
    await count.waitFor();
    await expect(count.innerText()).resolves.toBe('3 người sẽ nhận thông báo hủy');
    await checkScreenOf(page, 'actions-cancel-preview');
    await dialog().getByRole('button', { name: 'Xác nhận' }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.locator('.status').getByText('Đã hủy').waitFor();
    const letters = await deliver(t);
    expect(letters).toHaveLength(3);
    for (const letter of letters) expect(letter.raw.toString()).toContain('METHOD:CANCEL');
    await expect(page.getByRole('group', { name: 'Thao tác' }).count()).resolves.toBe(0);
  });

  it('lists every change in the history, in the conference’s zone', async () => {
    const items = page.locator('.history li');
    // The fixture's two schedules, then the move, postponement, new time and cancellation from the console.
    await expect(items.count()).resolves.toBe(6);
    const [cancel, schedule, postpone, move] = await items.allInnerTexts();
    expect(schedule).toContain(`Lên lịch 22/05/${year} 08:00 – 11:30`);
    expect(postpone).toContain('Hoãn');
    expect(postpone).toContain('Lý do: Chờ ý kiến của Thường trực Tỉnh ủy');
    expect(cancel).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2} Hủy/);
    expect(cancel).toContain('Lý do: Theo chỉ đạo của Chủ tịch UBND tỉnh');
    expect(move).toContain(`Dời lịch 15/04/${year} 14:00 – 17:00`);
    expect(move).toContain(`trước đó: 08/04/${year} 07:30 – 11:30`);
    expect(move).toContain('Lý do: Trùng lịch công tác của lãnh đạo tỉnh');
    await checkScreenOf(page, 'actions-history');
  });
});
