import { randomUUID } from 'node:crypto';
import { RejectedRow, rejection } from './import-report';

/**
 * The tree checks of a units import, done in memory over the whole file and the stored tree:
 * parent codes must name a unit (in the file, before or after the row, or already stored), the new
 * parent links must not close a cycle, and an active unit may not sit under an inactive one.
 */
export interface StoredUnit {
  id: string;
  externalCode: string | null;
  parentId: string | null;
  active: boolean;
}

export interface GraphRow {
  line: number;
  externalCode: string;
  /** undefined: the file has no parent_code column, so the unit stays where it is (a new one is a root). */
  parentCode: string | null | undefined;
  /** undefined: the file has no active column, so it stays as stored (a new unit is active). */
  active: boolean | undefined;
}

export interface PlacedRow<R extends GraphRow> {
  row: R;
  id: string;
  /** Whether the unit exists already. */
  stored: boolean;
  parentId: string | null;
  active: boolean;
}

const MAX_NAMED_CHILDREN = 3;

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The tree as it will be after the import: stored units (by id) and the file's rows (stored id, or a fresh one). */
class Tree<R extends GraphRow> {
  readonly storedById = new Map<string, StoredUnit>();
  readonly storedByCode = new Map<string, StoredUnit>();
  readonly rowByCode = new Map<string, R>();
  readonly rowById = new Map<string, R>();
  readonly idOfCode = new Map<string, string>();
  private readonly children = new Map<string, string[]>();

  constructor(stored: StoredUnit[], rows: R[]) {
    for (const unit of stored) {
      this.storedById.set(unit.id, unit);
      if (unit.externalCode !== null) this.storedByCode.set(unit.externalCode, unit);
    }
    for (const row of rows) {
      const id = this.storedByCode.get(row.externalCode)?.id ?? randomUUID();
      this.rowByCode.set(row.externalCode, row);
      this.rowById.set(id, row);
      this.idOfCode.set(row.externalCode, id);
    }
    for (const unit of stored) {
      const parent = this.parentOf(unit.id);
      if (parent !== null) push(this.children, parent, unit.id);
    }
    for (const id of this.rowById.keys()) {
      const parent = this.storedById.has(id) ? null : this.parentOf(id);
      if (parent !== null) push(this.children, parent, id);
    }
  }

  codeOf(id: string): string {
    return this.rowById.get(id)?.externalCode ?? this.storedById.get(id)?.externalCode ?? id;
  }

  /** The parent id after the import: the file decides for its rows (if it has the column), the stored tree for the rest. */
  parentOf(id: string): string | null {
    const row = this.rowById.get(id);
    if (!row || row.parentCode === undefined) return this.storedById.get(id)?.parentId ?? null;
    if (row.parentCode === null) return null;
    return this.idOfCode.get(row.parentCode) ?? this.storedByCode.get(row.parentCode)?.id ?? null;
  }

  activeAfter(id: string): boolean {
    return this.rowById.get(id)?.active ?? this.storedById.get(id)?.active ?? true;
  }

  /** Sub-units that are active after the import. */
  activeChildren(id: string): string[] {
    return (this.children.get(id) ?? []).filter((child) => this.activeAfter(child)).map((child) => this.codeOf(child));
  }
}

/** Rows whose parent link would close a cycle (every file row on the cycle is named). */
function findCycles<R extends GraphRow>(tree: Tree<R>, rows: R[]): RejectedRow[] {
  const problems: RejectedRow[] = [];
  const reported = new Set<number>();
  const safe = new Set<string>();
  for (const row of rows) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let id: string | null = tree.idOfCode.get(row.externalCode)!;
    while (id !== null && !safe.has(id) && !onPath.has(id)) {
      path.push(id);
      onPath.add(id);
      id = tree.parentOf(id);
    }
    if (id !== null && onPath.has(id)) {
      const cycle = path.slice(path.indexOf(id));
      const text = [...cycle, id].map((member) => tree.codeOf(member)).join(' → ');
      for (const member of cycle) {
        const memberRow = tree.rowById.get(member);
        if (memberRow && !reported.has(memberRow.line)) {
          reported.add(memberRow.line);
          problems.push(rejection(memberRow.line, 'parent_code', 'cycle', `parent_code makes a cycle: ${text}`));
        }
      }
    }
    for (const visited of path) safe.add(visited);
  }
  return problems;
}

function checkRow<R extends GraphRow>(tree: Tree<R>, row: R, rejectedCodes: Map<string, number>): RejectedRow | null {
  const id = tree.idOfCode.get(row.externalCode)!;
  const parentCode = row.parentCode;
  if (parentCode && !tree.rowByCode.has(parentCode) && !tree.storedByCode.has(parentCode)) {
    const rejectedLine = rejectedCodes.get(parentCode);
    return rejectedLine !== undefined
      ? rejection(
          row.line,
          'parent_code',
          'parentRejected',
          `the parent ${parentCode} (line ${rejectedLine}) was rejected`,
        )
      : rejection(
          row.line,
          'parent_code',
          'unknownParent',
          `no unit has the code ${parentCode}, in this file or in the directory`,
        );
  }
  const parentId = tree.parentOf(id);
  if (tree.activeAfter(id) && parentId !== null && !tree.activeAfter(parentId)) {
    return rejection(
      row.line,
      'active',
      'inactiveParent',
      `the parent ${tree.codeOf(parentId)} is deactivated; activate it too, or set active to false`,
    );
  }
  if (!tree.activeAfter(id)) {
    const activeChildren = tree.activeChildren(id);
    if (activeChildren.length > 0) {
      const named =
        activeChildren.slice(0, MAX_NAMED_CHILDREN).join(', ') +
        (activeChildren.length > MAX_NAMED_CHILDREN ? '…' : '');
      return rejection(
        row.line,
        'active',
        'activeChildren',
        `it has active sub-units (${named}); deactivate them in the same file`,
      );
    }
  }
  return null;
}

/**
 * Checks the rows against each other and the stored tree. Rejected rows are dropped and the checks
 * run again, since a rejected row can leave others without a parent; answers the accepted rows with
 * their ids (stored, or new), parent ids and activity after the import.
 */
export function placeUnits<R extends GraphRow>(
  rows: R[],
  stored: StoredUnit[],
  alreadyRejected: Map<string, number> = new Map(),
): { placed: PlacedRow<R>[]; problems: RejectedRow[] } {
  const problems: RejectedRow[] = [];
  const rejectedCodes = new Map(alreadyRejected);
  let remaining = rows;
  for (;;) {
    const tree = new Tree(stored, remaining);
    const found = remaining
      .map((row) => checkRow(tree, row, rejectedCodes))
      .filter((p): p is RejectedRow => p !== null);
    if (found.length === 0) found.push(...findCycles(tree, remaining));
    if (found.length === 0) {
      const placed = remaining.map((row) => {
        const id = tree.idOfCode.get(row.externalCode)!;
        return { row, id, stored: tree.storedById.has(id), parentId: tree.parentOf(id), active: tree.activeAfter(id) };
      });
      return { placed, problems };
    }
    const lines = new Set(found.map((p) => p.line));
    for (const row of remaining) if (lines.has(row.line)) rejectedCodes.set(row.externalCode, row.line);
    problems.push(...found);
    remaining = remaining.filter((row) => !lines.has(row.line));
  }
}
