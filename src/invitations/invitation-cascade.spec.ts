import { CascadePointRow, rollUp } from './invitation-cascade';

const point = (
  id: string,
  parentId: string | null,
  depth: number,
  invited: number,
  answered: number,
  invitedCoordinator = false,
  opened = false,
): CascadePointRow => ({
  id,
  name: id,
  parentId,
  depth,
  coordinatorPersonId: null,
  coordinatorInvited: invitedCoordinator,
  coordinatorOpened: opened,
  invited,
  answered,
});

describe('rollUp', () => {
  it('sums each subtree into its root and each level across the tree', () => {
    const result = rollUp([
      point('host', null, 0, 10, 4),
      point('province', 'host', 1, 5, 5, true, true),
      point('commune-1', 'province', 2, 3, 1, true, false),
      point('commune-2', 'province', 2, 2, 0, true, true),
      point('district', 'host', 1, 0, 0, false),
    ]);
    const province = result.points.find((p) => p.id === 'province')!;
    expect(province.subtree).toEqual({
      points: 3,
      coordinatorsInvited: 3,
      coordinatorsOpened: 2,
      invited: 10,
      answered: 6,
    });
    expect(result.points.find((p) => p.id === 'host')!.subtree).toEqual({
      points: 5,
      coordinatorsInvited: 3,
      coordinatorsOpened: 2,
      invited: 20,
      answered: 10,
    });
    expect(result.levels).toEqual([
      { depth: 0, points: 1, coordinatorsInvited: 0, coordinatorsOpened: 0, invited: 10, answered: 4 },
      { depth: 1, points: 2, coordinatorsInvited: 1, coordinatorsOpened: 1, invited: 5, answered: 5 },
      { depth: 2, points: 2, coordinatorsInvited: 2, coordinatorsOpened: 1, invited: 5, answered: 1 },
    ]);
  });

  it('answers empty lists for a conference without points', () => {
    expect(rollUp([])).toEqual({ points: [], levels: [] });
  });
});
