/**
 * The directory of a national conference, written with SQL in chunks (the database does the work;
 * this process never holds the people): a government root, provinces, communes spread over them,
 * and `people` people spread evenly over those units, each with one current position. Every unit
 * that will host a point gets people, so each point's composition rule invites about
 * people / (points + 1) of them.
 */
import type { DataSource } from 'typeorm';
import { foldVietnamese } from '../../src/common/text';

/** Rows per statement: large enough to amortise a round trip, small enough to keep each statement short. */
const CHUNK = 200_000;

export interface NationalDirectory {
  rootUnitId: string;
  provinces: number;
  communes: number;
  units: number;
}

/** 34 provinces (the 2025 count) under the points, fewer when the conference is too small for them. */
export function provincesFor(points: number): number {
  return Math.max(1, Math.min(34, Math.floor(points / 30)));
}

export async function generateDirectory(ds: DataSource, points: number, people: number): Promise<NationalDirectory> {
  const provinces = provincesFor(points);
  const communes = points - provinces;
  const [root] = await ds.query(
    `INSERT INTO unit (name, kind, search_key) VALUES ('Văn phòng Chính phủ', 'central_agency', 'van phong chinh phu') RETURNING id`,
  );
  await ds.query(
    `INSERT INTO unit (name, kind, parent_id, search_key, external_code)
     SELECT 'Ủy ban nhân dân tỉnh Số ' || p, 'provincial_committee', $1, 'uy ban nhan dan tinh so ' || p, 'NB.P' || p FROM generate_series(1, $2) p`,
    [root.id, provinces],
  );
  await ds.query(
    `INSERT INTO unit (name, kind, parent_id, search_key, external_code)
     SELECT 'Ủy ban nhân dân xã Số ' || c || ', tỉnh Số ' || (c % $2 + 1), 'commune_committee', pr.id, 'uy ban nhan dan xa so ' || c, 'NB.X' || c
       FROM generate_series(1, $1) c JOIN unit pr ON pr.external_code = 'NB.P' || (c % $2 + 1)`,
    [communes, provinces],
  );
  // The units with a point, numbered 0…points, to spread people over with n % (points + 1).
  await ds.query(
    `CREATE TABLE bench_point_unit AS SELECT id, (row_number() OVER (ORDER BY external_code NULLS FIRST, id) - 1)::int AS k FROM unit`,
  );
  await ds.query(`CREATE UNIQUE INDEX ON bench_point_unit (k)`);
  for (let from = 1; from <= people; from += CHUNK)
    await insertPeople(ds, from, Math.min(people, from + CHUNK - 1), points + 1);
  await ds.query(`DROP TABLE bench_point_unit`);
  await ds.query('ANALYZE unit; ANALYZE person; ANALYZE person_position');
  return { rootUnitId: root.id, provinces, communes, units: points + 1 };
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Hoàng',
  'Phan',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Thị Thu', 'Minh', 'Ngọc', 'Quang', 'Thị Kim', 'Đức', 'Thanh'];
const GIVEN = [
  'An',
  'Hà',
  'Bình',
  'Hương',
  'Cường',
  'Lan',
  'Dũng',
  'Linh',
  'Hải',
  'Mai',
  'Hùng',
  'Thảo',
  'Khánh',
  'Trang',
  'Sơn',
  'Yến',
  'Tuấn',
  'Vân',
  'Việt',
  'Nhung',
];

/** A name part and its folded form (the directory's search key). */
const parts = (list: string[]) => [list, list.map(foldVietnamese)];

/**
 * People `from`…`to` (numbers in their e-mail), person n at unit n % units; the first person of a
 * unit is its head, the others specialists; one in twenty reads English. A plain (unlogged) table
 * carries the generated ids between statements: a pool connection may differ per statement.
 */
async function insertPeople(ds: DataSource, from: number, to: number, units: number): Promise<void> {
  const pick = (i: number, step: number) => `($${i}::text[])[(n / ${step}) % cardinality($${i}::text[]) + 1]`;
  await ds.query(
    `CREATE UNLOGGED TABLE bench_people AS
     SELECT gen_random_uuid() AS id, n,
            ${pick(3, 1)} || ' ' || ${pick(5, 7)} || ' ' || ${pick(7, 3)} AS full_name,
            ${pick(4, 1)} || ' ' || ${pick(6, 7)} || ' ' || ${pick(8, 3)} AS search_key
       FROM generate_series($1::int, $2::int) n`,
    [from, to, ...parts(FAMILY), ...parts(MIDDLE), ...parts(GIVEN)],
  );
  await ds.query(
    `INSERT INTO person (id, full_name, email, phone, language, search_key)
     SELECT id, full_name, 'daibieu' || n || '@bench.gov.vn', '0235.' || lpad(n::text, 7, '0'), CASE WHEN n % 20 = 0 THEN 'en' ELSE 'vi' END, search_key
       FROM bench_people`,
  );
  await ds.query(
    `INSERT INTO person_position (person_id, unit_id, role, title)
     SELECT b.id, u.id, CASE WHEN b.n <= $1 THEN 'head' ELSE 'specialist' END, CASE WHEN b.n <= $1 THEN 'Chủ tịch' ELSE 'Chuyên viên' END
       FROM bench_people b JOIN bench_point_unit u ON u.k = b.n % $1`,
    [units],
  );
  await ds.query(`DROP TABLE bench_people`);
}
