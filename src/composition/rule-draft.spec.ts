import { columnsOf, draftProblems, RuleDraft } from './rule-draft';

const U = '00000000-0000-4000-8000-000000000001';
const rules = (draft: RuleDraft) => draftProblems(draft).map((p) => `${p.field}:${p.rule}`);

describe('draftProblems', () => {
  it('accepts kinds, kinds within a unit, an explicit list, and a delegated rule without a selector', () => {
    expect(rules({ siteKind: 'conference', units: { kinds: ['department'] }, roles: ['head'] })).toEqual([]);
    expect(rules({ siteKind: 'conference', units: { kinds: ['department'], within: U }, roles: ['head'] })).toEqual([]);
    expect(rules({ siteKind: 'bridge_point', siteId: U, units: { ids: [U] }, everyone: true })).toEqual([]);
    expect(rules({ siteKind: 'bridge_point', siteId: U, roles: ['head'], delegate: { to: 'site_host' } })).toEqual([]);
  });

  it('names the field and rule of each combination it refuses', () => {
    expect(rules({ siteKind: 'conference', roles: ['head'] })).toEqual(['units:required']);
    expect(rules({ siteKind: 'conference', units: { ids: [U], kinds: ['press'] }, roles: ['head'] })).toEqual([
      'units.ids:exclusive',
    ]);
    expect(rules({ siteKind: 'conference', units: { childrenOf: U, within: U }, roles: ['head'] })).toEqual([
      'units.within:exclusive',
    ]);
    expect(rules({ siteKind: 'conference', units: { kinds: ['press'] } })).toEqual(['roles:required']);
    expect(rules({ siteKind: 'conference', units: { kinds: ['press'] }, roles: ['head'], everyone: true })).toEqual([
      'everyone:exclusive',
    ]);
    expect(rules({ siteKind: 'conference', siteId: U, units: { kinds: ['press'] }, roles: ['head'] })).toEqual([
      'site.id:forbidden',
    ]);
    expect(rules({ siteKind: 'cluster', units: { kinds: ['press'] }, roles: ['head'] })).toEqual(['site.id:required']);
  });

  it('refuses delegations that cannot name a unit', () => {
    expect(rules({ siteKind: 'conference', roles: ['head'], delegate: { to: 'site_host' } })).toEqual([
      'delegate.to:siteHasNoHost',
    ]);
    expect(rules({ siteKind: 'bridge_point', siteId: U, roles: ['head'], delegate: { to: 'site_units' } })).toEqual([
      'delegate.to:clusterOnly',
    ]);
    expect(rules({ siteKind: 'cluster', siteId: U, roles: ['head'], delegate: { to: 'unit' } })).toEqual([
      'delegate.unitId:required',
    ]);
    expect(
      rules({ siteKind: 'cluster', siteId: U, roles: ['head'], delegate: { to: 'site_host', unitId: U } }),
    ).toEqual(['delegate.unitId:forbidden']);
    expect(
      rules({ siteKind: 'cluster', siteId: U, units: { within: U }, roles: ['head'], delegate: { to: 'site_host' } }),
    ).toEqual(['units.within:delegatedScope']);
  });
});

describe('columnsOf', () => {
  it('stores everyone as no roles, and drops repeated kinds, ids and roles', () => {
    expect(columnsOf({ siteKind: 'conference', units: { kinds: ['press', 'press'] }, everyone: true })).toMatchObject({
      unitKinds: ['press'],
      roles: null,
    });
    expect(
      columnsOf({ siteKind: 'conference', units: { ids: [U, U.toUpperCase()] }, roles: ['head', 'head'] }),
    ).toMatchObject({ unitIds: [U], roles: ['head'] });
  });
});
