import { readUnitRow } from './unit-rows';

const cells = (over: Record<string, string> = {}) => ({
  external_code: 'QNA.S.SNV',
  name: 'Sở Nội vụ tỉnh Quảng Nam',
  kind: 'department',
  ...over,
});

describe('readUnitRow', () => {
  it('reads a full row, trimming cells and folding the kind to lower case', () => {
    const { row, problems } = readUnitRow(
      7,
      cells({ short_name: ' Sở Nội vụ ', kind: 'Department', parent_code: 'QNA', active: 'false' }),
    );
    expect(problems).toEqual([]);
    expect(row).toEqual({
      line: 7,
      externalCode: 'QNA.S.SNV',
      name: 'Sở Nội vụ tỉnh Quảng Nam',
      shortName: 'Sở Nội vụ',
      kind: 'department',
      parentCode: 'QNA',
      active: false,
    });
  });

  it('stores names in NFC and treats empty optional cells as absent and active as the default', () => {
    const { row } = readUnitRow(
      2,
      cells({ name: 'Sở Nội vụ'.normalize('NFD'), short_name: '', parent_code: '  ', active: '' }),
    );
    expect(row).toMatchObject({ name: 'Sở Nội vụ'.normalize('NFC'), shortName: null, parentCode: null, active: true });
  });

  it('reads a column the file does not have as undefined, so the import keeps the stored value', () => {
    expect(readUnitRow(2, cells()).row).toMatchObject({
      shortName: undefined,
      parentCode: undefined,
      active: undefined,
    });
  });

  it('names an unknown kind and lists the known ones', () => {
    const { row, problems } = readUnitRow(3, cells({ kind: 'sở' }));
    expect(row).toBeNull();
    expect(problems).toEqual([
      {
        line: 3,
        column: 'kind',
        rule: 'unknownKind',
        reason: expect.stringMatching(/^unknown kind "sở"; use one of: central_agency, .*department/),
      },
    ]);
  });

  it('reports every problem of a row at once', () => {
    const { problems } = readUnitRow(4, {
      external_code: 'có dấu cách',
      name: '',
      kind: '',
      parent_code: 'X',
      active: 'maybe',
    });
    expect(problems.map((p) => [p.column, p.rule])).toEqual([
      ['external_code', 'format'],
      ['name', 'required'],
      ['kind', 'required'],
      ['active', 'isBoolean'],
    ]);
  });

  it('refuses a unit that is its own parent, a name with a line break and a name too long', () => {
    expect(readUnitRow(5, cells({ parent_code: 'QNA.S.SNV' })).problems).toEqual([
      expect.objectContaining({ column: 'parent_code', rule: 'cycle' }),
    ]);
    expect(readUnitRow(5, cells({ name: 'Sở\nNội vụ' })).problems).toEqual([
      expect.objectContaining({ column: 'name', rule: 'singleLine' }),
    ]);
    expect(readUnitRow(5, cells({ name: 'x'.repeat(301) })).problems).toEqual([
      expect.objectContaining({ column: 'name', rule: 'maxLength' }),
    ]);
  });

  it('accepts codes as agencies write them, including a formula-looking one exported with a guard', () => {
    for (const code of ['000.00.20.H47', 'QNA.D.TAMKY.X.ANMY', '29/QĐ-UBND', 'Đ1'])
      expect(readUnitRow(2, cells({ external_code: code })).problems).toEqual([]);
    expect(readUnitRow(2, cells({ short_name: "'-Khác-" })).row?.shortName).toBe('-Khác-');
  });
});
