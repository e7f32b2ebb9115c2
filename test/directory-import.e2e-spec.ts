import { createTestApp, TestApp } from './support/app';
import { bearer, createUnit, csv, postCsv } from './support/directory';

const UNITS = csv(
  'external_code,name,short_name,kind,parent_code',
  // A child before its parent: parent codes may point forward.
  'IMP.D.TAMKY,Ủy ban nhân dân thành phố Tam Kỳ,UBND TP Tam Kỳ,district_committee,IMP',
  'IMP,Ủy ban nhân dân tỉnh Quảng Nam,UBND tỉnh,provincial_committee,',
  'IMP.S.SNV,Sở Nội vụ tỉnh Quảng Nam,Sở Nội vụ,department,IMP',
  'IMP.D.TAMKY.X.ANMY,Ủy ban nhân dân phường An Mỹ,,commune_committee,IMP.D.TAMKY',
);

const PEOPLE = csv(
  'email,full_name,phone,language,unit_code,role,title',
  'gd.snv@imp.vn,Phan Văn Giám,0235.3812.345,vi,IMP.S.SNV,head,Giám đốc Sở Nội vụ',
  // The same e-mail again: a second position of the same person.
  'gd.snv@imp.vn,Phan Văn Giám,0235.3812.345,vi,IMP,member,Ủy viên UBND tỉnh',
  'ct.tamky@imp.vn,Lê Thị Chủ,,en,IMP.D.TAMKY,head,',
  'nobody@imp.vn,Người Không Chức,,,,,',
);

describe('Directory: CSV import and export', () => {
  let t: TestApp;
  let admin: string;
  let observer: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.adminToken();
    observer = (await t.userToken('observer')).token;
  });
  afterAll(() => t.close());

  const count = async (table: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const expectProblem = (
    res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
    status: number,
    code: string,
  ) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
  };

  describe('units', () => {
    it('creates units whose parents come later in the file, and says so', async () => {
      const res = await postCsv(t, admin, '/units/import', UNITS);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        dryRun: false,
        partial: false,
        written: true,
        rows: { total: 4, created: 4, updated: 0, unchanged: 0, rejected: 0 },
        rejected: [],
        rejectedTruncated: false,
      });
      const rows = await t.dataSource.query(
        `SELECT u.external_code AS code, p.external_code AS parent, u.search_key FROM unit u LEFT JOIN unit p ON p.id = u.parent_id ORDER BY 1`,
      );
      expect(rows).toEqual([
        { code: 'IMP', parent: null, search_key: 'uy ban nhan dan tinh quang nam ubnd tinh' },
        { code: 'IMP.D.TAMKY', parent: 'IMP', search_key: 'uy ban nhan dan thanh pho tam ky ubnd tp tam ky' },
        { code: 'IMP.D.TAMKY.X.ANMY', parent: 'IMP.D.TAMKY', search_key: 'uy ban nhan dan phuong an my' },
        { code: 'IMP.S.SNV', parent: 'IMP', search_key: 'so noi vu tinh quang nam so noi vu' },
      ]);
      const audit = await t.http().get('/audit?entityType=unit').set(bearer(admin));
      expect(audit.body.items[0]).toMatchObject({
        action: 'unit.import',
        after: { rows: { created: 4 }, created: { keys: expect.arrayContaining(['IMP', 'IMP.S.SNV']) } },
      });
    });

    it('answers unchanged for the same file, and updated for the rows that changed', async () => {
      const same = await postCsv(t, admin, '/units/import', UNITS);
      expect(same.body.rows).toEqual({ total: 4, created: 0, updated: 0, unchanged: 4, rejected: 0 });
      const changed = UNITS.replace(
        'Sở Nội vụ tỉnh Quảng Nam,Sở Nội vụ,department,IMP',
        'Sở Nội vụ tỉnh Quảng Nam,SNV,department,IMP',
      );
      const res = await postCsv(t, admin, '/units/import', changed);
      expect(res.body.rows).toEqual({ total: 4, created: 0, updated: 1, unchanged: 3, rejected: 0 });
      await postCsv(t, admin, '/units/import', UNITS).expect(200);
    });

    it('takes a semicolon file with a BOM as the multipart field "file"', async () => {
      const file = Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('external_code;name;kind;parent_code\r\nIMP.S.STP;"Sở Tư pháp; tỉnh Quảng Nam";department;IMP\r\n'),
      ]);
      const res = await t
        .http()
        .post('/units/import')
        .set(bearer(admin))
        .attach('file', file, { filename: 'đơn vị.csv', contentType: 'text/csv' });
      expect(res.status).toBe(200);
      expect(res.body.rows).toMatchObject({ created: 1 });
      expect(await t.dataSource.query(`SELECT name FROM unit WHERE external_code = 'IMP.S.STP'`)).toEqual([
        { name: 'Sở Tư pháp; tỉnh Quảng Nam' },
      ]);
    });

    it('reports a dry run without writing anything', async () => {
      const before = await count('unit');
      const res = await postCsv(
        t,
        admin,
        '/units/import?dryRun=true',
        csv(
          'external_code,name,short_name,kind,parent_code',
          'IMP.S.SYT,Sở Y tế,,department,IMP',
          'IMP,Ủy ban nhân dân tỉnh Quảng Nam,UBND tỉnh QN,provincial_committee,',
        ),
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        dryRun: true,
        written: false,
        rows: { total: 2, created: 1, updated: 1, unchanged: 0 },
      });
      expect(await count('unit')).toBe(before);
      expect(await t.dataSource.query(`SELECT short_name FROM unit WHERE external_code = 'IMP'`)).toEqual([
        { short_name: 'UBND tỉnh' },
      ]);
    });

    it('refuses the whole file when a row is bad, listing each row with its line, column and reason', async () => {
      const before = await count('unit');
      const file = csv(
        'external_code,name,kind,parent_code',
        'IMP.S.SXD,Sở Xây dựng,department,IMP',
        'IMP.S.BAD,Sở Lạ,sở,IMP',
        'IMP.S.SXD,Sở Xây dựng (lần 2),department,IMP',
        'IMP.X.ORPHAN,Xã mồ côi,commune_committee,NOWHERE',
        'IMP.X.CHILD,Con của dòng lỗi,commune_committee,IMP.S.BAD',
        'IMP.TOO,Thừa,other,IMP,extra',
      );
      const res = await postCsv(t, admin, '/units/import', file);
      expect(res.status).toBe(422);
      expectProblem(res, 422, 'IMPORT_REJECTED');
      expect(res.body.detail).toMatch(/^5 rows were rejected, so nothing was imported/);
      expect(res.body.report.rejected).toEqual([
        {
          line: 3,
          column: 'kind',
          rule: 'unknownKind',
          reason: expect.stringMatching(/^unknown kind "sở"; use one of:/),
        },
        { line: 4, column: 'external_code', rule: 'duplicate', reason: 'external_code IMP.S.SXD is also on line 2' },
        {
          line: 5,
          column: 'parent_code',
          rule: 'unknownParent',
          reason: 'no unit has the code NOWHERE, in this file or in the directory',
        },
        {
          line: 6,
          column: 'parent_code',
          rule: 'parentRejected',
          reason: 'the parent IMP.S.BAD (line 3) was rejected',
        },
        { line: 7, column: null, rule: 'cellCount', reason: expect.stringMatching(/has 5 cells; the header has 4/) },
      ]);
      expect(res.body.errors[0]).toMatchObject({
        field: 'kind',
        rule: 'unknownKind',
        line: 3,
        message: expect.stringMatching(/^line 3: unknown kind/),
      });
      expect(res.body.report.rows).toMatchObject({ total: 6, rejected: 5 });
      expect(await count('unit')).toBe(before);
    });

    it('imports the good rows with partial=true and lists the rest', async () => {
      const file = csv(
        'external_code,name,kind,parent_code',
        'IMP.S.SYT,Sở Y tế,department,IMP',
        'IMP.S.BAD,Sở Lạ,sở,IMP',
      );
      const dry = await postCsv(t, admin, '/units/import?dryRun=true', file);
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ written: false, rows: { created: 1, rejected: 1 } });
      const res = await postCsv(t, admin, '/units/import?partial=true', file);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        partial: true,
        written: true,
        rows: { total: 2, created: 1, rejected: 1 },
        rejected: [expect.objectContaining({ line: 3, column: 'kind' })],
      });
      expect(
        await t.dataSource.query(`SELECT external_code FROM unit WHERE external_code IN ('IMP.S.SYT', 'IMP.S.BAD')`),
      ).toEqual([{ external_code: 'IMP.S.SYT' }]);
    });

    it('refuses a parent cycle inside the file and one closed through the stored tree', async () => {
      const inFile = await postCsv(
        t,
        admin,
        '/units/import',
        csv('external_code,name,kind,parent_code', 'CY.A,A,other,CY.B', 'CY.B,B,other,CY.A'),
      );
      expectProblem(inFile, 422, 'IMPORT_REJECTED');
      expect(
        inFile.body.report.rejected.map((r: { line: number; column: string; rule: string }) => [
          r.line,
          r.column,
          r.rule,
        ]),
      ).toEqual([
        [2, 'parent_code', 'cycle'],
        [3, 'parent_code', 'cycle'],
      ]);
      // IMP is the root of stored units; putting it under its own commune closes a loop.
      const viaTree = await postCsv(
        t,
        admin,
        '/units/import',
        csv(
          'external_code,name,kind,parent_code',
          'IMP,Ủy ban nhân dân tỉnh Quảng Nam,provincial_committee,IMP.D.TAMKY.X.ANMY',
        ),
      );
      expect(viaTree.body.report.rejected).toEqual([
        {
          line: 2,
          column: 'parent_code',
          rule: 'cycle',
          reason: 'parent_code makes a cycle: IMP → IMP.D.TAMKY.X.ANMY → IMP.D.TAMKY → IMP',
        },
      ]);
    });

    it('refuses files that are not UTF-8 CSV of the right shape, naming the line', async () => {
      const latin1 = Buffer.from('external_code,name,kind\nX.1,So Noi vu,department\nX.2,Tr\u00e2n,other\n', 'latin1');
      const encoding = await postCsv(t, admin, '/units/import', latin1);
      expect(encoding.status).toBe(415);
      expectProblem(encoding, 415, 'CSV_NOT_UTF8');
      expect(encoding.body).toMatchObject({ line: 3, detail: expect.stringMatching(/line 3 .*not UTF-8/) });

      const quoting = await postCsv(
        t,
        admin,
        '/units/import',
        csv('external_code,name,kind', 'X.1,"Sở "Nội vụ",department'),
      );
      expect(quoting.status).toBe(400);
      expectProblem(quoting, 400, 'CSV_MALFORMED');
      expect(quoting.body).toMatchObject({ line: 2 });

      const columns = await postCsv(t, admin, '/units/import', csv('code,name,kind', 'X.1,A,other'));
      expect(columns.status).toBe(422);
      expectProblem(columns, 422, 'CSV_COLUMNS');
      expect(columns.body).toMatchObject({
        line: 1,
        column: 'code',
        errors: [expect.objectContaining({ field: 'code' })],
      });

      const empty = await postCsv(t, admin, '/units/import', '');
      expectProblem(empty, 422, 'CSV_EMPTY');

      const charset = await t
        .http()
        .post('/units/import')
        .set(bearer(admin))
        .set('Content-Type', 'text/csv; charset=windows-1258')
        .send(Buffer.from('external_code,name,kind\n'));
      expectProblem(charset, 415, 'CSV_NOT_UTF8');
      const json = await t.http().post('/units/import').set(bearer(admin)).send({ rows: [] });
      expectProblem(json, 415, 'UNSUPPORTED_MEDIA_TYPE');
      const noFile = await t.http().post('/units/import').set(bearer(admin)).field('dryRun', 'true');
      expectProblem(noFile, 422, 'VALIDATION_FAILED');
      expect(noFile.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
      const wrongField = await t
        .http()
        .post('/units/import')
        .set(bearer(admin))
        .attach('upload', Buffer.from('a'), 'a.csv');
      expect(wrongField.body.errors).toEqual([expect.objectContaining({ field: 'file', rule: 'singleFile' })]);
      const badFlag = await postCsv(t, admin, '/units/import?dryRun=perhaps', UNITS);
      expect(badFlag.body.errors).toEqual([expect.objectContaining({ field: 'dryRun', rule: 'isBoolean' })]);
    });

    it('lets only admins and organizers import', async () => {
      expectProblem(await postCsv(t, observer, '/units/import', UNITS), 403, 'FORBIDDEN');
      expectProblem(
        await t.http().post('/units/import').set('Content-Type', 'text/csv').send('x'),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('serialises concurrent imports of the tree', async () => {
      const files = [0, 1, 2].map((i) =>
        csv(
          'external_code,name,kind,parent_code',
          `CONC.${i},Đơn vị ${i},other,IMP`,
          `CONC.${i}.A,Con ${i},other,CONC.${i}`,
        ),
      );
      const results = await Promise.all(files.map((f) => postCsv(t, admin, '/units/import', f)));
      expect(results.map((r) => r.body.rows.created)).toEqual([2, 2, 2]);
    });
  });

  describe('people', () => {
    it('upserts people by e-mail with one position per row, and reports people and positions', async () => {
      const res = await postCsv(t, admin, '/people/import', PEOPLE);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        written: true,
        rows: { total: 4, created: 4, updated: 0, unchanged: 0, rejected: 0 },
        people: { created: 3, updated: 0, unchanged: 0 },
        positions: { created: 3, updated: 0, unchanged: 0, ended: 0 },
      });
      const [giam] = (await t.http().get('/people').query({ email: 'gd.snv@imp.vn' }).set(bearer(admin))).body.items;
      expect(giam).toMatchObject({ fullName: 'Phan Văn Giám', phone: '0235.3812.345' });
      expect(giam.positions.map((p: { role: string; title: string }) => [p.role, p.title]).sort()).toEqual([
        ['head', 'Giám đốc Sở Nội vụ'],
        ['member', 'Ủy viên UBND tỉnh'],
      ]);
      const [chu] = (await t.http().get('/people').query({ email: 'ct.tamky@imp.vn' }).set(bearer(admin))).body.items;
      expect(chu).toMatchObject({
        language: 'en',
        positions: [expect.objectContaining({ role: 'head', title: 'Thủ trưởng' })],
      });
    });

    it('answers unchanged the second time; a new title updates, an empty one keeps the stored title', async () => {
      const same = await postCsv(t, admin, '/people/import', PEOPLE);
      expect(same.body.rows).toEqual({ total: 4, created: 0, updated: 0, unchanged: 4, rejected: 0 });
      const retitled = await postCsv(
        t,
        admin,
        '/people/import',
        csv(
          'email,full_name,unit_code,role,title,phone',
          'ct.tamky@imp.vn,Lê Thị Chủ,IMP.D.TAMKY,head,Chủ tịch UBND thành phố,',
        ),
      );
      expect(retitled.body).toMatchObject({
        rows: { updated: 1 },
        people: { unchanged: 1 },
        positions: { updated: 1 },
      });
      // This file has no language column: the person keeps English.
      expect(await t.dataSource.query(`SELECT language FROM person WHERE email = 'ct.tamky@imp.vn'`)).toEqual([
        { language: 'en' },
      ]);
      const untitled = await postCsv(
        t,
        admin,
        '/people/import',
        csv('email,full_name,language,unit_code,role', 'ct.tamky@imp.vn,Lê Thị Chủ,en,IMP.D.TAMKY,head'),
      );
      expect(untitled.body.rows).toMatchObject({ unchanged: 1 });
      // A language column with an empty cell means the default, Vietnamese.
      const emptied = await postCsv(
        t,
        admin,
        '/people/import',
        csv('email,full_name,language', 'ct.tamky@imp.vn,Lê Thị Chủ,'),
      );
      expect(emptied.body.people).toEqual({ created: 0, updated: 1, unchanged: 0 });
      await postCsv(
        t,
        admin,
        '/people/import',
        csv('email,full_name,language', 'ct.tamky@imp.vn,Lê Thị Chủ,en'),
      ).expect(200);
      expect(
        await t.dataSource.query(
          `SELECT title FROM person_position pp JOIN person p ON p.id = pp.person_id WHERE p.email = 'ct.tamky@imp.vn'`,
        ),
      ).toEqual([{ title: 'Chủ tịch UBND thành phố' }]);
    });

    it('refuses rows with an unknown role or unit, bad e-mails and disagreeing duplicates, writing nothing', async () => {
      const before = await count('person');
      const res = await postCsv(
        t,
        admin,
        '/people/import',
        csv(
          'email,full_name,unit_code,role',
          'new1@imp.vn,Người Mới,IMP.S.SNV,boss',
          'new2@imp.vn,Người Mới Hai,NO.SUCH.UNIT,head',
          'not-an-email,Ai Đó,,',
          'new3@imp.vn,Người Ba,IMP.S.SNV,specialist',
          'new3@imp.vn,Người Ba,IMP.S.SNV,specialist',
          'NEW3@imp.vn,Người Ba Khác,IMP.S.SNV,head',
        ),
      );
      expectProblem(res, 422, 'IMPORT_REJECTED');
      expect(
        res.body.report.rejected.map((r: { line: number; column: string; rule: string }) => [r.line, r.column, r.rule]),
      ).toEqual([
        [2, 'role', 'unknownRole'],
        [3, 'unit_code', 'unknownUnit'],
        [4, 'email', 'isEmail'],
        [6, 'role', 'duplicatePosition'],
        [7, 'full_name', 'samePerson'],
      ]);
      expect(await count('person')).toBe(before);
    });

    it('keeps positions in a deactivated unit but gives it no new ones', async () => {
      await postCsv(
        t,
        admin,
        '/units/import',
        csv('external_code,name,kind,parent_code', 'IMP.OLD,Phòng sắp giải thể,division,IMP'),
      ).expect(200);
      await postCsv(
        t,
        admin,
        '/people/import',
        csv('email,full_name,unit_code,role', 'old@imp.vn,Người Cũ,IMP.OLD,division_head'),
      ).expect(200);
      const [old] = await t.dataSource.query(`SELECT id FROM unit WHERE external_code = 'IMP.OLD'`);
      await t.http().delete(`/units/${old.id}`).set(bearer(admin)).expect(200);
      const again = await postCsv(
        t,
        admin,
        '/people/import',
        csv('email,full_name,unit_code,role', 'old@imp.vn,Người Cũ,IMP.OLD,division_head'),
      );
      expect(again.body.rows).toMatchObject({ unchanged: 1, rejected: 0 });
      const added = await postCsv(
        t,
        admin,
        '/people/import',
        csv('email,full_name,unit_code,role', 'old@imp.vn,Người Cũ,IMP.OLD,specialist'),
      );
      expect(added.body.report.rejected).toEqual([
        {
          line: 2,
          column: 'unit_code',
          rule: 'inactiveUnit',
          reason: 'the unit IMP.OLD is deactivated and takes no new positions',
        },
      ]);
    });

    it('with partial=true, imports the good rows of a file with bad ones', async () => {
      const res = await postCsv(
        t,
        admin,
        '/people/import?partial=true',
        csv(
          'email,full_name,unit_code,role',
          'ok@imp.vn,Người Được,IMP.S.SNV,specialist',
          'ko@imp.vn,Người Không,IMP.S.SNV,boss',
        ),
      );
      expect(res.body).toMatchObject({ written: true, rows: { created: 1, rejected: 1 }, people: { created: 1 } });
      expect(await t.dataSource.query(`SELECT email FROM person WHERE email IN ('ok@imp.vn', 'ko@imp.vn')`)).toEqual([
        { email: 'ok@imp.vn' },
      ]);
    });

    it('with replacePositions=true, ends the current positions the file no longer lists', async () => {
      const res = await postCsv(
        t,
        admin,
        '/people/import?replacePositions=true',
        csv(
          'email,full_name,phone,unit_code,role,title',
          'gd.snv@imp.vn,Phan Văn Giám,0235.3812.345,IMP.S.SNV,head,Giám đốc Sở Nội vụ',
        ),
      );
      expect(res.body).toMatchObject({
        rows: { updated: 1 },
        people: { updated: 1 },
        positions: { unchanged: 1, ended: 1 },
      });
      const [giam] = (await t.http().get('/people').query({ email: 'gd.snv@imp.vn' }).set(bearer(admin))).body.items;
      const full = await t.http().get(`/people/${giam.id}`).set(bearer(admin));
      expect(full.body.positions.map((p: { role: string; endedOn: string | null }) => [p.role, p.endedOn])).toEqual([
        ['head', null],
        ['member', '2026-03-01'],
      ]);
    });

    it('reactivates a person only through the active column, and records one audit entry per import', async () => {
      const [chu] = await t.dataSource.query(`SELECT id FROM person WHERE email = 'ct.tamky@imp.vn'`);
      await t.http().delete(`/people/${chu.id}`).set(bearer(admin)).expect(200);
      const without = await postCsv(
        t,
        admin,
        '/people/import',
        csv('email,full_name,language,unit_code,role', 'ct.tamky@imp.vn,Lê Thị Chủ,en,IMP.D.TAMKY,head'),
      );
      expect(without.body.people).toEqual({ created: 0, updated: 0, unchanged: 1 });
      const res = await postCsv(
        t,
        admin,
        '/people/import',
        csv('email,full_name,language,unit_code,role,active', 'ct.tamky@imp.vn,Lê Thị Chủ,en,IMP.D.TAMKY,head,true'),
      );
      expect(res.body.people).toEqual({ created: 0, updated: 1, unchanged: 0 });
      expect(await t.dataSource.query('SELECT active FROM person WHERE id = $1', [chu.id])).toEqual([{ active: true }]);
      const audit = await t.http().get('/audit?entityType=person').set(bearer(admin));
      expect(audit.body.items[0]).toMatchObject({
        action: 'person.import',
        after: { people: { updated: 1 }, changed: { keys: ['ct.tamky@imp.vn'], truncated: false } },
      });
    });
  });

  describe('export', () => {
    it('writes UTF-8 with a BOM, parents before children, and neutralises formulas', async () => {
      const [imp] = await t.dataSource.query(`SELECT id FROM unit WHERE external_code = 'IMP'`);
      await createUnit(t, admin, {
        name: '=HYPERLINK("http://evil")',
        shortName: '-Khác-',
        kind: 'other',
        parentId: imp.id,
        externalCode: 'IMP.EVIL',
      });
      const res = await t
        .http()
        .get('/units/export.csv')
        .set(bearer(observer))
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="units.csv"');
      const body = res.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = body.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe('external_code,name,short_name,kind,parent_code,active');
      expect(lines).toContain(`IMP.EVIL,"'=HYPERLINK(""http://evil"")",'-Khác-,other,IMP,true`);
      const order = lines.map((l) => l.split(',')[0]);
      expect(order.indexOf('IMP')).toBeLessThan(order.indexOf('IMP.D.TAMKY'));
      expect(order.indexOf('IMP.D.TAMKY')).toBeLessThan(order.indexOf('IMP.D.TAMKY.X.ANMY'));
    });

    it('round-trips: what export writes imports back unchanged', async () => {
      const exported = async (path: string) =>
        (
          await t
            .http()
            .get(path)
            .set(bearer(admin))
            .buffer(true)
            .parse((r, done) => {
              const chunks: Buffer[] = [];
              r.on('data', (c: Buffer) => chunks.push(c));
              r.on('end', () => done(null, Buffer.concat(chunks)));
            })
        ).body as Buffer;
      // Units made through the API without a code cannot be named by a file: give the test ones a code.
      await t.dataSource.query(`UPDATE unit SET external_code = 'ROUND.' || id WHERE external_code IS NULL`);
      const units = await exported('/units/export.csv');
      const unitReport = await postCsv(t, admin, '/units/import', units);
      expect(unitReport.body.rows).toMatchObject({ created: 0, updated: 0, rejected: 0 });
      expect(unitReport.body.rows.unchanged).toBe(await count('unit'));

      const people = await exported('/people/export.csv?delimiter=semicolon');
      expect(people.subarray(3).toString('utf8').split('\r\n')[0]).toBe(
        'email;full_name;phone;language;unit_code;role;title;active',
      );
      const peopleReport = await postCsv(t, admin, '/people/import', people);
      expect(peopleReport.body.rows).toMatchObject({ created: 0, updated: 0, rejected: 0 });
      expect(peopleReport.body.people).toEqual({ created: 0, updated: 0, unchanged: await count('person') });
    });

    it('refuses bad export options', async () => {
      const res = await t.http().get('/people/export.csv?delimiter=tab').set(bearer(observer));
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'delimiter' })]);
      expectProblem(await t.http().get('/units/export.csv'), 401, 'UNAUTHENTICATED');
    });
  });
});
