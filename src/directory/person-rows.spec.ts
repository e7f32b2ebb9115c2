import { PersonRowSet, readPersonRow } from './person-rows';

const cells = (over: Record<string, string> = {}) => ({
  email: 'Nhan.NH@CanTho.gov.vn',
  full_name: 'Nguyễn Hoàng Nhân',
  ...over,
});

describe('readPersonRow', () => {
  it('reads a person with a position, lower-casing the e-mail', () => {
    const { row, problems } = readPersonRow(
      2,
      cells({
        phone: '0932.868.447',
        language: 'EN',
        unit_code: 'CTO.S.SNV.CCHC',
        role: 'Specialist',
        title: 'Chuyên viên',
      }),
    );
    expect(problems).toEqual([]);
    expect(row).toEqual({
      line: 2,
      email: 'nhan.nh@cantho.gov.vn',
      fullName: 'Nguyễn Hoàng Nhân',
      phone: '0932.868.447',
      language: 'en',
      active: undefined,
      position: { unitCode: 'CTO.S.SNV.CCHC', role: 'specialist', title: 'Chuyên viên' },
    });
  });

  it('reads a person without a position; empty cells take the defaults, absent columns keep what is stored', () => {
    expect(readPersonRow(2, cells({ language: '', phone: '', active: '' })).row).toMatchObject({
      language: 'vi',
      position: null,
      phone: null,
      active: true,
    });
    expect(readPersonRow(2, cells()).row).toMatchObject({ language: undefined, phone: undefined, active: undefined });
  });

  it('restores a phone number exported with a formula guard', () => {
    expect(readPersonRow(2, cells({ phone: "'+84 932 868 447" })).row?.phone).toBe('+84 932 868 447');
  });

  it('names unknown roles and languages, bad e-mails and phones', () => {
    const { row, problems } = readPersonRow(
      9,
      cells({ email: 'not-an-email', phone: 'call me', language: 'fr', unit_code: 'X', role: 'boss' }),
    );
    expect(row).toBeNull();
    expect(problems.map((p) => [p.line, p.column, p.rule])).toEqual([
      [9, 'email', 'isEmail'],
      [9, 'phone', 'format'],
      [9, 'language', 'unknownLanguage'],
      [9, 'role', 'unknownRole'],
    ]);
  });

  it('needs both unit and role for a position', () => {
    expect(readPersonRow(2, cells({ unit_code: 'QNA' })).problems).toEqual([
      expect.objectContaining({ column: 'role', rule: 'required' }),
    ]);
    expect(readPersonRow(2, cells({ role: 'head' })).problems).toEqual([
      expect.objectContaining({ column: 'unit_code', rule: 'required' }),
    ]);
    expect(readPersonRow(2, cells({ title: 'Giám đốc' })).problems).toHaveLength(2);
  });
});

describe(PersonRowSet.name, () => {
  const row = (line: number, over: Record<string, string>) => readPersonRow(line, cells(over)).row!;

  it('takes several rows of one e-mail as several positions of one person', () => {
    const set = new PersonRowSet();
    expect(set.add(row(2, { unit_code: 'QNA.S.SNV', role: 'head' }))).toEqual([]);
    expect(set.add(row(3, { unit_code: 'QNA.HDTD', role: 'member' }))).toEqual([]);
    expect(set.people.size).toBe(1);
    expect(set.rows).toHaveLength(2);
  });

  it('refuses a row that disagrees about the person, or repeats a position', () => {
    const set = new PersonRowSet();
    set.add(row(2, { unit_code: 'QNA.S.SNV', role: 'head' }));
    expect(set.add(row(3, { full_name: 'Nguyễn Hoàng Nhàn', unit_code: 'QNA.HDTD', role: 'member' }))).toEqual([
      {
        line: 3,
        column: 'full_name',
        rule: 'samePerson',
        reason: 'full_name differs from line 2, which has the same e-mail',
      },
    ]);
    expect(set.add(row(4, { unit_code: 'QNA.S.SNV', role: 'head', title: 'Giám đốc' }))).toEqual([
      expect.objectContaining({
        line: 4,
        column: 'role',
        rule: 'duplicatePosition',
        reason: expect.stringContaining('line 2'),
      }),
    ]);
    expect(set.rows.map((r) => r.line)).toEqual([2]);
  });
});
