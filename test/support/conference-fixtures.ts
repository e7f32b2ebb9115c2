import type { TestApp } from './app';
import { foldVietnamese } from '../../src/common/text';

/**
 * Helpers for specs that need conferences: units and people inserted with SQL (no dependency on
 * the directory API), and conferences, bridge points and clusters made through the HTTP API.
 */
export const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

export interface UnitInput {
  name: string;
  kind: string;
  parentId?: string | null;
  externalCode?: string | null;
  active?: boolean;
}

export async function insertUnit(t: TestApp, unit: UnitInput): Promise<string> {
  const [row] = await t.dataSource.query(
    `INSERT INTO unit (name, kind, parent_id, external_code, search_key, active) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      unit.name,
      unit.kind,
      unit.parentId ?? null,
      unit.externalCode ?? null,
      foldVietnamese(unit.name),
      unit.active ?? true,
    ],
  );
  return row.id;
}

/** Many units under one parent in one statement: names `${prefix} 1`, `${prefix} 2`… */
export async function insertUnits(
  t: TestApp,
  parentId: string | null,
  kind: string,
  prefix: string,
  count: number,
): Promise<string[]> {
  const rows: { id: string }[] = await t.dataSource.query(
    `INSERT INTO unit (name, kind, parent_id, search_key)
     SELECT $3 || ' ' || n, $2, $1, lower($3) || ' ' || n FROM generate_series(1, $4) AS n ORDER BY n RETURNING id`,
    [parentId, kind, prefix, count],
  );
  return rows.map((r) => r.id);
}

export async function insertPerson(t: TestApp, fullName: string, email?: string): Promise<string> {
  const [row] = await t.dataSource.query(
    `INSERT INTO person (full_name, email, search_key) VALUES ($1, $2, $3) RETURNING id`,
    [fullName, email?.toLowerCase() ?? null, foldVietnamese(fullName)],
  );
  return row.id;
}

export interface ConferenceBody {
  title?: string;
  kind?: string;
  format?: string;
  timeZone?: string;
  [field: string]: unknown;
}

/** A draft conference through POST /conferences; answers its response body. */
export async function createConference(
  t: TestApp,
  token: string,
  body: ConferenceBody = {},
): Promise<Record<string, any>> {
  const res = await t
    .http()
    .post('/conferences')
    .set(auth(token))
    .send({ title: 'Hội nghị thử nghiệm', kind: 'conference', format: 'online', ...body });
  if (res.status !== 201) throw new Error(`could not create a conference: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface ScheduledConference {
  conference: Record<string, any>;
  provinceUnitId: string;
  hostPoint: Record<string, any>;
  /** The remote points, one per district unit, in name order. */
  points: Record<string, any>[];
  districtUnitIds: string[];
}

export interface ScheduledConferenceOptions extends ConferenceBody {
  startsAt?: string;
  endsAt?: string;
  /** How many remote points (one per district unit made for them). */
  points?: number;
}

/**
 * A scheduled online conference with a host point and `points` remote points, all through the
 * API: the fixture other modules' specs (invitations, papers) start from.
 */
export async function createScheduledConference(
  t: TestApp,
  token: string,
  options: ScheduledConferenceOptions = {},
): Promise<ScheduledConference> {
  const { startsAt = '2026-04-08T07:30:00+07:00', endsAt = '2026-04-08T11:30:00+07:00', points = 3, ...body } = options;
  const provinceUnitId = await insertUnit(t, {
    name: `UBND tỉnh thử nghiệm ${Math.random().toString(36).slice(2, 8)}`,
    kind: 'provincial_committee',
  });
  const officeUnitId = await insertUnit(t, {
    name: 'Văn phòng UBND tỉnh',
    kind: 'committee_office',
    parentId: provinceUnitId,
  });
  const districtUnitIds = await insertUnits(t, provinceUnitId, 'district_committee', 'UBND huyện', points);
  const conference = await createConference(t, token, { organizingUnitId: provinceUnitId, ...body });
  const scheduled = await t
    .http()
    .post(`/conferences/${conference.id}/schedule`)
    .set(auth(token))
    .send({ startsAt, endsAt });
  if (scheduled.status !== 200) throw new Error(`could not schedule: ${JSON.stringify(scheduled.body)}`);
  const base = `/conferences/${conference.id}/bridge-points`;
  const host = await t
    .http()
    .post(base)
    .set(auth(token))
    .send({ role: 'host', name: 'Điểm cầu tỉnh', unitId: officeUnitId, room: 'Hội trường số 2' });
  if (host.status !== 201) throw new Error(`could not create the host point: ${JSON.stringify(host.body)}`);
  if (points > 0) {
    const bulk = await t
      .http()
      .post(`${base}/bulk`)
      .set(auth(token))
      .send({ rootUnitId: provinceUnitId, levels: [{ unitKind: 'district_committee', name: 'Điểm cầu {unit}' }] });
    if (bulk.status !== 201) throw new Error(`could not create the remote points: ${JSON.stringify(bulk.body)}`);
  }
  const list = await t.http().get(`${base}?depth=1&limit=500`).set(auth(token));
  return { conference: scheduled.body, provinceUnitId, hostPoint: host.body, points: list.body.items, districtUnitIds };
}

/**
 * A user of this role with an API token (no expiry), for specs that move the fake clock by hours:
 * login tokens live 15 minutes.
 */
export async function apiUser(
  t: TestApp,
  role: 'admin' | 'organizer' | 'observer',
): Promise<{ token: string; userId: string }> {
  const user = await t.userToken(role);
  const res = await t.http().post('/auth/tokens').set(auth(user.token)).send({ name: 'tests' });
  if (res.status !== 201) throw new Error(`could not create an API token: ${JSON.stringify(res.body)}`);
  return { token: res.body.token, userId: user.userId };
}

const QNA_DISTRICTS: [string, string][] = [
  ['TAMKY', 'UBND thành phố Tam Kỳ'],
  ['HOIAN', 'UBND thành phố Hội An'],
  ['DIENBAN', 'UBND thị xã Điện Bàn'],
  ['DAILOC', 'UBND huyện Đại Lộc'],
  ['DUYXUYEN', 'UBND huyện Duy Xuyên'],
  ['QUESON', 'UBND huyện Quế Sơn'],
  ['THANGBINH', 'UBND huyện Thăng Bình'],
  ['NUITHANH', 'UBND huyện Núi Thành'],
  ['PHUNINH', 'UBND huyện Phú Ninh'],
  ['TIENPHUOC', 'UBND huyện Tiên Phước'],
  ['HIEPDUC', 'UBND huyện Hiệp Đức'],
  ['NONGSON', 'UBND huyện Nông Sơn'],
  ['NAMGIANG', 'UBND huyện Nam Giang'],
  ['DONGGIANG', 'UBND huyện Đông Giang'],
  ['TAYGIANG', 'UBND huyện Tây Giang'],
  ['PHUOCSON', 'UBND huyện Phước Sơn'],
  ['BACTRAMY', 'UBND huyện Bắc Trà My'],
  ['NAMTRAMY', 'UBND huyện Nam Trà My'],
];

const CTO_DISTRICTS: [string, string][] = [
  ['NINHKIEU', 'UBND quận Ninh Kiều'],
  ['BINHTHUY', 'UBND quận Bình Thủy'],
  ['CAIRANG', 'UBND quận Cái Răng'],
  ['OMON', 'UBND quận Ô Môn'],
  ['THOTNOT', 'UBND quận Thốt Nốt'],
  ['PHONGDIEN', 'UBND huyện Phong Điền'],
  ['CODO', 'UBND huyện Cờ Đỏ'],
  ['VINHTHANH', 'UBND huyện Vĩnh Thạnh'],
  ['THOILAI', 'UBND huyện Thới Lai'],
];

/**
 * The units seeds 000 and 001 refer to, under the external codes the directory demo uses
 * (QNA…, CTO…), inserted with SQL. Answers unit ids by code.
 */
export async function insertSeedDirectory(t: TestApp): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  const add = async (code: string, name: string, kind: string, parent: string | null) => {
    ids[code] = await insertUnit(t, { name, kind, externalCode: code, parentId: parent ? ids[parent] : null });
  };
  await add('QNA', 'Ủy ban nhân dân tỉnh Quảng Nam', 'provincial_committee', null);
  await add('QNA.VP', 'Văn phòng Ủy ban nhân dân tỉnh Quảng Nam', 'committee_office', 'QNA');
  await add('QNA.S.SNV', 'Sở Nội vụ tỉnh Quảng Nam', 'department', 'QNA');
  await add('QNA.S.STTTT', 'Sở Thông tin và Truyền thông tỉnh Quảng Nam', 'department', 'QNA');
  await add('QNA.S.SKHDT', 'Sở Kế hoạch và Đầu tư tỉnh Quảng Nam', 'department', 'QNA');
  await add('QNA.S.STP', 'Sở Tư pháp tỉnh Quảng Nam', 'department', 'QNA');
  await add('QNA.DPTTH', 'Đài Phát thanh và Truyền hình Quảng Nam', 'press', 'QNA');
  for (const [code, name] of QNA_DISTRICTS) await add(`QNA.D.${code}`, name, 'district_committee', 'QNA');
  await add('CTO', 'Ủy ban nhân dân thành phố Cần Thơ', 'provincial_committee', null);
  await add('CTO.S.SNV', 'Sở Nội vụ thành phố Cần Thơ', 'department', 'CTO');
  await add('CTO.S.SNV.CCHC', 'Phòng Cải cách hành chính – Văn thư, lưu trữ', 'division', 'CTO.S.SNV');
  await add('CTO.S.STTTT', 'Sở Thông tin và Truyền thông thành phố Cần Thơ', 'department', 'CTO');
  for (const [code, name] of CTO_DISTRICTS) await add(`CTO.D.${code}`, name, 'district_committee', 'CTO');
  return ids;
}
