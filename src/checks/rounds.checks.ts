import type { EntityManager } from 'typeorm';
import { Check } from './check.types';
import { momentText } from './check-format';
import { CHECK_MESSAGES } from './check.messages';

/** Kinds that prepare the main event, so belong before it. */
const PREPARATIONS = ['rehearsal', 'technical_test'];

interface Pair {
  round_id: string;
  round_label: string | null;
  round_title: string;
  round_kind: string;
  round_status: string;
  round_starts_at: Date | null;
  main_id: string;
  main_status: string;
  main_starts_at: Date | null;
  time_zone: string;
}

/**
 * Rounds against their main event, from either side (the check shows on both conferences): a
 * rehearsal or technical test that starts at or after the main event starts; and a round that
 * still stands while its main event is cancelled (cancelling the main one cancels no round).
 */
export async function roundChecks(conferenceId: string, manager: EntityManager): Promise<Check[]> {
  const pairs: Pair[] = await manager.query(
    `SELECT r.id AS round_id, r.round_label, r.title AS round_title, r.kind AS round_kind, r.status AS round_status,
            r.starts_at AS round_starts_at, m.id AS main_id, m.status AS main_status, m.starts_at AS main_starts_at,
            m.time_zone
       FROM conference r JOIN conference m ON m.id = r.main_conference_id
      WHERE (r.id = $1 OR m.id = $1) AND r.status <> 'cancelled'
      ORDER BY r.starts_at NULLS LAST, r.id`,
    [conferenceId],
  );
  const checks: Check[] = [];
  for (const p of pairs) {
    const round = { type: 'conference', id: p.round_id };
    const main = { type: 'conference', id: p.main_id };
    const name = p.round_label ?? p.round_title;
    if (p.main_status === 'cancelled') {
      checks.push({
        code: 'ROUND_OF_CANCELLED_MAIN',
        severity: 'warning',
        message: CHECK_MESSAGES.ROUND_OF_CANCELLED_MAIN(name),
        target: round,
        related: [main],
      });
      continue;
    }
    if (!PREPARATIONS.includes(p.round_kind) || !p.round_starts_at || !p.main_starts_at) continue;
    if (p.round_starts_at < p.main_starts_at) continue;
    checks.push({
      code: 'REHEARSAL_AFTER_MAIN',
      severity: 'warning',
      message: CHECK_MESSAGES.REHEARSAL_AFTER_MAIN(
        name,
        momentText(p.round_starts_at, p.time_zone),
        momentText(p.main_starts_at, p.time_zone),
      ),
      target: round,
      related: [main],
    });
  }
  return checks;
}
