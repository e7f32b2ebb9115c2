/**
 * The renderer of the outbox benchmark: an invitation of about 5 KB with a calendar part, the way
 * a real kind should build it. The `ics` package validates every call (slow), so the part common
 * to every recipient of an event version is built once (RenderCache) and each copy only adds its
 * ATTENDEE line and salutation. `renderWithoutCache` is the naive way, for comparison.
 */
import { createEvent, EventAttributes } from 'ics';
import type { OutboxRenderer, RenderableMessage, RenderOutcome } from '../../src/outbox/outbox-renderers';
import { RenderCache } from '../../src/outbox/render-cache';

export const BENCH_KIND = 'bench.invitation';

interface EventFacts {
  uid: string;
  title: string;
  start: number;
  end: number;
  location: string;
  agenda: string[];
}

const AGENDA = [
  '13:30 Đón tiếp đại biểu',
  '14:00 Khai mạc',
  '14:15 Phân tích các chỉ số cải cách hành chính',
  '15:00 Các huyện chia sẻ kinh nghiệm',
  '16:00 Tập huấn chuyển đổi số',
  '16:30 Kết luận',
];

export function benchEvents(): Map<string, EventFacts> {
  const base = Date.UTC(2023, 3, 5, 6, 30);
  return new Map(
    [0, 1, 2].map((i) => [
      `event-${i}`,
      {
        uid: `cluster-${i}@convene.test`,
        title: `Tọa đàm cải cách hành chính – Cụm ${i + 1}`,
        start: base + i * 2 * 86_400_000,
        end: base + i * 2 * 86_400_000 + 3.5 * 3_600_000,
        location: `Hội trường UBND huyện số ${i + 1}, tầng 2`,
        agenda: AGENDA,
      },
    ]),
  );
}

function attributes(facts: EventFacts, sequence: number, attendee?: { name: string; email: string }): EventAttributes {
  return {
    uid: facts.uid,
    sequence,
    method: 'REQUEST',
    start: facts.start,
    startInputType: 'utc',
    startOutputType: 'utc',
    end: facts.end,
    endInputType: 'utc',
    endOutputType: 'utc',
    title: facts.title,
    description: facts.agenda.join('\n'),
    location: facts.location,
    organizer: { name: 'Sở Nội vụ', email: 'snv@convene.test' },
    attendees: attendee ? [{ ...attendee, rsvp: true, partstat: 'NEEDS-ACTION', role: 'REQ-PARTICIPANT' }] : [],
  };
}

/** RFC 5545 folding at 75 octets, never inside a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const bytes = Buffer.byteLength(ch);
    if (size + bytes > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n ');
}

interface Invariant {
  ics: string;
  text: string;
  html: string;
}

function buildInvariant(facts: EventFacts, sequence: number): Invariant {
  const { error, value } = createEvent(attributes(facts, sequence));
  if (error || !value) throw error ?? new Error('ics built nothing');
  const text = [
    `Trân trọng kính mời đồng chí dự ${facts.title}.`,
    `Địa điểm: ${facts.location}.`,
    'Chương trình:',
    ...facts.agenda,
  ].join('\n');
  const html = `<h1>${facts.title}</h1><p>Địa điểm: ${facts.location}</p><ul>${facts.agenda
    .map((l) => `<li>${l}</li>`)
    .join('')}</ul><p>Đề nghị đồng chí xác nhận tham dự qua đường liên kết trong thư.</p>`;
  return { ics: value.replace(/\r?\n/g, '\r\n'), text, html };
}

function personalise(row: RenderableMessage, part: Invariant, title: string): RenderOutcome {
  const attendee = fold(
    `ATTENDEE;RSVP=TRUE;PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;CN=${row.recipientName.replace(/["\r\n]/g, '')}:mailto:${row.recipientEmail}`,
  );
  const content = part.ics.replace('END:VEVENT', `${attendee}\r\nEND:VEVENT`);
  return {
    mail: {
      subject: `Giấy mời: ${title}`,
      text: `Kính gửi ${row.recipientName},\n\n${part.text}\n`,
      html: `<p>Kính gửi ${row.recipientName},</p>${part.html}`,
      icalEvent: { method: 'REQUEST', content },
    },
  };
}

export class InvitationRenderer implements OutboxRenderer {
  private readonly cache = new RenderCache<Invariant>(100);

  constructor(private readonly events: Map<string, EventFacts>) {}

  async render(messages: RenderableMessage[]): Promise<RenderOutcome[]> {
    return this.renderSync(messages);
  }

  renderSync(messages: RenderableMessage[]): RenderOutcome[] {
    return messages.map((row) => {
      const facts = this.events.get(String(row.payload.eventId));
      if (!facts) return { skip: 'the event no longer exists' };
      const sequence = Number(row.payload.sequence ?? 0);
      return personalise(
        row,
        this.cache.getOrBuild(`${String(row.payload.eventId)}:${sequence}`, () => buildInvariant(facts, sequence)),
        facts.title,
      );
    });
  }
}

/** The naive way: one validated `ics` call per recipient. */
export function renderWithoutCache(messages: RenderableMessage[]): RenderOutcome[] {
  const events = benchEvents();
  return messages.map((row) => {
    const facts = events.get(String(row.payload.eventId))!;
    const { value } = createEvent(attributes(facts, 0, { name: row.recipientName, email: row.recipientEmail }));
    return { mail: { subject: facts.title, text: '', icalEvent: { method: 'REQUEST', content: value ?? '' } } };
  });
}
