/**
 * How fast calendars are built: `ics` alone, preparing an invitation (validation + `ics` + repairs,
 * once per event version), personalising it (per recipient), and feeds with and without the
 * rendering memo. Standalone:
 *
 *   node -r ts-node/register/transpile-only test/bench/calendar.bench.ts
 *
 * BENCH_SECONDS (default 1) sets how long each case runs.
 */
import { createEvent } from 'ics';
import { buildFeed, personalizeInvitation, prepareInvitation } from '../../src/calendar';
import { CONFERENCE, DELEGATE, REMOTE_SITE } from '../support/calendar-fixtures';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 1);
const SENT_AT = new Date('2023-02-20T03:00:00Z');

/** Runs `work(i)` repeatedly for SECONDS after a short warm-up; returns operations per second. */
function measure(work: (i: number) => unknown): number {
  for (let i = 0; i < 200; i += 1) work(i);
  const budget = BigInt(Math.round(SECONDS * 1e9));
  const started = process.hrtime.bigint();
  let count = 0;
  let sink = 0;
  while (process.hrtime.bigint() - started < budget) {
    for (let k = 0; k < 50; k += 1, count += 1) sink += String(work(count)).length;
  }
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  if (sink === 0) throw new Error('nothing was built');
  return count / elapsed;
}

const icsAttributes = {
  uid: CONFERENCE.uid,
  start: CONFERENCE.start.getTime(),
  startInputType: 'utc' as const,
  startOutputType: 'utc' as const,
  end: CONFERENCE.end.getTime(),
  endInputType: 'utc' as const,
  endOutputType: 'utc' as const,
  title: CONFERENCE.summary,
  description: CONFERENCE.description,
  location: REMOTE_SITE,
  organizer: CONFERENCE.organizer,
  attendees: [{ ...DELEGATE, rsvp: true, partstat: 'NEEDS-ACTION' as const }],
  categories: CONFERENCE.categories,
  alarms: [{ action: 'display' as const, description: 'Nhắc lịch', trigger: { minutes: 60, before: true } }],
  method: 'REQUEST',
};

const recipient = (i: number) => ({ name: `Đại biểu số ${i}`, email: `daibieu${i}@convene.test` });
const prepared = prepareInvitation(CONFERENCE, 'REQUEST');
const feedEvents = (i: number, distinct: boolean) =>
  Array.from({ length: 20 }, (_, k) => ({
    ...CONFERENCE,
    uid: distinct ? `feed-${i}-${k}@convene.test` : `feed-${k}@convene.test`,
    location: `Điểm cầu số ${i}`,
  }));

const rows: [string, number][] = [
  ['ics.createEvent alone (events/s)', measure(() => createEvent(icsAttributes).value)],
  ['prepareInvitation (events/s)', measure((i) => prepareInvitation({ ...CONFERENCE, sequence: i % 1000 }, 'REQUEST'))],
  [
    'personalizeInvitation (recipients/s)',
    measure((i) =>
      personalizeInvitation(prepared, { attendee: recipient(i), location: REMOTE_SITE, dtstamp: SENT_AT }),
    ),
  ],
  [
    'prepare + personalize per recipient (recipients/s)',
    measure((i) =>
      personalizeInvitation(prepareInvitation(CONFERENCE, 'REQUEST'), {
        attendee: recipient(i),
        location: REMOTE_SITE,
        dtstamp: SENT_AT,
      }),
    ),
  ],
  [
    'buildFeed, 20 events, all new (feeds/s)',
    measure((i) => buildFeed(feedEvents(i, true), { name: `Lịch ${i}`, now: SENT_AT })),
  ],
  [
    'buildFeed, 20 events seen before (feeds/s)',
    measure((i) => buildFeed(feedEvents(i, false), { name: `Lịch ${i}`, now: SENT_AT })),
  ],
];

const width = Math.max(...rows.map(([name]) => name.length));
process.stdout.write(`calendar benchmark (${SECONDS} s per case, node ${process.version})\n`);
for (const [name, rate] of rows)
  process.stdout.write(`${name.padEnd(width)}  ${Math.round(rate).toLocaleString('en-US').padStart(10)}\n`);
const personal = rows[2][1];
const naive = rows[3][1];
const people = 1_930_000;
process.stdout.write(
  `\nbuild once, personalise many: ${(personal / naive).toFixed(1)}× faster per recipient;\n` +
    `calendars for ${people.toLocaleString('en-US')} recipients (7/2/2026 national conference): ` +
    `${(people / personal).toFixed(1)} s personalised vs ${(people / naive).toFixed(0)} s calling ics per recipient (one core)\n`,
);
process.stdout.write(`heap used: ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB\n`);
