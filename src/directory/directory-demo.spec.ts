import { demoDirectory } from '../../fixtures/directory';
import { demoCsv } from './directory-demo.loader';
import { readPeopleFile } from './people-import.service';
import { placeUnits } from './unit-graph';
import { readUnitFile } from './units-import.service';

const CONTRACT_CODES = [
  'QNA',
  'QNA.VP',
  'QNA.TU',
  'QNA.HDND',
  'QNA.MTTQ',
  'QNA.S.SNV',
  'QNA.S.STTTT',
  'QNA.S.SKHDT',
  'QNA.S.STP',
  'QNA.S.STC',
  'QNA.DPTTH',
  'QNA.BAO',
  'QNA.HDTD',
  'CTO',
  'CTO.S.SNV',
  'CTO.S.SNV.CCHC',
  'CTO.S.STTTT',
];
const QNA_DISTRICTS = [
  'TAMKY',
  'HOIAN',
  'DIENBAN',
  'DAILOC',
  'DUYXUYEN',
  'QUESON',
  'THANGBINH',
  'NUITHANH',
  'PHUNINH',
  'TIENPHUOC',
  'HIEPDUC',
  'NONGSON',
  'NAMGIANG',
  'DONGGIANG',
  'TAYGIANG',
  'PHUOCSON',
  'BACTRAMY',
  'NAMTRAMY',
];
const CTO_DISTRICTS = [
  'NINHKIEU',
  'BINHTHUY',
  'CAIRANG',
  'OMON',
  'THOTNOT',
  'PHONGDIEN',
  'CODO',
  'VINHTHANH',
  'THOILAI',
];

describe('the demo directory', () => {
  const demo = demoDirectory();
  const unit = (code: string) => demo.units.find((u) => u.code === code);
  const holders = (code: string) =>
    demo.people.flatMap((p) => p.positions.filter((x) => x.unit === code).map((x) => ({ ...x, person: p })));

  it('has every unit the conference demo looks up by code', () => {
    for (const code of CONTRACT_CODES) expect(unit(code)).toBeDefined();
    for (const d of QNA_DISTRICTS)
      expect(unit(`QNA.D.${d}`)).toMatchObject({ kind: 'district_committee', parent: 'QNA' });
    for (const d of CTO_DISTRICTS)
      expect(unit(`CTO.D.${d}`)).toMatchObject({ kind: 'district_committee', parent: 'CTO' });
    expect(unit('CTO.S.SNV.CCHC')).toMatchObject({
      kind: 'division',
      parent: 'CTO.S.SNV',
      name: 'Phòng Cải cách hành chính – Văn thư, lưu trữ',
    });
  });

  it('counts Quảng Nam as seed 004 does: 20 departments (with the committee office), 18 districts, 5 vertical agencies', () => {
    const underQna = demo.units.filter((u) => u.parent === 'QNA');
    expect(underQna.filter((u) => u.kind === 'department')).toHaveLength(19);
    expect(underQna.filter((u) => u.kind === 'department' || u.code === 'QNA.VP')).toHaveLength(20);
    expect(underQna.filter((u) => u.kind === 'district_committee')).toHaveLength(18);
    expect(underQna.filter((u) => u.kind === 'vertical_agency').map((u) => u.shortName)).toEqual([
      'Cục Thuế',
      'Cục Hải quan',
      'Công an tỉnh',
      'BHXH tỉnh',
      'KBNN Quảng Nam',
    ]);
  });

  it('names districts by their kind and gives each 3 to 5 communes, a party committee, a council, an office and divisions', () => {
    expect(unit('QNA.D.TAMKY')?.name).toBe('Ủy ban nhân dân thành phố Tam Kỳ');
    expect(unit('QNA.D.DIENBAN')?.name).toBe('Ủy ban nhân dân thị xã Điện Bàn');
    expect(unit('QNA.D.NUITHANH')?.name).toBe('Ủy ban nhân dân huyện Núi Thành');
    expect(unit('QNA.D.DIENBAN.DU')?.name).toBe('Thị ủy Điện Bàn');
    for (const d of QNA_DISTRICTS) {
      const code = `QNA.D.${d}`;
      const children = demo.units.filter((u) => u.parent === code);
      const communes = children.filter((u) => u.kind === 'commune_committee');
      expect(communes.length).toBeGreaterThanOrEqual(3);
      expect(communes.length).toBeLessThanOrEqual(5);
      for (const c of communes) expect(c.code).toMatch(new RegExp(`^${code.replace(/\./g, '\\.')}\\.X\\.[A-Z]+$`));
      expect(children.map((u) => u.kind)).toEqual(
        expect.arrayContaining(['party_body', 'council_body', 'committee_office', 'division']),
      );
      expect(holders(code).map((h) => h.role)).toEqual(expect.arrayContaining(['head', 'chief_of_office']));
      expect(holders(`${code}.DU`).map((h) => h.role)).toEqual(
        expect.arrayContaining(['party_secretary', 'standing_member']),
      );
      expect(holders(`${code}.HDND`).map((h) => h.role)).toEqual(expect.arrayContaining(['head', 'standing_member']));
    }
  });

  it('gives every unit a leader, and provincial bodies, departments and agencies a chief of office', () => {
    const leaders = new Set(['head', 'party_secretary', 'division_head']);
    for (const u of demo.units) expect(holders(u.code).some((h) => leaders.has(h.role))).toBe(true);
    const withOffice = demo.units.filter((u) =>
      ['department', 'vertical_agency', 'district_committee', 'provincial_committee'].includes(u.kind),
    );
    for (const u of [...withOffice, unit('QNA.TU')!, unit('QNA.HDND')!, unit('QNA.MTTQ')!]) {
      expect(holders(u.code).map((h) => h.role)).toContain('chief_of_office');
    }
  });

  it('has the people the seeds name, and members in the appraisal councils', () => {
    const nhan = demo.people.find((p) => p.fullName === 'Nguyễn Hoàng Nhân');
    expect(nhan).toMatchObject({ phone: '0932.868.447' });
    expect(nhan!.positions).toEqual(
      expect.arrayContaining([expect.objectContaining({ unit: 'CTO.S.SNV.CCHC', role: 'specialist' })]),
    );
    expect(demo.people.find((p) => p.fullName === 'Hồ Quang Bửu')!.positions.map((x) => x.unit)).toEqual([
      'QNA',
      'QNA.HDTD',
    ]);
    expect(holders('QNA.HDTD').filter((h) => h.role === 'member').length).toBeGreaterThanOrEqual(5);
    expect(holders('QNA.HDTD.TGV').filter((h) => h.role === 'member').length).toBeGreaterThanOrEqual(3);
    for (const p of demo.people) expect(p.email).toMatch(/@demo\.(quangnam|cantho)\.gov\.vn$/);
  });

  it('is the same on every build and valid as import files', async () => {
    expect(demoDirectory()).toEqual(demo);
    const files = demoCsv(demo);
    const units = await readUnitFile(files.units);
    expect(units.rejected).toEqual([]);
    expect(placeUnits(units.rows, []).problems).toEqual([]);
    const people = await readPeopleFile(files.people);
    expect(people.rejected).toEqual([]);
    expect(new Set(people.rows.map((r) => r.email)).size).toBe(demo.people.length);
  });
});
