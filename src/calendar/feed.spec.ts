import { describeCalendar, expectFeed, feedProblems } from '../../test/support/calendar-checks';
import { CLUSTER, CONFERENCE, REMOTE_SITE } from '../../test/support/calendar-fixtures';
import { CalendarEvent } from './calendar.types';
import { buildFeed, FEED_REFRESH } from './feed';

const NOW = new Date('2023-02-20T03:00:00Z');

/** A paper deadline as a feed event: 24/02/2023, due at 17:00 Vietnam time, reminders before. */
const DEADLINE: CalendarEvent = {
  uid: 'deadline-paper-justice@feed.convene.test',
  sequence: 1,
  start: new Date('2023-02-24T09:30:00Z'),
  end: new Date('2023-02-24T10:00:00Z'),
  summary: 'Hạn gửi tham luận về Sở Nội vụ: cải cách thể chế',
  description: 'Tham luận 4–6 trang A4, trình bày không quá 7 phút.',
  url: 'https://convene.test/papers/cvl_a1b2',
  alarms: [
    { minutesBefore: 3 * 1440, description: 'Còn 3 ngày: hạn gửi tham luận' },
    { minutesBefore: 1440, description: 'Ngày mai: hạn gửi tham luận' },
  ],
};

// Feed UIDs are their own, never the invitations' (calendar.md, "Feeds").
const feedConference: CalendarEvent = {
  ...CONFERENCE,
  uid: 'conference-690-2023@feed.convene.test',
  location: REMOTE_SITE,
};

describe(buildFeed.name, () => {
  it('publishes the events under the feed name, with a refresh hint', () => {
    const text = buildFeed([feedConference, DEADLINE], {
      name: 'Lịch của Nguyễn Thị Ánh Tuyết',
      now: NOW,
      description: 'Hội nghị và hạn nộp',
    });
    const feed = expectFeed(text, { name: 'Lịch của Nguyễn Thị Ánh Tuyết', notUids: [CONFERENCE.uid] });
    expect(feed.method).toBe('PUBLISH');
    expect(feed.events.map((e) => e.uid)).toEqual([feedConference.uid, DEADLINE.uid]);
    expect(text).toContain(`REFRESH-INTERVAL;VALUE=DURATION:${FEED_REFRESH}\r\n`);
    expect(text).toContain('X-WR-CALDESC:Hội nghị và hạn nộp\r\n');
  });

  it("shows each reader's own bridge point as the location", () => {
    const event = describeCalendar(buildFeed([feedConference], { name: 'Lịch', now: NOW })).events[0];
    expect(event.location).toBe(REMOTE_SITE);
  });

  it('gives deadlines their alarms before the due', () => {
    const event = describeCalendar(buildFeed([DEADLINE], { name: 'Lịch', now: NOW })).events[0];
    expect(event.alarms.map((a) => a.trigger)).toEqual(['-P3D', '-P1D']);
    expect(event.alarms[1].description).toBe('Ngày mai: hạn gửi tham luận');
  });

  it('writes a deadline of no length without DTEND, and refuses an end before the start', () => {
    const due = new Date('2023-02-24T10:00:00Z');
    const text = buildFeed([{ ...DEADLINE, start: due, end: due }], { name: 'Lịch', now: NOW });
    const event = expectFeed(text).events[0];
    expect(event.start?.toISOString()).toBe('2023-02-24T10:00:00.000Z');
    expect(text).not.toMatch(/^DTEND/m);
    expect(() =>
      buildFeed([{ ...DEADLINE, end: new Date(DEADLINE.start.getTime() - 1000) }], { name: 'Lịch', now: NOW }),
    ).toThrow(expect.objectContaining({ field: 'events[0].end', rule: 'isAfterStart' }));
  });

  it('keeps UIDs and the whole text stable across refreshes while nothing changes', () => {
    const first = buildFeed([feedConference, DEADLINE], { name: 'Lịch', now: NOW });
    const again = buildFeed([feedConference, DEADLINE], { name: 'Lịch', now: NOW });
    expect(again).toBe(first);
  });

  it('shows a change on refresh: new time, higher SEQUENCE, same UID', () => {
    const moved = {
      ...feedConference,
      sequence: 1,
      start: new Date('2023-03-09T00:30:00Z'),
      end: new Date('2023-03-09T04:30:00Z'),
    };
    const before = describeCalendar(buildFeed([feedConference], { name: 'Lịch', now: NOW })).events[0];
    const after = describeCalendar(buildFeed([moved], { name: 'Lịch', now: new Date('2023-02-21T00:00:00Z') }))
      .events[0];
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.start?.toISOString()).toBe('2023-03-09T00:30:00.000Z');
  });

  it('renders the same event differently for two readers without mixing them up (the rendering memo)', () => {
    const a = describeCalendar(buildFeed([{ ...feedConference, location: 'Điểm cầu A' }], { name: 'A', now: NOW }))
      .events[0];
    const b = describeCalendar(buildFeed([{ ...feedConference, location: 'Điểm cầu B' }], { name: 'B', now: NOW }))
      .events[0];
    const changed = describeCalendar(buildFeed([{ ...feedConference, summary: 'Đổi tên' }], { name: 'A', now: NOW }))
      .events[0];
    expect([a.location, b.location, changed.summary]).toEqual(['Điểm cầu A', 'Điểm cầu B', 'Đổi tên']);
  });

  it('serves an agenda as one event per slot', () => {
    const slots: [string, string, string][] = [
      ['06:30', '07:00', 'Đón tiếp đại biểu'],
      ['07:00', '07:05', 'Tuyên bố lý do, giới thiệu đại biểu'],
      ['07:05', '07:15', 'Phát biểu của lãnh đạo Sở Nội vụ'],
    ];
    const events = slots.map(([from, to, content], i) => ({
      uid: `agenda-cluster-1-slot-${i + 1}@convene.test`,
      sequence: 0,
      start: new Date(`2023-04-05T${from}:00Z`),
      end: new Date(`2023-04-05T${to}:00Z`),
      summary: content,
      location: CLUSTER.location,
    }));
    const feed = expectFeed(buildFeed(events, { name: 'Chương trình Cụm 1', now: NOW }), {
      name: 'Chương trình Cụm 1',
    });
    expect(feed.events.map((e) => e.summary)).toEqual(slots.map((s) => s[2]));
  });

  it('writes an empty calendar when there is nothing to show', () => {
    const text = buildFeed([], { name: 'Lịch trống', now: NOW });
    expect(feedProblems(text)).toEqual([]);
    expect(describeCalendar(text).events).toEqual([]);
  });

  it('refuses two events with one UID and names the bad event', () => {
    expect(() => buildFeed([DEADLINE, DEADLINE], { name: 'Lịch', now: NOW })).toThrow(
      expect.objectContaining({ field: 'events[1].uid', rule: 'isUnique' }),
    );
    expect(() => buildFeed([DEADLINE, { ...feedConference, summary: '' }], { name: 'Lịch', now: NOW })).toThrow(
      expect.objectContaining({ field: 'events[1].summary', rule: 'isNotEmpty' }),
    );
  });

  it('refuses a feed without a name or a valid time', () => {
    expect(() => buildFeed([], { name: ' ', now: NOW })).toThrow(expect.objectContaining({ field: 'name' }));
    expect(() => buildFeed([], { name: 'Lịch', now: new Date(NaN) })).toThrow(
      expect.objectContaining({ field: 'now' }),
    );
  });
});
