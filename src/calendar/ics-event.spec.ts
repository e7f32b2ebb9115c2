import { createEvent } from 'ics';
import { describeCalendar } from '../../test/support/calendar-checks';
import { icsEventParts, IcsEventInput } from './ics-event';

/**
 * The `ics` package's faults that the repair layer exists for (calendar.md rules 5, 8–11), pinned
 * against the installed version: if an upgrade fixes one, its test here fails and tells us the
 * repair can go. Then the repaired output of `icsEventParts`.
 */
const VIETNAMESE_TITLE =
  'Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022 và triển khai nhiệm vụ năm 2023';
const start = Date.UTC(2023, 2, 8, 0, 30);
const end = Date.UTC(2023, 2, 8, 4, 30);

function raw(attributes: Partial<Parameters<typeof createEvent>[0]>): string {
  const merged: Record<string, unknown> = {
    start,
    end,
    startInputType: 'utc',
    endInputType: 'utc',
    title: 'x',
    uid: 'u-1',
    ...attributes,
  };
  // A key set to undefined means "not given" here, as it would be for a caller of `ics`.
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  const result = createEvent(merged as unknown as Parameters<typeof createEvent>[0]);
  if (result.error) throw result.error;
  return result.value!;
}

const octetLengths = (text: string) => text.split('\r\n').map((l) => Buffer.byteLength(l, 'utf8'));
const line = (text: string, name: string) =>
  text
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .find((l) => l.startsWith(name));

describe('the ics package, as installed (why the repair layer exists)', () => {
  it('folds by characters, so Vietnamese lines come out longer than 75 octets (rule 9)', () => {
    expect(Math.max(...octetLengths(raw({ title: VIETNAMESE_TITLE })))).toBeGreaterThan(75);
  });

  it('invents a new random UID on every call when none is given (rule 5)', () => {
    const first = line(raw({ uid: undefined }), 'UID:');
    const second = line(raw({ uid: undefined }), 'UID:');
    expect(first).not.toBe(second);
  });

  it('reads date arrays in the server zone unless told otherwise, and can write floating times (rule 8)', () => {
    const local = new Date(2023, 2, 8, 7, 30);
    const expected = local
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    expect(
      line(
        raw({ start: [2023, 3, 8, 7, 30], startInputType: undefined, end: undefined, duration: { hours: 1 } }),
        'DTSTART:',
      ),
    ).toBe(`DTSTART:${expected}`);
    expect(line(raw({ startOutputType: 'local' }), 'DTSTART:')).toMatch(/^DTSTART:\d{8}T\d{6}$/);
  });

  it('writes DURATION:P1DT for a whole day and -PT for a zero-minute alarm (rule 11)', () => {
    expect(line(raw({ end: undefined, duration: { days: 1 } }), 'DURATION:')).toBe('DURATION:P1DT');
    expect(
      line(
        raw({ alarms: [{ action: 'display', description: 'd', trigger: { minutes: 0, before: true } }] }),
        'TRIGGER:',
      ),
    ).toBe('TRIGGER:-PT');
    expect(
      line(raw({ alarms: [{ action: 'display', description: 'd', trigger: { days: 1, before: true } }] }), 'TRIGGER:'),
    ).toBe('TRIGGER:-P1DT');
  });

  it('does not escape commas inside a category, so parsers see more categories (rule 10)', () => {
    const text = raw({ categories: ['Hội nghị, trực tuyến', 'CCHC'] });
    expect(describeCalendar(text).events[0].categories).toEqual(['Hội nghị', ' trực tuyến', 'CCHC']);
  });

  it('writes \\" inside a CN, which parsers cut there (rule 10)', () => {
    const text = raw({ organizer: { name: 'Trường "Nguyễn Du"', email: 'truong@nguyendu.edu.vn' } });
    expect(line(text, 'ORGANIZER')).toContain('\\"');
    expect(describeCalendar(text).events[0].organizer?.cn).not.toBe('Trường "Nguyễn Du"');
  });

  it('does not escape an alarm description', () => {
    const text = raw({ alarms: [{ action: 'display', description: 'a;b,c', trigger: { minutes: 5, before: true } }] });
    expect(line(text, 'DESCRIPTION:')).toBe('DESCRIPTION:a;b,c');
  });
});

describe(icsEventParts.name, () => {
  const event: IcsEventInput = {
    uid: 'conf-1@convene.test',
    sequence: 0,
    start: new Date(start),
    end: new Date(end),
    summary: VIETNAMESE_TITLE,
    status: 'CONFIRMED',
    organizer: { name: "Trường 'Nguyễn Du'", email: 'truong@nguyendu.edu.vn' },
    categories: ['Hội nghị, trực tuyến', 'CCHC'],
    alarms: [
      { minutesBefore: 1440, description: 'Nhắc: ngày mai; 07:30, Hội trường 2' },
      { minutesBefore: 0, description: 'Bắt đầu' },
    ],
  };

  it('keeps the stored UID, UTC start and end, and the summary, without DTSTAMP or SEQUENCE 0', () => {
    const { properties } = icsEventParts(event);
    expect(properties).toEqual(
      expect.arrayContaining([
        'UID:conf-1@convene.test',
        'DTSTART:20230308T003000Z',
        'DTEND:20230308T043000Z',
        `SUMMARY:${VIETNAMESE_TITLE}`,
        'STATUS:CONFIRMED',
      ]),
    );
    expect(
      properties.some((p) => p.startsWith('DTSTAMP') || p.startsWith('SEQUENCE') || p.startsWith('DURATION')),
    ).toBe(false);
  });

  it('writes SEQUENCE when above 0', () => {
    expect(icsEventParts({ ...event, sequence: 3 }).properties).toContain('SEQUENCE:3');
  });

  it('escapes commas inside categories and rewrites the organizer with a clean quoted CN', () => {
    const { properties } = icsEventParts(event);
    expect(properties).toContain('CATEGORIES:Hội nghị\\, trực tuyến,CCHC');
    expect(properties).toContain(`ORGANIZER;CN="Trường 'Nguyễn Du'":mailto:truong@nguyendu.edu.vn`);
  });

  it('rewrites alarm triggers without empty time parts and escapes their descriptions', () => {
    expect(icsEventParts(event).alarms).toEqual([
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:Nhắc: ngày mai\\; 07:30\\, Hội trường 2',
      'TRIGGER:-P1D',
      'END:VALARM',
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      'DESCRIPTION:Bắt đầu',
      'TRIGGER:PT0M',
      'END:VALARM',
    ]);
  });

  it('returns unfolded lines (folding by octets is done when writing)', () => {
    const { properties } = icsEventParts(event);
    expect(properties.every((p) => !p.includes('\r\n'))).toBe(true);
  });

  it('writes the instants in UTC, identical under every machine zone the suite runs in', () => {
    const parts = icsEventParts(event);
    expect(parts.properties.filter((p) => p.startsWith('DT'))).toEqual([
      'DTSTART:20230308T003000Z',
      'DTEND:20230308T043000Z',
    ]);
  });

  it('reports what ics refuses under our field names', () => {
    expect(() => icsEventParts({ ...event, summary: 5 as unknown as string })).toThrow(
      expect.objectContaining({ name: 'CalendarInputError', field: 'summary' }),
    );
  });
});
