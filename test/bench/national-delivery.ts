/**
 * What happens to the queued invitations: a random sample rendered through the real invitation
 * renderer (each must give a mail), and a slice delivered through the real dispatcher to an SMTP
 * sink, against a bare nodemailer pool sending the same messages pre-rendered (the ceiling).
 */
import type { INestApplication } from '@nestjs/common';
import type { SendMailOptions } from 'nodemailer';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { toSendMailOptions } from '../../src/outbox/mail-options';
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher';
import type { RenderableMessage, RenderContext } from '../../src/outbox/outbox-renderers';
import { InvitationRenderer } from '../../src/invitations/invitation.renderer';
import { INVITATION_KIND } from '../../src/invitations/invitation.renderer';

const RENDER_BATCH = 100;

/** The columns a claim gives a renderer, for rows read here without claiming them. */
const RENDERABLE = `id, dedupe_key AS "dedupeKey", kind, conference_id AS "conferenceId", recipient_email AS "recipientEmail",
  recipient_name AS "recipientName", payload, 1 AS attempt, '<' || id || '@bench.gov.vn>' AS "messageId", created_at AS "createdAt"`;

function renderContext(app: INestApplication): RenderContext {
  const config = app.get<AppConfig>(APP_CONFIG);
  return { now: new Date(), from: config.mail.from, publicUrl: config.publicUrl };
}

export interface RenderCheck {
  sampled: number;
  failures: number;
  failuresSample: string[];
  perSecond: number;
}

/** `size` queued invitations picked at random, rendered in the dispatcher's batch size: every one must give a mail. */
export async function checkRenderable(app: INestApplication, conferenceId: string, size: number): Promise<RenderCheck> {
  const rows: RenderableMessage[] = await app
    .get(DataSource)
    .query(
      `SELECT ${RENDERABLE} FROM outbox_message TABLESAMPLE BERNOULLI (least(100, $3::float8)) WHERE conference_id = $1 AND kind = $2 ORDER BY random() LIMIT $4`,
      [conferenceId, INVITATION_KIND, await samplePercent(app, conferenceId, size), size],
    );
  const renderer = app.get(InvitationRenderer);
  const failuresSample: string[] = [];
  let failures = 0;
  const started = performance.now();
  for (let i = 0; i < rows.length; i += RENDER_BATCH) {
    const batch = rows.slice(i, i + RENDER_BATCH);
    const outcomes = await renderer
      .render(batch, renderContext(app))
      .catch((error: Error) => batch.map(() => ({ skip: `threw: ${error.message}` })));
    outcomes.forEach((outcome, j) => {
      const problem = 'mail' in outcome ? mailProblem(outcome.mail) : `skipped: ${outcome.skip}`;
      if (!problem) return;
      failures += 1;
      if (failuresSample.length < 5) failuresSample.push(`${batch[j].dedupeKey}: ${problem}`);
    });
  }
  return {
    sampled: rows.length,
    failures,
    failuresSample,
    perSecond: rows.length / ((performance.now() - started) / 1000),
  };
}

/** A mail is renderable when it has a subject, a body and its REQUEST calendar part. */
function mailProblem(mail: {
  subject?: string;
  text?: string;
  icalEvent?: { method: string; content: string };
}): string | null {
  if (!mail.subject) return 'no subject';
  if (!mail.text) return 'no text';
  if (mail.icalEvent?.method !== 'REQUEST' || !mail.icalEvent.content.includes('BEGIN:VEVENT'))
    return 'no REQUEST calendar part';
  return null;
}

/** Percentage of the table to sample so that about 3× `size` rows come back (the table may hold millions). */
async function samplePercent(app: INestApplication, conferenceId: string, size: number): Promise<number> {
  const [{ n }] = await app
    .get(DataSource)
    .query(`SELECT count(*)::float8 AS n FROM outbox_message WHERE conference_id = $1`, [conferenceId]);
  return n === 0 ? 100 : Math.min(100, (300 * size) / n);
}

/** Every queued invitation made not yet due, so that each delivery round releases only its own slice. */
export async function holdBack(app: INestApplication, conferenceId: string): Promise<void> {
  await app
    .get(DataSource)
    .query(
      `UPDATE outbox_message SET next_attempt_at = now() + interval '100 years' WHERE conference_id = $1 AND status = 'queued'`,
      [conferenceId],
    );
}

/** The next `count` held-back invitations (dedupe-key order) made due now; answers them as a renderer sees them. */
export async function release(
  app: INestApplication,
  conferenceId: string,
  count: number,
): Promise<RenderableMessage[]> {
  // TypeORM answers an UPDATE … RETURNING as [rows, affected].
  const [rows] = await app.get(DataSource).query(
    `UPDATE outbox_message SET next_attempt_at = now()
      WHERE id IN (SELECT id FROM outbox_message WHERE conference_id = $1 AND status = 'queued' AND next_attempt_at > now() ORDER BY dedupe_key LIMIT $2)
     RETURNING ${RENDERABLE}`,
    [conferenceId, count],
  );
  return rows;
}

/** The same messages, rendered once through the invitation renderer, as a bare pool would send them. */
export async function preRender(app: INestApplication, rows: RenderableMessage[]): Promise<SendMailOptions[]> {
  const renderer = app.get(InvitationRenderer);
  const from = app.get<AppConfig>(APP_CONFIG).mail.from;
  const prepared: SendMailOptions[] = [];
  for (let i = 0; i < rows.length; i += RENDER_BATCH) {
    const batch = rows.slice(i, i + RENDER_BATCH);
    const outcomes = await renderer.render(batch, renderContext(app));
    outcomes.forEach((outcome, j) => {
      if (!('mail' in outcome)) throw new Error(`${batch[j].dedupeKey} did not render: ${outcome.skip}`);
      prepared.push(
        toSendMailOptions({ ...batch[j], messageId: `<bare-${batch[j].id}@bench.gov.vn>` }, outcome.mail, from),
      );
    });
  }
  return prepared;
}

/** Delivers what is due through the real dispatcher; answers messages a second. */
export async function dispatch(app: INestApplication, expected: number): Promise<number> {
  const started = performance.now();
  const report = await app.get(OutboxDispatcher).drain();
  const seconds = (performance.now() - started) / 1000;
  if (report.sent !== expected)
    throw new Error(`the dispatcher sent ${report.sent} of ${expected}: ${JSON.stringify(report)}`);
  return report.sent / seconds;
}
