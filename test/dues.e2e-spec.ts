import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertUnit } from './support/conference-fixtures';

/** The due reader over HTTP (POST /dues/preview) and the warnings of stored dues on GET and in the checks. */
describe('Dues', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-02-14T02:00:00Z');
    organizer = await apiUser(t, 'organizer');
  });
  afterAll(() => t.close());

  const send = (method: 'post' | 'patch', url: string, body: object = {}) =>
    t.http()[method](url).set(auth(organizer.token)).send(body);
  const get = (url: string) => t.http().get(url).set(auth(organizer.token));
  const preview = (body: object) => send('post', '/dues/preview', body);

  describe('POST /dues/preview', () => {
    it('answers what was read, with the Vietnamese read-back, and stores nothing', async () => {
      const [{ n: before }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM due_entry`);
      const res = await preview({ text: 'Quý I/2023' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        text: 'Quý I/2023',
        zone: 'Asia/Ho_Chi_Minh',
        warnings: [],
        dues: [
          {
            kind: 'quarter',
            text: 'Quý I/2023',
            spec: { kind: 'quarter', year: 2023, quarter: 1 },
            precision: 'quarter',
            tentative: false,
            part: null,
            period: { start: '2023-01-01T00:00:00+07:00', end: '2023-04-01T00:00:00+07:00' },
            resolvesAt: '2023-04-01T00:00:00+07:00',
            local: { date: '2023-03-31', time: null },
            formatted: { vi: 'quý I/2023', en: 'Q1 2023' },
            deadline: { vi: 'hết ngày 31/03/2023', en: 'by the end of 31 March 2023' },
            readBack: { vi: 'Quý I/2023 → hết ngày 31/03/2023', en: 'Quý I/2023 → by the end of 31 March 2023' },
          },
        ],
      });
      const [{ n: after }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM due_entry`);
      expect(after).toBe(before);
    });

    it('reads a time in the zone it is given, and the marks of precision', async () => {
      const timed = await preview({ text: 'ngày 15/3/2023 (8h30)', timeZone: 'Asia/Tokyo' });
      expect(timed.body.dues[0]).toMatchObject({
        kind: 'at_time',
        spec: { kind: 'at_time', date: '2023-03-15', time: '08:30' },
        precision: 'minute',
        resolvesAt: '2023-03-15T08:30:00+09:00',
        local: { date: '2023-03-15', time: '08:30' },
      });
      const marked = await preview({ text: 'dự kiến cuối tháng 10-2018' });
      expect(marked.body.dues[0]).toMatchObject({
        kind: 'month',
        tentative: true,
        part: 'late',
        resolvesAt: '2018-11-01T00:00:00+07:00',
        deadline: { vi: 'hết ngày 31/10/2018 (dự kiến)' },
        formatted: { vi: 'dự kiến cuối tháng 10 năm 2018', en: 'late October 2018 (tentative)' },
      });
      const range = await preview({ text: 'trong 02 ngày 27–28/3', year: 2024 });
      expect(range.body.dues[0]).toMatchObject({
        kind: 'date_range',
        spec: { from: '2024-03-27', to: '2024-03-28' },
        local: { date: '2024-03-28', time: null },
      });
      const periodic = await preview({ text: 'định kỳ tháng 7/2025' });
      expect(periodic.body.dues).toHaveLength(1);
      expect(periodic.body.dues[0].spec).toEqual({ kind: 'month', month: '2025-07' });
    });

    it('warns about a due before the reference, taking the reference’s year for a due without one', async () => {
      const res = await preview({ text: 'trước ngày 30/11', reference: '2022-12-05' });
      expect(res.status).toBe(200);
      expect(res.body.dues[0].spec).toEqual({ kind: 'before_date', date: '2022-11-30' });
      expect(res.body.warnings).toEqual([
        {
          code: 'DUE_BEFORE_REFERENCE',
          fragment: 'trước ngày 30/11',
          position: 0,
          message: {
            vi: 'Thời hạn “trước ngày 30/11” đến trước ngày của kế hoạch (5/12/2022).',
            en: "The due “trước ngày 30/11” falls before the plan's own date (5 December 2022).",
          },
        },
      ]);
    });

    it('answers 422 naming text, with the reader’s message, when it cannot be read', async () => {
      const res = await preview({ text: 'Quý V/2023' });
      expect(res.status).toBe(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({
        code: 'DUE_UNREADABLE',
        errors: [{ field: 'text', rule: 'quarter', fragment: 'Quý V/2023', position: 0 }],
      });
      expect(res.body.errors[0].message).toMatch(/\S/);
      const count = await preview({ text: 'trong 03 ngày 27–28/3/2024' });
      expect(count.body).toMatchObject({ status: 422, errors: [{ field: 'text', rule: 'dayCount' }] });
      const empty = await preview({ text: '   ' });
      expect(empty.body).toMatchObject({ status: 422, errors: [{ field: 'text', rule: 'empty' }] });
    });

    it('refuses bad members with 422 naming each, and strangers with 401', async () => {
      const res = await preview({ reference: '2023-02-30', timeZone: 'Mars/Base' });
      expect(res.status).toBe(422);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['reference', 'text', 'timeZone']);
      await t.http().post('/dues/preview').send({ text: 'Quý I/2023' }).expect(401);
      // It changes nothing: an observer account may read a due as well.
      const observer = await apiUser(t, 'observer');
      const read = await t.http().post('/dues/preview').set(auth(observer.token)).send({ text: 'Quý I/2023' });
      expect(read.status).toBe(200);
      expect(read.body.dues[0].deadline.vi).toBe('hết ngày 31/03/2023');
    });
  });

  describe('stored warnings', () => {
    it('shows a task due before the plan’s date on GET, in /deadlines and in the checks, and follows the plan’s date', async () => {
      const unit = await insertUnit(t, { name: 'Sở Nội vụ', kind: 'department' });
      const c = await createConference(t, organizer.token, {
        format: 'in_person',
        window: { from: '2026-04-06', to: '2026-04-10' },
      });
      const created = await send('post', '/plans', {
        title: 'Kế hoạch tổ chức Hội nghị',
        year: 2026,
        issuedOn: '2026-03-01',
        conferenceId: c.id,
        tasks: [
          { number: '1', content: 'Chuẩn bị báo cáo', due: 'trước ngày 15/02/2026', leadUnitIds: [unit] },
          { number: '2', content: 'Gửi giấy mời', due: 'trước ngày 01/4/2026', leadUnitIds: [unit] },
        ],
      });
      expect(created.status).toBe(201);
      expect(created.body.warnings).toEqual([
        expect.objectContaining({ code: 'DUE_BEFORE_REFERENCE', field: 'tasks[0].due' }),
      ]);
      const planId = created.body.id;

      const tasks = (await get(`/plans/${planId}/tasks`)).body.items;
      const [first, second] = tasks;
      expect(first.dues[0].warnings).toEqual([
        {
          code: 'DUE_BEFORE_REFERENCE',
          fragment: 'trước ngày 15/02/2026',
          message: {
            vi: 'Thời hạn “trước ngày 15/02/2026” đến trước ngày của kế hoạch (1/3/2026).',
            en: "The due “trước ngày 15/02/2026” falls before the plan's own date (1 March 2026).",
          },
        },
      ]);
      expect(second.dues[0].warnings).toEqual([]);
      expect((await get(`/plans/${planId}/tasks/${first.id}`)).body.dues[0].warnings[0].code).toBe(
        'DUE_BEFORE_REFERENCE',
      );

      const deadlines = (await get(`/deadlines?planId=${planId}`)).body.items;
      expect(
        deadlines.map((d: { due: { warnings: { code: string }[] } }) => d.due.warnings.map((w) => w.code)),
      ).toEqual([['DUE_BEFORE_REFERENCE'], []]);

      const checks = (await get(`/conferences/${c.id}/checks`)).body.checks.filter(
        (x: { code: string }) => x.code === 'DUE_BEFORE_REFERENCE',
      );
      expect(checks).toEqual([
        {
          code: 'DUE_BEFORE_REFERENCE',
          severity: 'warning',
          message: {
            vi: 'Nhiệm vụ 1: Thời hạn “trước ngày 15/02/2026” đến trước ngày của kế hoạch (1/3/2026).',
            en: "Task 1: The due “trước ngày 15/02/2026” falls before the plan's own date (1 March 2026).",
          },
          target: { type: 'task', id: first.id },
          related: [{ type: 'plan', id: planId }],
        },
      ]);

      // Computed from the stored fields: a corrected plan date clears the warning everywhere.
      await send('patch', `/plans/${planId}`, { issuedOn: '2026-02-01' }).expect(200);
      expect((await get(`/plans/${planId}/tasks/${first.id}`)).body.dues[0].warnings).toEqual([]);
      const after = (await get(`/conferences/${c.id}/checks`)).body.checks.map((x: { code: string }) => x.code);
      expect(after).not.toContain('DUE_BEFORE_REFERENCE');
    });

    it('shows a paper due before the conference’s plan date on GET and in the checks', async () => {
      const unit = await insertUnit(t, { name: 'Sở Tư pháp', kind: 'department' });
      const c = await createConference(t, organizer.token, {
        format: 'in_person',
        plan: { reference: '690/KH-UBND', issuedOn: '2026-02-13' },
        window: { from: '2026-03-06', to: '2026-03-10' },
      });
      const paper = await send('post', `/conferences/${c.id}/presentations`, {
        unitId: unit,
        topic: 'Kết quả cải cách hành chính',
        due: 'chậm nhất ngày 10/02/2026',
      });
      expect(paper.status).toBe(201);
      const shown = await get(`/presentations/${paper.body.id}`);
      expect(shown.body.due.warnings).toEqual([expect.objectContaining({ code: 'DUE_BEFORE_REFERENCE' })]);
      const checks = (await get(`/conferences/${c.id}/checks`)).body.checks.filter(
        (x: { code: string }) => x.code === 'DUE_BEFORE_REFERENCE',
      );
      expect(checks).toEqual([
        expect.objectContaining({
          target: { type: 'presentation', id: paper.body.id },
          message: expect.objectContaining({ vi: expect.stringMatching(/^Tham luận “Kết quả cải cách hành chính”: /) }),
        }),
      ]);
    });
  });
});
