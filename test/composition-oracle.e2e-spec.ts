import type { PersonRole } from '../src/directory/directory.constants';
import type { Holder } from '../src/directory/holders.service';
import { resolveRules, RuleToResolve } from './support/composition-oracle';

const holder = (personId: string, unitId: string, role: PersonRole, fullName = `Person ${personId}`): Holder => ({
  personId,
  fullName,
  email: `${personId}@example.vn`,
  language: 'vi',
  positionId: `${personId}-${unitId}-${role}`,
  unitId,
  unitName: `Unit ${unitId}`,
  unitKind: 'department',
  role,
  title: role,
});
const unit = (id: string) => ({ id, name: `Unit ${id}` });
const rule = (id: string, roles: PersonRole[] | null, maxPerUnit: number | null = null): RuleToResolve => ({
  id,
  roles,
  maxPerUnit,
});

/** The reference model the composition SQL is checked against must itself say what the rules mean. */
describe('the composition reference model (resolveRules)', () => {
  it('invites each person once, through the first rule, and lists the later rules as also matching', () => {
    const { invitees } = resolveRules([
      { rule: rule('r1', ['head']), holders: [holder('p1', 'u1', 'head')], units: [unit('u1')] },
      {
        rule: rule('r2', ['member']),
        holders: [holder('p1', 'u9', 'member'), holder('p2', 'u9', 'member')],
        units: [unit('u9')],
      },
      { rule: rule('r3', null), holders: [holder('p1', 'u9', 'member')], units: [unit('u9')] },
    ]);
    expect(invitees.map((i) => [i.personId, i.ruleId, i.unitId, i.alsoMatching])).toEqual([
      ['p1', 'r1', 'u1', ['r2', 'r3']],
      ['p2', 'r2', 'u9', []],
    ]);
  });

  it('caps each unit at maxPerUnit, preferring the roles listed first', () => {
    const { invitees, gaps } = resolveRules([
      {
        rule: rule('r1', ['head', 'deputy_head'], 1),
        holders: [
          holder('deputy', 'u1', 'deputy_head'),
          holder('head', 'u1', 'head'),
          holder('d2', 'u2', 'deputy_head'),
        ],
        units: [unit('u1'), unit('u2')],
      },
    ]);
    expect(invitees.map((i) => i.personId)).toEqual(['head', 'd2']);
    expect(gaps).toEqual([]);
  });

  it('reports a gap for each role nobody holds in a selected unit, and for a unit with nobody when it invites everyone', () => {
    const { gaps } = resolveRules([
      {
        rule: rule('r1', ['head', 'chief_of_office']),
        holders: [holder('p1', 'u1', 'head')],
        units: [unit('u1'), unit('u2')],
      },
      { rule: rule('r2', null), holders: [holder('p3', 'u3', 'reporter')], units: [unit('u3'), unit('u4')] },
    ]);
    expect(gaps).toEqual([
      { ruleId: 'r1', unitId: 'u1', unitName: 'Unit u1', role: 'chief_of_office' },
      { ruleId: 'r1', unitId: 'u2', unitName: 'Unit u2', role: 'head' },
      { ruleId: 'r1', unitId: 'u2', unitName: 'Unit u2', role: 'chief_of_office' },
      { ruleId: 'r2', unitId: 'u4', unitName: 'Unit u4', role: 'everyone' },
    ]);
  });

  it('counts a person holding two roles of a rule in one unit once', () => {
    const { invitees, gaps } = resolveRules([
      {
        rule: rule('r1', ['head', 'chief_of_office'], 2),
        holders: [
          holder('p1', 'u1', 'chief_of_office'),
          holder('p1', 'u1', 'head'),
          holder('p2', 'u1', 'chief_of_office'),
        ],
        units: [unit('u1')],
      },
    ]);
    expect(invitees.map((i) => [i.personId, i.role])).toEqual([
      ['p1', 'head'],
      ['p2', 'chief_of_office'],
    ]);
    expect(gaps).toEqual([]);
  });
});
