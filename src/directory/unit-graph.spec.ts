import { GraphRow, placeUnits, StoredUnit } from './unit-graph';

const row = (line: number, externalCode: string, parentCode: string | null, active = true): GraphRow => ({
  line,
  externalCode,
  parentCode,
  active,
});
const stored = (id: string, externalCode: string | null, parentId: string | null, active = true): StoredUnit => ({
  id,
  externalCode,
  parentId,
  active,
});

describe('placeUnits', () => {
  it('resolves parents defined later in the file and already stored', () => {
    const { placed, problems } = placeUnits(
      [row(2, 'C', 'B'), row(3, 'B', 'A'), row(4, 'D', 'QNA'), row(5, 'A', null)],
      [stored('q', 'QNA', null)],
    );
    expect(problems).toEqual([]);
    const byCode = new Map(placed.map((p) => [p.row.externalCode, p]));
    expect(byCode.get('C')!.parentId).toBe(byCode.get('B')!.id);
    expect(byCode.get('D')!.parentId).toBe('q');
    expect(byCode.get('B')!.parentId).toBe(byCode.get('A')!.id);
    expect(byCode.get('A')!.parentId).toBeNull();
  });

  it('rejects B: its parent A is unknown; keeps the stored id of a known code', () => {
    const { placed, problems } = placeUnits([row(2, 'B', 'A'), row(3, 'QNA', null)], [stored('q', 'QNA', null)]);
    expect(problems).toEqual([
      {
        line: 2,
        column: 'parent_code',
        rule: 'unknownParent',
        reason: 'no unit has the code A, in this file or in the directory',
      },
    ]);
    expect(placed).toEqual([{ row: row(3, 'QNA', null), id: 'q', stored: true, parentId: null, active: true }]);
  });

  it('finds a cycle inside the file and names every row on it', () => {
    const { placed, problems } = placeUnits(
      [row(2, 'A', 'C'), row(3, 'B', 'A'), row(4, 'C', 'B'), row(5, 'D', null)],
      [],
    );
    expect(problems.map((p) => [p.line, p.rule]).sort()).toEqual([
      [2, 'cycle'],
      [3, 'cycle'],
      [4, 'cycle'],
    ]);
    expect(problems[0].reason).toMatch(/^parent_code makes a cycle: [ABC] → [ABC] → [ABC] → [ABC]$/);
    expect(placed.map((p) => p.row.externalCode)).toEqual(['D']);
  });

  it('finds a cycle the file closes through the stored tree', () => {
    // Stored: QNA → D → X. The file moves QNA under X.
    const tree = [stored('q', 'QNA', null), stored('d', 'D', 'q'), stored('x', 'X', 'd')];
    const { problems } = placeUnits([row(7, 'QNA', 'X')], tree);
    expect(problems).toEqual([
      { line: 7, column: 'parent_code', rule: 'cycle', reason: 'parent_code makes a cycle: QNA → X → D → QNA' },
    ]);
  });

  it('lets a file fix a tree by moving both ends of what would otherwise be a cycle', () => {
    const tree = [stored('a', 'A', null), stored('b', 'B', 'a')];
    expect(placeUnits([row(2, 'A', 'B'), row(3, 'B', null)], tree).problems).toEqual([]);
  });

  it('rejects children of rows rejected on their own, saying which line', () => {
    const { problems } = placeUnits([row(3, 'B', 'A'), row(4, 'C', 'B')], [], new Map([['A', 2]]));
    expect(problems).toEqual([
      { line: 3, column: 'parent_code', rule: 'parentRejected', reason: 'the parent A (line 2) was rejected' },
      { line: 4, column: 'parent_code', rule: 'parentRejected', reason: 'the parent B (line 3) was rejected' },
    ]);
  });

  it('keeps active units out from under inactive ones', () => {
    const tree = [stored('q', 'QNA', null), stored('d', 'D', 'q'), stored('old', 'OLD', null, false)];
    const { problems } = placeUnits([row(2, 'QNA', null, false), row(3, 'N', 'OLD')], tree);
    expect(problems.map((p) => [p.line, p.column, p.rule])).toEqual([
      [2, 'active', 'activeChildren'],
      [3, 'active', 'inactiveParent'],
    ]);
    expect(problems[0].reason).toContain('(D)');
    expect(placeUnits([row(2, 'QNA', null, false), row(3, 'D', 'QNA', false)], tree).problems).toEqual([]);
  });

  it('keeps a stored unit where it is when the file has no parent_code column, and makes a new one a root', () => {
    const tree = [stored('q', 'QNA', null), stored('d', 'D', 'q')];
    const rows: GraphRow[] = [
      { line: 2, externalCode: 'D', parentCode: undefined, active: undefined },
      { line: 3, externalCode: 'N', parentCode: undefined, active: undefined },
    ];
    const { placed, problems } = placeUnits(rows, tree);
    expect(problems).toEqual([]);
    expect(placed.map((p) => [p.row.externalCode, p.parentId, p.stored, p.active])).toEqual([
      ['D', 'q', true, true],
      ['N', null, false, true],
    ]);
  });

  it('refuses deactivating a stored parent through a file that leaves its children out', () => {
    const tree = [stored('q', 'QNA', null), stored('d', 'D', 'q')];
    const { problems } = placeUnits([{ line: 2, externalCode: 'QNA', parentCode: undefined, active: false }], tree);
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, rule: 'activeChildren', reason: expect.stringContaining('(D)') }),
    ]);
  });

  it('handles a national tree quickly (checked in memory, no quadratic work)', () => {
    const rows: GraphRow[] = [];
    for (let p = 0; p < 63; p += 1) {
      rows.push(row(rows.length + 2, `P${p}`, null));
      for (let d = 0; d < 11; d += 1) {
        rows.push(row(rows.length + 2, `P${p}.D${d}`, `P${p}`));
        for (let c = 0; c < 15; c += 1) rows.push(row(rows.length + 2, `P${p}.D${d}.C${c}`, `P${p}.D${d}`));
      }
    }
    const { placed, problems } = placeUnits(rows.reverse(), []);
    expect(problems).toEqual([]);
    expect(placed).toHaveLength(63 * (1 + 11 * 16));
  });
});
