import type { DataSource } from 'typeorm';
import { queryRows } from '../common/sql';
import type { RenderableMessage } from '../outbox/outbox-renderers';

/** What a queued reminder names: the series version and offset it was queued for, and whom. */
export interface ReminderPayload {
  seriesId: string;
  targetId: string;
  version: number;
  label: string;
  anchorAt: string;
  recipientKey: string;
}

export function reminderPayload(message: RenderableMessage): ReminderPayload | null {
  const p = message.payload;
  const ok =
    ['seriesId', 'targetId', 'label', 'anchorAt', 'recipientKey'].every((k) => typeof p[k] === 'string') &&
    Number.isInteger(p.version);
  return ok ? (p as unknown as ReminderPayload) : null;
}

export interface AudienceRow {
  recipient_key: string;
  email: string;
  name: string;
  language: string;
  site_label: string | null;
}

/** The current version of each series, to tell a reminder of an old time from one of the current time. */
export async function seriesVersions(
  db: DataSource,
  ids: string[],
): Promise<Map<string, { version: number; anchorAt: Date | null }>> {
  const rows = await queryRows<{ id: string; version: number; anchor_at: Date | null }>(
    db,
    `SELECT id, version, anchor_at FROM reminder_series WHERE id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { version: r.version, anchorAt: r.anchor_at }]));
}

/** The audience rows of the batch's recipients, re-read now (someone may have declined meanwhile). */
export async function audienceRows(
  db: DataSource,
  sql: string,
  targetId: string,
  keys: string[],
): Promise<Map<string, AudienceRow>> {
  const rows = await queryRows<AudienceRow>(
    db,
    `SELECT a.recipient_key::text, a.email, a.name, a.language, a.site_label FROM (${sql}) a`,
    [targetId, keys],
  );
  return new Map(rows.map((r) => [r.recipient_key, r]));
}

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/** The payload's version is still the series' version, and for the same time. */
export function isCurrent(
  payload: ReminderPayload,
  series: { version: number; anchorAt: Date | null } | undefined,
): boolean {
  return !!series && series.version === payload.version && series.anchorAt?.toISOString() === payload.anchorAt;
}
