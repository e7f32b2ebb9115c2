import type { RenderableMessage } from './outbox-renderers';
import { testMessageContent } from './outbox.messages';
import { PlainRenderer } from './plain.renderer';

const row = (payload: Record<string, unknown>): RenderableMessage => ({
  id: 'id',
  dedupeKey: 'k',
  kind: 'plain',
  conferenceId: null,
  recipientEmail: 'a@b.vn',
  recipientName: 'A',
  payload,
  attempt: 1,
  messageId: '<id@b.vn>',
  createdAt: new Date(0),
});

describe(PlainRenderer.name, () => {
  it('sends the payload’s subject, text and HTML as they are', async () => {
    const [outcome] = await new PlainRenderer().render([
      row({ subject: 'Thư', text: 'Nội dung', html: '<p>Nội dung</p>' }),
    ]);
    expect(outcome).toEqual({ mail: { subject: 'Thư', text: 'Nội dung', html: '<p>Nội dung</p>' } });
  });

  it('skips, with the reason, a payload that is not a plain message', async () => {
    const outcomes = await new PlainRenderer().render([
      row({ subject: 1, text: 'x' }),
      row({ text: 'x' }),
      row({ subject: 's', text: 't' }),
    ]);
    expect(outcomes.map((o) => ('skip' in o ? 'skip' : 'mail'))).toEqual(['skip', 'skip', 'mail']);
  });
});

describe(testMessageContent.name, () => {
  const facts = {
    requestedBy: 'admin@convene.test',
    at: new Date('2026-03-08T00:30:00Z'),
    publicUrl: 'https://convene.quangnam.gov.vn',
  };

  it('writes Vietnamese by default, with the time in Vietnam', () => {
    const content = testMessageContent('vi', facts);
    expect(content.subject).toBe('Convene: thư kiểm tra gửi thư');
    expect(content.text).toContain('lúc 07 giờ 30 phút, Chủ nhật, ngày 08/3/2026');
    expect(content.html).toContain('<p>Đây là thư kiểm tra do Convene gửi.</p>');
  });

  it('writes English on request', () => {
    const content = testMessageContent('en', facts);
    expect(content.subject).toBe('Convene: test message');
    expect(content.text).toContain('at 07:30, Sunday 8 March 2026');
  });

  it('escapes what it puts in HTML', () => {
    expect(testMessageContent('en', { ...facts, requestedBy: '<b>x</b>' }).html).toContain('&lt;b&gt;x&lt;/b&gt;');
  });
});
