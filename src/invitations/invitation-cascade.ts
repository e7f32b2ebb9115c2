/**
 * The organizer's view of delegated invitations down the tree of points: for each point its own
 * figures and those of its whole subtree, and per level the sums. Pure, so it is tested directly.
 */
export interface CascadePointRow {
  id: string;
  name: string;
  parentId: string | null;
  depth: number;
  coordinatorPersonId: string | null;
  coordinatorInvited: boolean;
  coordinatorOpened: boolean;
  invited: number;
  answered: number;
}

export interface CascadePoint extends CascadePointRow {
  subtree: {
    points: number;
    coordinatorsInvited: number;
    coordinatorsOpened: number;
    invited: number;
    answered: number;
  };
}

export interface CascadeLevel {
  depth: number;
  points: number;
  coordinatorsInvited: number;
  coordinatorsOpened: number;
  invited: number;
  answered: number;
}

export interface CascadeResponse {
  points: CascadePoint[];
  levels: CascadeLevel[];
}

export function rollUp(rows: CascadePointRow[]): CascadeResponse {
  const points: CascadePoint[] = rows.map((r) => ({
    ...r,
    subtree: {
      points: 1,
      coordinatorsInvited: Number(r.coordinatorInvited),
      coordinatorsOpened: Number(r.coordinatorOpened),
      invited: r.invited,
      answered: r.answered,
    },
  }));
  const byId = new Map(points.map((p) => [p.id, p]));
  // Deepest first, so each point has its whole subtree before it is added to its parent.
  for (const point of [...points].sort((a, b) => b.depth - a.depth)) {
    const parent = point.parentId ? byId.get(point.parentId) : undefined;
    if (!parent) continue;
    for (const key of Object.keys(parent.subtree) as (keyof CascadePoint['subtree'])[])
      parent.subtree[key] += point.subtree[key];
  }
  const levels = new Map<number, CascadeLevel>();
  for (const p of points) {
    const level = levels.get(p.depth) ?? {
      depth: p.depth,
      points: 0,
      coordinatorsInvited: 0,
      coordinatorsOpened: 0,
      invited: 0,
      answered: 0,
    };
    level.points += 1;
    level.coordinatorsInvited += Number(p.coordinatorInvited);
    level.coordinatorsOpened += Number(p.coordinatorOpened);
    level.invited += p.invited;
    level.answered += p.answered;
    levels.set(p.depth, level);
  }
  return { points, levels: [...levels.values()].sort((a, b) => a.depth - b.depth) };
}
