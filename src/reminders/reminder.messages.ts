import { formatInZone } from '../common/zoned-time';
import type { OutboxMail } from '../outbox/outbox-renderers';
import { parseOffset } from './reminder-offsets';

export type Language = 'vi' | 'en';
export const languageOf = (value: unknown): Language => (value === 'en' ? 'en' : 'vi');

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Subject, text and HTML from lines; reminders carry no calendar part (the invitation has it). */
function mail(language: Language, subject: string, lines: string[]): OutboxMail {
  return {
    subject,
    text: `${lines.join('\n')}\n`,
    html: `<!doctype html><html lang="${language}"><body>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</body></html>`,
  };
}

/** "3 ngày" / "3 days", "2 giờ" / "2 hours", "1 ngày 12 giờ" / "1 day 12 hours". */
export function offsetText(label: string, language: Language): string {
  const o = parseOffset(label);
  if (!o) return label;
  const parts: string[] = [];
  const unit = (n: number, vi: string, en: string) =>
    parts.push(language === 'vi' ? `${n} ${vi}` : `${n} ${en}${n === 1 ? '' : 's'}`);
  if (o.days) unit(o.days, 'ngày', 'day');
  if (o.hours) unit(o.hours, 'giờ', 'hour');
  if (o.minutes) unit(o.minutes, 'phút', 'minute');
  return parts.join(' ');
}

export interface ConferenceReminderFacts {
  name: string;
  title: string;
  startsAt: Date;
  zone: string;
  label: string;
  site: string | null;
  now: Date;
}

export function conferenceReminder(language: Language, f: ConferenceReminderFacts): OutboxMail {
  const when = formatInZone(f.startsAt, f.zone, language);
  const before = offsetText(f.label, language);
  if (language === 'en') {
    return mail('en', `Reminder: ${f.title} — ${when}`, [
      `Dear ${f.name},`,
      `This is a reminder, ${before} ahead, that "${f.title}" starts at ${when}.`,
      ...(f.site ? [`Your bridge point: ${f.site}.`] : []),
      `The time above is current as of ${formatInZone(f.now, f.zone, 'en')}.`,
    ]);
  }
  return mail('vi', `Nhắc lịch: ${f.title} — ${when}`, [
    `Kính gửi ${f.name},`,
    `Convene xin nhắc (trước ${before}): "${f.title}" bắt đầu lúc ${when}.`,
    ...(f.site ? [`Điểm cầu của Quý vị: ${f.site}.`] : []),
    `Thời gian trên được cập nhật lúc ${formatInZone(f.now, f.zone, 'vi')}.`,
  ]);
}

export interface ReadinessReminderFacts {
  name: string;
  title: string;
  point: string;
  testAt: Date;
  startsAt: Date | null;
  zone: string;
  label: string;
}

export function readinessReminder(language: Language, f: ReadinessReminderFacts): OutboxMail {
  const when = formatInZone(f.testAt, f.zone, language);
  const before = offsetText(f.label, language);
  const conferenceAt = f.startsAt ? formatInZone(f.startsAt, f.zone, language) : null;
  if (language === 'en') {
    return mail('en', `Connection test: ${f.point} — ${when}`, [
      `Dear ${f.name},`,
      `The connection test of ${f.point} for "${f.title}" is at ${when} (in ${before}).`,
      ...(conferenceAt ? [`The conference starts at ${conferenceAt}.`] : []),
      'Please have the room, the equipment and the link ready, and record the result in Convene.',
    ]);
  }
  return mail('vi', `Kiểm tra kết nối: ${f.point} — ${when}`, [
    `Kính gửi ${f.name},`,
    `Buổi kiểm tra kết nối của ${f.point} cho "${f.title}" diễn ra lúc ${when} (còn ${before}).`,
    ...(conferenceAt ? [`Hội nghị bắt đầu lúc ${conferenceAt}.`] : []),
    'Đề nghị chuẩn bị phòng họp, thiết bị và đường truyền, và ghi nhận kết quả trên Convene.',
  ]);
}

export interface DeadlineReminderFacts {
  name: string;
  unit: string | null;
  what: string;
  lastDay: string;
  context: string | null;
  overdue: boolean;
  label: string;
}

export function deadlineReminder(language: Language, f: DeadlineReminderFacts): OutboxMail {
  if (language === 'en') {
    const head = f.overdue ? `Overdue: ${f.what}` : `Due by ${f.lastDay}: ${f.what}`;
    return mail('en', head, [
      `Dear ${f.name},`,
      f.overdue
        ? `"${f.what}"${f.unit ? ` (${f.unit})` : ''} was due by ${f.lastDay} and has not come in yet.`
        : `"${f.what}"${f.unit ? ` (${f.unit})` : ''} is due by ${f.lastDay} (in ${offsetText(f.label, 'en')}).`,
      ...(f.context ? [`For: ${f.context}.`] : []),
      f.overdue ? 'Please send it as soon as possible.' : 'Please send it on time.',
    ]);
  }
  const head = f.overdue ? `Quá hạn: ${f.what}` : `Hạn ${f.lastDay}: ${f.what}`;
  return mail('vi', head, [
    `Kính gửi ${f.name},`,
    f.overdue
      ? `"${f.what}"${f.unit ? ` (${f.unit})` : ''} có hạn chậm nhất ngày ${f.lastDay} nhưng chưa được gửi.`
      : `"${f.what}"${f.unit ? ` (${f.unit})` : ''} có hạn chậm nhất ngày ${f.lastDay} (còn ${offsetText(f.label, 'vi')}).`,
    ...(f.context ? [`Thuộc: ${f.context}.`] : []),
    f.overdue ? 'Đề nghị gửi sớm nhất có thể.' : 'Đề nghị gửi đúng hạn.',
  ]);
}

export interface DigestItem {
  what: string;
  unit: string | null;
  /** The last day on time (overdue) or the day it came in. */
  day: string;
}

export interface DigestFacts {
  name: string;
  title: string;
  day: string;
  overdue: DigestItem[];
  received: DigestItem[];
}

const item = (i: DigestItem) => `- ${i.what}${i.unit ? ` (${i.unit})` : ''}, ${i.day}`;

export function dailyDigest(language: Language, f: DigestFacts): OutboxMail {
  if (language === 'en') {
    return mail('en', `Daily digest ${f.day}: ${f.title}`, [
      `Dear ${f.name},`,
      `Papers and tasks of "${f.title}" on ${f.day}.`,
      `Overdue (${f.overdue.length}):`,
      ...(f.overdue.length ? f.overdue.map(item) : ['- none']),
      `Came in since the last digest (${f.received.length}):`,
      ...(f.received.length ? f.received.map(item) : ['- none']),
    ]);
  }
  return mail('vi', `Tổng hợp ngày ${f.day}: ${f.title}`, [
    `Kính gửi ${f.name},`,
    `Tình hình tham luận và nhiệm vụ của "${f.title}" ngày ${f.day}.`,
    `Quá hạn (${f.overdue.length}):`,
    ...(f.overdue.length ? f.overdue.map(item) : ['- không có']),
    `Đã nhận từ lần tổng hợp trước (${f.received.length}):`,
    ...(f.received.length ? f.received.map(item) : ['- không có']),
  ]);
}
