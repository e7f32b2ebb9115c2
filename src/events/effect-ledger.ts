import type { EntityManager } from 'typeorm';

/**
 * What a command did that leaves no row behind, noted on the transaction's query runner so that a
 * preview (a command run in a transaction that is rolled back) can report it. Only what the real
 * statements answered is noted: the preview never recomputes an effect by other means.
 */
export interface EffectLedger {
  /** Invitations a fan-out reached whose person has no e-mail address (nothing queued for them). */
  withoutEmail: number;
}

const KEY = 'effectLedger';

/** Starts a ledger on the transaction (the preview does, before running the command). */
export function openLedger(manager: EntityManager): EffectLedger {
  const ledger: EffectLedger = { withoutEmail: 0 };
  if (manager.queryRunner) manager.queryRunner.data = { ...manager.queryRunner.data, [KEY]: ledger };
  return ledger;
}

/** The transaction's ledger, if a preview opened one; real commands have none and note nothing. */
export function ledgerOf(manager: EntityManager): EffectLedger | null {
  const ledger: unknown = manager.queryRunner?.data?.[KEY];
  return (ledger as EffectLedger | undefined) ?? null;
}
