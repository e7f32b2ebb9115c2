import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createScheduledConference, insertUnit } from './support/conference-fixtures';

/**
 * Dates and instants are taken only when the day exists and the year is 1900–2200: a 30 February is
 * refused naming the field, not rolled over to 2 March, and years 0001 and 4000 never reach the database.
 */
describe('impossible dates', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-01-05T02:00:00Z');
    organizer = await apiUser(t, 'organizer');
  });
  afterAll(() => t.close());

  const expectRefused = (res: { status: number; body: any }, field: string, rule: string) => {
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  };

  it('refuses a schedule on 30 February and in years 0001 and 4000', async () => {
    const { conference } = await createScheduledConference(t, organizer.token, { points: 1 });
    const schedule = (startsAt: string, endsAt: string) =>
      t.http().post(`/conferences/${conference.id}/schedule`).set(auth(organizer.token)).send({ startsAt, endsAt });
    expectRefused(
      await schedule('2027-02-30T07:30:00+07:00', '2027-02-30T11:30:00+07:00'),
      'startsAt',
      'isZonedInstant',
    );
    expectRefused(
      await schedule('0001-03-08T07:30:00+07:00', '0001-03-08T11:30:00+07:00'),
      'startsAt',
      'isZonedInstant',
    );
    expectRefused(await schedule('4000-03-08T07:30:00+07:00', '4000-03-08T11:30:00+07:00'), 'endsAt', 'isZonedInstant');
  });

  it('refuses a readiness test on 30 February', async () => {
    const { conference, points } = await createScheduledConference(t, organizer.token, { points: 1 });
    const res = await t
      .http()
      .put(`/conferences/${conference.id}/bridge-points/${points[0].id}/readiness`)
      .set(auth(organizer.token))
      .send({ status: 'test_scheduled', testAt: '2027-02-30T08:00:00+07:00' });
    expectRefused(res, 'testAt', 'isZonedInstant');
  });

  it('refuses filters on 30 February', async () => {
    const res = await t.http().get('/deadlines?dueBefore=2027-02-30T00:00:00Z').set(auth(organizer.token));
    expectRefused(res, 'dueBefore', 'isZonedInstant');
  });

  it('refuses a position starting in year 0001', async () => {
    const unitId = await insertUnit(t, { name: 'Sở Nội vụ', kind: 'department' });
    const res = await t
      .http()
      .post('/people')
      .set(auth(organizer.token))
      .send({ fullName: 'Nguyễn Văn Năm', positions: [{ unitId, role: 'head', startedOn: '0001-01-01' }] });
    expectRefused(res, 'positions[0].startedOn', 'isCalendarDate');
  });
});
