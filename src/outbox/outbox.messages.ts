import { DEFAULT_TIME_ZONE, formatInZone } from '../common/zoned-time';

export type Language = 'vi' | 'en';
export const LANGUAGES: readonly Language[] = ['vi', 'en'];

export interface TestMessageFacts {
  requestedBy: string;
  at: Date;
  publicUrl: string;
}

interface Template {
  subject: string;
  lines: (facts: TestMessageFacts, when: string) => string[];
}

/** The text of `POST /outbox/test-message`, in each language Convene writes. */
const TEST_MESSAGE: Record<Language, Template> = {
  vi: {
    subject: 'Convene: thư kiểm tra gửi thư',
    lines: (f, when) => [
      'Đây là thư kiểm tra do Convene gửi.',
      `Người yêu cầu: ${f.requestedBy}, lúc ${when}.`,
      `Nếu bạn nhận được thư này, cấu hình gửi thư của ${f.publicUrl} hoạt động bình thường.`,
      'Không cần trả lời thư này.',
    ],
  },
  en: {
    subject: 'Convene: test message',
    lines: (f, when) => [
      'This is a test message sent by Convene.',
      `Requested by ${f.requestedBy} at ${when}.`,
      `If you received it, mail from ${f.publicUrl} is set up correctly.`,
      'There is no need to reply.',
    ],
  },
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Subject, text and HTML of a test message, ready to be queued as a `plain` message. */
export function testMessageContent(
  language: Language,
  facts: TestMessageFacts,
): { subject: string; text: string; html: string } {
  const template = TEST_MESSAGE[language];
  const lines = template.lines(facts, formatInZone(facts.at, DEFAULT_TIME_ZONE, language));
  return {
    subject: template.subject,
    text: `${lines.join('\n')}\n`,
    html: `<!doctype html><html lang="${language}"><body>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</body></html>`,
  };
}

/** Why a message was skipped, as the queue shows it. */
export const SKIP_REASONS = {
  expired: 'expired before its turn came',
  noRenderer: (kind: string) => `no renderer for kind "${kind}" in this version of Convene`,
  badPlainPayload: 'payload of a plain message needs string subject and text',
};
