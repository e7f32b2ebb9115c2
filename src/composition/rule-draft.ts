import { FieldProblem, fieldProblem } from '../common/problem';
import type { PersonRole, UnitKind } from '../directory/directory.constants';
import type { CompositionRule, DelegateMode } from './composition-rule.entity';
import { COMPOSITION_PROBLEMS as P } from './composition.messages';
import type { SiteKind } from './composition.types';

/** A rule as asked for (create) or as it would become (update), before its references are checked. */
export interface RuleDraft {
  siteKind: SiteKind;
  siteId?: string;
  units?: { kinds?: UnitKind[]; ids?: string[]; childrenOf?: string; within?: string };
  roles?: PersonRole[];
  everyone?: boolean;
  delegate?: { to: DelegateMode; unitId?: string } | null;
}

/** The rules class-validator cannot say: which fields go together. Pure; answers every problem at once. */
export function draftProblems(draft: RuleDraft): FieldProblem[] {
  return [...siteProblems(draft), ...selectorProblems(draft), ...roleProblems(draft), ...delegateProblems(draft)];
}

function siteProblems({ siteKind, siteId }: RuleDraft): FieldProblem[] {
  if (siteKind === 'conference' && siteId) return [fieldProblem('site.id', 'forbidden', P.siteIdForbidden)];
  if (siteKind !== 'conference' && !siteId) return [fieldProblem('site.id', 'required', P.siteIdRequired)];
  return [];
}

function selectorProblems({ units, delegate }: RuleDraft): FieldProblem[] {
  const u = units ?? {};
  if (delegate) {
    const scoped = (['ids', 'childrenOf', 'within'] as const).filter((f) => u[f] !== undefined);
    return scoped.map((f) => fieldProblem(`units.${f}`, 'delegatedScope', P.delegatedScope));
  }
  if (!u.kinds && !u.ids && !u.childrenOf && !u.within) return [fieldProblem('units', 'required', P.selectorRequired)];
  if (u.ids && (u.kinds || u.childrenOf || u.within)) return [fieldProblem('units.ids', 'exclusive', P.idsExclusive)];
  if (u.childrenOf && u.within) return [fieldProblem('units.within', 'exclusive', P.scopeExclusive)];
  return [];
}

function roleProblems({ roles, everyone }: RuleDraft): FieldProblem[] {
  if (everyone && roles) return [fieldProblem('everyone', 'exclusive', P.rolesExclusive)];
  if (!everyone && !roles) return [fieldProblem('roles', 'required', P.rolesRequired)];
  return [];
}

function delegateProblems({ delegate, siteKind }: RuleDraft): FieldProblem[] {
  if (!delegate) return [];
  if (delegate.to === 'unit' && !delegate.unitId)
    return [fieldProblem('delegate.unitId', 'required', P.delegateUnitRequired)];
  if (delegate.to !== 'unit' && delegate.unitId)
    return [fieldProblem('delegate.unitId', 'forbidden', P.delegateUnitForbidden)];
  if (delegate.to === 'site_host' && siteKind === 'conference')
    return [fieldProblem('delegate.to', 'siteHasNoHost', P.siteHasNoHost)];
  if (delegate.to === 'site_units' && siteKind !== 'cluster')
    return [fieldProblem('delegate.to', 'clusterOnly', P.clusterOnly)];
  return [];
}

/** The draft of an existing rule, so that an update is checked as the rule it would make. */
export function draftOf(rule: CompositionRule): RuleDraft {
  const units: RuleDraft['units'] = {};
  if (rule.unitKinds) units.kinds = rule.unitKinds;
  if (rule.unitIds) units.ids = rule.unitIds;
  if (rule.childrenOfUnitId) units.childrenOf = rule.childrenOfUnitId;
  if (rule.withinUnitId) units.within = rule.withinUnitId;
  return {
    siteKind: rule.siteKind,
    siteId: rule.bridgePointId ?? rule.clusterId ?? undefined,
    units,
    ...(rule.roles ? { roles: rule.roles } : { everyone: true }),
    delegate: rule.delegateMode
      ? { to: rule.delegateMode, ...(rule.delegateUnitId ? { unitId: rule.delegateUnitId } : {}) }
      : null,
  };
}

/** Every unit id a draft names, with the field to blame when it is unknown or deactivated. */
export function unitReferences(draft: RuleDraft): { field: string; id: string }[] {
  const refs = (draft.units?.ids ?? []).map((id, i) => ({ field: `units.ids[${i}]`, id }));
  if (draft.units?.childrenOf) refs.push({ field: 'units.childrenOf', id: draft.units.childrenOf });
  if (draft.units?.within) refs.push({ field: 'units.within', id: draft.units.within });
  if (draft.delegate?.unitId) refs.push({ field: 'delegate.unitId', id: draft.delegate.unitId });
  return refs;
}

/** The columns a valid draft writes. */
export function columnsOf(
  draft: RuleDraft,
): Pick<
  CompositionRule,
  'unitKinds' | 'unitIds' | 'childrenOfUnitId' | 'withinUnitId' | 'roles' | 'delegateMode' | 'delegateUnitId'
> {
  return {
    unitKinds: draft.units?.kinds ? [...new Set(draft.units.kinds)] : null,
    unitIds: draft.units?.ids ? [...new Set(draft.units.ids.map((id) => id.toLowerCase()))] : null,
    childrenOfUnitId: draft.units?.childrenOf ?? null,
    withinUnitId: draft.units?.within ?? null,
    roles: draft.everyone ? null : [...new Set(draft.roles)],
    delegateMode: draft.delegate?.to ?? null,
    delegateUnitId: draft.delegate?.unitId ?? null,
  };
}
