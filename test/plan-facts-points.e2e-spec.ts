import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertPerson, insertUnit } from './support/conference-fixtures';
import {
  answerTokenOf,
  deliver,
  invitationsPath,
  invitationWorld,
  InvitationWorld,
  invite,
  sendAll,
  to,
} from './support/invitations';

const UNKNOWN = '00000000-0000-4000-8000-000000000001';

/**
 * What plans say of each bridge point and of the chairs (issue 16, items 5 and 6): expected
 * attendance ("khoảng 296 đại biểu") with its roll-ups beside the invitations, the chair at a
 * point (chủ trì tại điểm cầu), the conference's co-chairs, and POINT_OVER_CAPACITY.
 */
describe('plan facts: expected attendance, chairs at points, co-chairs', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ token } = await apiUser(t, 'organizer'));
  });
  afterAll(() => t.close());

  const pointsOf = (conferenceId: string) => `/conferences/${conferenceId}/bridge-points`;

  describe('a point', () => {
    let conferenceId: string;
    let chairId: string;
    let coordinatorId: string;

    beforeAll(async () => {
      conferenceId = (await createConference(t, token)).id;
      chairId = await insertPerson(t, 'Nguyễn Văn Chủ Trì');
      coordinatorId = await insertPerson(t, 'Lê Thị Kỹ Thuật');
    });

    it('keeps expected attendance ("khoảng 296") and a chair distinct from the coordinator, on create, PATCH and GET', async () => {
      const created = await t
        .http()
        .post(pointsOf(conferenceId))
        .set(auth(token))
        .send({
          role: 'host',
          name: 'Điểm cầu tỉnh',
          expectedAttendance: 296,
          expectedAttendanceApproximate: true,
          coordinatorPersonId: coordinatorId,
          chair: { personId: chairId, text: ' Đồng chí Chủ tịch UBND tỉnh ' },
        })
        .expect(201);
      expect(created.body).toMatchObject({
        expectedAttendance: 296,
        expectedAttendanceApproximate: true,
        coordinatorPersonId: coordinatorId,
        chair: { personId: chairId, text: 'Đồng chí Chủ tịch UBND tỉnh' },
      });
      const path = `${pointsOf(conferenceId)}/${created.body.id}`;
      const got = await t.http().get(path).set(auth(token)).expect(200);
      expect(got.body.chair).toEqual({ personId: chairId, text: 'Đồng chí Chủ tịch UBND tỉnh' });
      expect(got.body.coordinatorPersonId).toBe(coordinatorId);

      // The chair's text alone changes; the person stays. An exact number drops "khoảng".
      const patched = await t
        .http()
        .patch(path)
        .set(auth(token))
        .send({ expectedAttendance: 300, expectedAttendanceApproximate: false, chair: { text: 'Chủ tịch UBND tỉnh' } })
        .expect(200);
      expect(patched.body).toMatchObject({
        expectedAttendance: 300,
        expectedAttendanceApproximate: false,
        chair: { personId: chairId, text: 'Chủ tịch UBND tỉnh' },
      });
      // Clearing the number clears the mark too: "about" of nothing says nothing.
      await t.http().patch(path).set(auth(token)).send({ expectedAttendanceApproximate: true }).expect(200);
      const cleared = await t
        .http()
        .patch(path)
        .set(auth(token))
        .send({ expectedAttendance: null, chair: { personId: null } })
        .expect(200);
      expect(cleared.body).toMatchObject({
        expectedAttendance: null,
        expectedAttendanceApproximate: false,
        chair: { personId: null, text: 'Chủ tịch UBND tỉnh' },
      });
    });

    it('refuses a negative number (min) and a chair who is not in the directory (reference), writing nothing', async () => {
      const negative = await t
        .http()
        .post(pointsOf(conferenceId))
        .set(auth(token))
        .send({ name: 'Điểm cầu âm', expectedAttendance: -1 })
        .expect(422);
      expect(negative.headers['content-type']).toContain('application/problem+json');
      expect(negative.body.errors).toEqual([expect.objectContaining({ field: 'expectedAttendance', rule: 'min' })]);
      const fraction = await t
        .http()
        .post(pointsOf(conferenceId))
        .set(auth(token))
        .send({ name: 'Điểm cầu lẻ', expectedAttendance: 2.5, expectedAttendanceApproximate: 'yes' })
        .expect(422);
      expect(fraction.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['expectedAttendance', 'expectedAttendanceApproximate']),
      );
      const nobody = await t
        .http()
        .post(pointsOf(conferenceId))
        .set(auth(token))
        .send({ name: 'Điểm cầu không người', chair: { personId: UNKNOWN } })
        .expect(422);
      expect(nobody.body.errors).toEqual([expect.objectContaining({ field: 'chair.personId', rule: 'reference' })]);
      const list = await t
        .http()
        .get(`${pointsOf(conferenceId)}?limit=500`)
        .set(auth(token))
        .expect(200);
      expect(list.body.items.map((p: { name: string }) => p.name)).toEqual(['Điểm cầu tỉnh']);
    });

    it('gives each point of a bulk level its expected attendance', async () => {
      const world = await invitationWorld(t, [], { points: 2 });
      const base = pointsOf(world.conference.id);
      // The fixture's points exist already; a level under the districts' communes gets the default.
      const [district] = world.districtUnitIds;
      for (const name of ['UBND xã An Hòa', 'UBND xã Bình Minh'])
        await insertUnit(t, { name, kind: 'commune_committee', parentId: district });
      const bulk = await t
        .http()
        .post(`${base}/bulk`)
        .set(auth(world.token))
        .send({
          rootUnitId: world.provinceUnitId,
          levels: [
            { unitKind: 'district_committee' },
            { unitKind: 'commune_committee', expectedAttendance: 25, expectedAttendanceApproximate: true },
          ],
        })
        .expect(201);
      expect(bulk.body.created).toBe(2);
      const communes = await t.http().get(`${base}?depth=2&limit=500`).set(auth(world.token)).expect(200);
      expect(
        communes.body.items.map((p: Record<string, unknown>) => [
          p.name,
          p.expectedAttendance,
          p.expectedAttendanceApproximate,
        ]),
      ).toEqual([
        ['UBND xã An Hòa', 25, true],
        ['UBND xã Bình Minh', 25, true],
      ]);
      const refused = await t
        .http()
        .post(`${base}/bulk`)
        .set(auth(world.token))
        .send({ levels: [{ unitKind: 'commune_committee', expectedAttendance: -5 }] })
        .expect(422);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({ field: 'levels[0].expectedAttendance', rule: 'min' }),
      ]);
    });
  });

  describe('co-chairs of the conference', () => {
    it('keeps a list in the chair’s shape on create, replaces it on PATCH, keeps it when PATCH leaves it out', async () => {
      const deputy = await insertPerson(t, 'Phan Văn Phó');
      const created = await createConference(t, token, {
        chair: { text: 'Chủ tịch UBND tỉnh' },
        coChairs: [{ personId: deputy, text: 'Phó Chủ tịch UBND tỉnh' }, { text: ' Giám đốc Sở Nội vụ ' }],
      });
      expect(created.coChairs).toEqual([
        { personId: deputy, text: 'Phó Chủ tịch UBND tỉnh' },
        { personId: null, text: 'Giám đốc Sở Nội vụ' },
      ]);
      const path = `/conferences/${created.id}`;
      const got = await t.http().get(path).set(auth(token)).expect(200);
      expect(got.body.coChairs).toHaveLength(2);
      const patched = await t
        .http()
        .patch(path)
        .set(auth(token))
        .send({ coChairs: [{ personId: deputy }] })
        .expect(200);
      expect(patched.body.coChairs).toEqual([{ personId: deputy, text: null }]);
      const kept = await t.http().patch(path).set(auth(token)).send({ title: 'Hội nghị đổi tên' }).expect(200);
      expect(kept.body.coChairs).toEqual([{ personId: deputy, text: null }]);
    });

    it('refuses, naming the item, a text too long, an empty co-chair and one who is not in the directory', async () => {
      const created = await createConference(t, token, { coChairs: [{ text: 'Phó Chủ tịch UBND tỉnh' }] });
      const path = `/conferences/${created.id}`;
      const long = await t
        .http()
        .patch(path)
        .set(auth(token))
        .send({ coChairs: [{ text: 'Phó Chủ tịch' }, { text: 'x'.repeat(301) }] })
        .expect(422);
      expect(long.body.errors).toEqual([expect.objectContaining({ field: 'coChairs[1].text', rule: 'maxLength' })]);
      const empty = await t
        .http()
        .patch(path)
        .set(auth(token))
        .send({ coChairs: [{ text: 'Phó Chủ tịch' }, {}] })
        .expect(422);
      expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'coChairs[1]', rule: 'required' })]);
      const unknown = await t
        .http()
        .patch(path)
        .set(auth(token))
        .send({ coChairs: [{ personId: UNKNOWN }] })
        .expect(422);
      expect(unknown.body.errors).toEqual([
        expect.objectContaining({ field: 'coChairs[0].personId', rule: 'reference' }),
      ]);
      const got = await t.http().get(path).set(auth(token)).expect(200);
      expect(got.body.coChairs).toEqual([{ personId: null, text: 'Phó Chủ tịch UBND tỉnh' }]);
    });
  });

  /**
   * A host and three district points. By hand: the host expects about 296 and invites Hoa (who
   * declines); point 0 expects 120 and invites An (accepts) and Bảo (withdrawn); point 1 expects 80
   * and invites Cường, who sends Dũng in his place, and Dũng accepts; point 2 gives no number.
   */
  describe('roll-ups, the capacity check and the letter', () => {
    let world: InvitationWorld;
    let letters: Awaited<ReturnType<typeof deliver>>;

    const patchPoint = (id: string, body: Record<string, unknown>) =>
      t
        .http()
        .patch(`${pointsOf(world.conference.id)}/${id}`)
        .set(auth(world.token))
        .send(body)
        .expect(200);

    beforeAll(async () => {
      world = await invitationWorld(t, [
        { key: 'hoa', name: 'Trần Thị Hoa', at: 'host' },
        { key: 'an', name: 'Nguyễn Văn An', at: 0 },
        { key: 'bao', name: 'Lê Văn Bảo', at: 0 },
        { key: 'cuong', name: 'Phạm Văn Cường', at: 1 },
      ]);
      const pointChair = await insertPerson(t, 'Võ Văn Chủ');
      await patchPoint(world.hostPoint.id, {
        expectedAttendance: 296,
        expectedAttendanceApproximate: true,
        capacity: 500,
      });
      await patchPoint(world.points[0].id, {
        expectedAttendance: 120,
        capacity: 100,
        chair: { text: 'Đồng chí Chủ tịch UBND huyện' },
      });
      await patchPoint(world.points[1].id, { expectedAttendance: 80, capacity: 1, chair: { personId: pointChair } });
      await t
        .http()
        .patch(`/conferences/${world.conference.id}`)
        .set(auth(world.token))
        .send({
          chair: { text: 'Chủ tịch UBND tỉnh' },
          coChairs: [{ text: 'Phó Chủ tịch Thường trực UBND tỉnh' }, { text: 'Giám đốc Sở Nội vụ' }],
        })
        .expect(200);
      await invite(t, world, 'hoa', world.hostPoint.id);
      await invite(t, world, 'an', world.points[0].id);
      const bao = await invite(t, world, 'bao', world.points[0].id);
      await invite(t, world, 'cuong', world.points[1].id);
      await sendAll(t, world);
      letters = await deliver(t);
      const answer = (key: string, body: Record<string, string>) =>
        t
          .http()
          .post(`/invitations/answer/${answerTokenOf(to(letters, world.people[key].email)[0])}`)
          .type('form')
          .send(body)
          .expect(200);
      await answer('hoa', { answer: 'declined' });
      await answer('an', { answer: 'accepted' });
      const dungEmail = `dung.${process.pid}@convene.test`;
      await answer('cuong', {
        answer: 'substitute',
        substituteName: 'Đỗ Văn Dũng',
        substitutePosition: 'Phó Chủ tịch UBND huyện',
        substituteEmail: dungEmail,
      });
      const dungLetters = to(await deliver(t), dungEmail);
      expect(dungLetters).toHaveLength(1);
      await t
        .http()
        .post(`/invitations/answer/${answerTokenOf(dungLetters[0])}`)
        .type('form')
        .send({ answer: 'accepted' })
        .expect(200);
      await t
        .http()
        .delete(`${invitationsPath(world)}/${bao.id}`)
        .set(auth(world.token))
        .expect(204);
      await deliver(t);
    });

    it('sums expected attendance, invitations and confirmations per level, per parent and for the conference', async () => {
      const res = await t
        .http()
        .get(`${pointsOf(world.conference.id)}/summary`)
        .set(auth(world.token))
        .expect(200);
      expect(res.body.total).toBe(4);
      expect(res.body.attendance).toEqual({
        expected: 296 + 120 + 80,
        approximatePoints: 1,
        withoutExpected: 1,
        invited: 4, // Hoa, An, Cường, Dũng (Bảo withdrawn)
        confirmed: 2, // An, Dũng
      });
      expect(res.body.byLevel.map((l: Record<string, unknown>) => [l.depth, l.count, l.attendance])).toEqual([
        [0, 1, { expected: 296, approximatePoints: 1, withoutExpected: 0, invited: 1, confirmed: 0 }],
        [1, 3, { expected: 200, approximatePoints: 0, withoutExpected: 1, invited: 3, confirmed: 2 }],
      ]);
      const underHost = res.body.byParent.find((p: { parentId: string }) => p.parentId === world.hostPoint.id);
      expect(underHost).toMatchObject({
        count: 3,
        attendance: { expected: 200, approximatePoints: 0, withoutExpected: 1, invited: 3, confirmed: 2 },
      });
    });

    it('answers each listed point with its subtree totals', async () => {
      const res = await t
        .http()
        .get(`${pointsOf(world.conference.id)}?limit=500`)
        .set(auth(world.token))
        .expect(200);
      const byName = Object.fromEntries(res.body.items.map((p: Record<string, any>) => [p.name, p.subtree]));
      expect(byName[world.hostPoint.name]).toEqual({
        points: 4,
        attendance: { expected: 496, approximatePoints: 1, withoutExpected: 1, invited: 4, confirmed: 2 },
      });
      expect(byName[world.points[1].name]).toEqual({
        points: 1,
        attendance: { expected: 80, approximatePoints: 0, withoutExpected: 0, invited: 2, confirmed: 1 },
      });
      expect(byName[world.points[2].name]).toEqual({
        points: 1,
        attendance: { expected: 0, approximatePoints: 0, withoutExpected: 1, invited: 0, confirmed: 0 },
      });
    });

    it('reports POINT_OVER_CAPACITY for expected attendance or invitees over the seats, with the numbers', async () => {
      const res = await t.http().get(`/conferences/${world.conference.id}/checks`).set(auth(world.token)).expect(200);
      const over = res.body.checks.filter((c: { code: string }) => c.code === 'POINT_OVER_CAPACITY');
      expect(over).toEqual([
        {
          code: 'POINT_OVER_CAPACITY',
          severity: 'warning',
          target: { type: 'bridge_point', id: world.points[0].id },
          details: { capacity: 100, expectedAttendance: 120, invited: 1 },
          message: {
            vi: `Điểm cầu «${world.points[0].name}» có sức chứa 100 chỗ nhưng dự kiến 120 đại biểu.`,
            en: `The bridge point «${world.points[0].name}» seats 100 but has 120 expected.`,
          },
        },
        {
          code: 'POINT_OVER_CAPACITY',
          severity: 'warning',
          target: { type: 'bridge_point', id: world.points[1].id },
          details: { capacity: 1, expectedAttendance: 80, invited: 2 },
          message: {
            vi: `Điểm cầu «${world.points[1].name}» có sức chứa 1 chỗ nhưng dự kiến 80 đại biểu và 2 người được mời.`,
            en: `The bridge point «${world.points[1].name}» seats 1 but has 80 expected and 2 invited.`,
          },
        },
      ]);
      // Seats enough again: the check goes.
      await patchPoint(world.points[0].id, { capacity: 150 });
      const after = await t.http().get(`/conferences/${world.conference.id}/checks`).set(auth(world.token)).expect(200);
      expect(
        after.body.checks
          .filter((c: { code: string }) => c.code === 'POINT_OVER_CAPACITY')
          .map((c: any) => c.target.id),
      ).toEqual([world.points[1].id]);
    });

    it('names the co-chairs after the chair, and the point’s chair beside the place, in the letter', () => {
      const an = to(letters, world.people.an.email)[0].parsed.text ?? '';
      expect(an).toMatch(/Chủ trì: Chủ tịch UBND tỉnh/);
      expect(an).toMatch(/Đồng chủ trì: Phó Chủ tịch Thường trực UBND tỉnh\s+Giám đốc Sở Nội vụ/);
      expect(an.indexOf('Đồng chủ trì')).toBeGreaterThan(an.indexOf('Chủ trì: '));
      expect(an).toMatch(/Chủ trì tại điểm cầu: Đồng chí Chủ tịch UBND huyện/);
      // A chair from the directory without words is named by the person's name.
      const cuong = to(letters, world.people.cuong.email)[0].parsed.text ?? '';
      expect(cuong).toMatch(/Chủ trì tại điểm cầu: Võ Văn Chủ/);
      // The host's invitee has no point chair: no such line.
      const hoa = to(letters, world.people.hoa.email)[0].parsed.text ?? '';
      expect(hoa).not.toMatch(/Chủ trì tại điểm cầu/);
    });
  });
});
