import { defaultMessageId, mailDomainOf, toSendMailOptions } from './mail-options';
import type { RenderableMessage } from './outbox-renderers';

const message: RenderableMessage = {
  id: '0b5f0a4e-7d7c-4d3e-9a53-5a0d3c2b1f00',
  dedupeKey: 'test:1',
  kind: 'plain',
  conferenceId: null,
  recipientEmail: 'chanh.vp@quangnam.gov.vn',
  recipientName: 'Nguyễn Văn A\r\nBcc: x@y',
  payload: {},
  attempt: 1,
  messageId: '<0b5f0a4e-7d7c-4d3e-9a53-5a0d3c2b1f00@quangnam.gov.vn>',
  createdAt: new Date('2026-03-01T01:00:00Z'),
};

describe('mail options', () => {
  it('takes the Message-ID domain from MAIL_FROM', () => {
    expect(mailDomainOf('Sở Nội vụ <snv@QuangNam.gov.vn>')).toBe('quangnam.gov.vn');
    expect(mailDomainOf('convene@localhost')).toBe('localhost');
    expect(mailDomainOf('no address at all')).toBe('localhost');
    expect(defaultMessageId('abc', 'Convene <convene@convene.test>')).toBe('<abc@convene.test>');
  });

  it('sends to the row’s recipient with its fixed Message-ID, headers on one line', () => {
    const options = toSendMailOptions(
      message,
      { subject: 'Giấy mời\nhọp', text: 'Kính gửi', headers: { 'X-Convene-Kind': 'plain\r\nBcc: a@b' } },
      'Convene <convene@convene.test>',
    );
    expect(options).toMatchObject({
      from: 'Convene <convene@convene.test>',
      to: { name: 'Nguyễn Văn A Bcc: x@y', address: 'chanh.vp@quangnam.gov.vn' },
      subject: 'Giấy mời họp',
      text: 'Kính gửi',
      headers: { 'X-Convene-Kind': 'plain Bcc: a@b' },
      messageId: message.messageId,
    });
  });

  it('lets the renderer choose the sender and the calendar part', () => {
    const options = toSendMailOptions(
      message,
      {
        from: 'Sở Nội vụ <snv@quangnam.gov.vn>',
        subject: 's',
        text: 't',
        icalEvent: { method: 'REQUEST', content: 'BEGIN:VCALENDAR' },
      },
      'Convene <convene@convene.test>',
    );
    expect(options.from).toBe('Sở Nội vụ <snv@quangnam.gov.vn>');
    expect(options.icalEvent).toEqual({ method: 'REQUEST', content: 'BEGIN:VCALENDAR' });
  });
});
