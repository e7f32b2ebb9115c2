import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { Clock } from '../common/clock';
import { hashSecret, LINK_TOKEN_PREFIX, newSecret } from '../identity/secret-tokens';
import { queryRows } from '../common/sql';
import { SecretLink } from './secret-link.entity';

export interface IssueLinkInput {
  purpose: string;
  subjectId: string;
  conferenceId?: string | null;
  expiresAt?: Date | null;
  createdBy?: string | null;
}

export interface IssuedLink {
  link: SecretLink;
  /** The secret itself; shown once, never stored. */
  token: string;
}

/** Links of a conference last until 30 days after it ends (its own end or its last cluster's). */
export const LINK_GRACE_AFTER_CONFERENCE = '30 days';
const CONFERENCE_EXPIRY_SQL = (conferenceId: string) =>
  `SELECT greatest(c.ends_at, (SELECT max(k.ends_at) FROM cluster k WHERE k.conference_id = c.id)) + interval '${LINK_GRACE_AFTER_CONFERENCE}'
   FROM conference c WHERE c.id = ${conferenceId}`;

/**
 * Issues, resolves, revokes and rotates secret links. Every link-based access in Convene
 * (answer pages, coordinator and speaker links, calendar feeds) goes through here.
 */
@Injectable()
export class SecretLinksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async issue(manager: EntityManager, input: IssueLinkInput): Promise<IssuedLink> {
    const { token, hash } = newSecret(LINK_TOKEN_PREFIX);
    const link = manager.create(SecretLink, {
      purpose: input.purpose,
      subjectId: input.subjectId,
      conferenceId: input.conferenceId ?? null,
      expiresAt: input.expiresAt ?? null,
      createdBy: input.createdBy ?? null,
      tokenHash: hash,
    });
    await manager.insert(SecretLink, link);
    return { link, token };
  }

  /**
   * Many links in one statement: e-mails that carry a link mint it when they are rendered, a batch
   * at a time, so the secret exists only in the message and as a hash here.
   */
  async issueMany(manager: EntityManager, inputs: IssueLinkInput[]): Promise<IssuedLink[]> {
    if (inputs.length === 0) return [];
    const secrets = inputs.map(() => newSecret(LINK_TOKEN_PREFIX));
    const rows = await queryRows<SecretLink & { id: string }>(
      manager,
      `INSERT INTO secret_link (purpose, subject_id, conference_id, expires_at, created_by, token_hash)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::timestamptz[], $5::uuid[], $6::bytea[])
       RETURNING id, purpose, subject_id AS "subjectId", conference_id AS "conferenceId", expires_at AS "expiresAt",
                 created_by AS "createdBy", created_at AS "createdAt"`,
      [
        inputs.map((i) => i.purpose),
        inputs.map((i) => i.subjectId),
        inputs.map((i) => i.conferenceId ?? null),
        inputs.map((i) => i.expiresAt ?? null),
        inputs.map((i) => i.createdBy ?? null),
        secrets.map((s) => s.hash),
      ],
    );
    // INSERT … SELECT unnest keeps the order of the arrays.
    return rows.map((row, i) => ({ link: Object.assign(new SecretLink(), row), token: secrets[i].token }));
  }

  /** The live link for this token, or null (unknown, revoked, expired, or of another purpose). */
  async resolve(token: string, purposes?: string[]): Promise<SecretLink | null> {
    if (!token.startsWith(LINK_TOKEN_PREFIX) || token.length > 100) return null;
    const link = await this.dataSource.getRepository(SecretLink).findOne({ where: { tokenHash: hashSecret(token) } });
    if (!link || link.revokedAt) return null;
    const now = this.clock.now();
    const expiresAt = await this.expiryOf(this.dataSource.manager, link);
    if (expiresAt && expiresAt <= now) return null;
    if (purposes && !purposes.includes(link.purpose)) return null;
    await this.dataSource.query(
      `UPDATE secret_link SET last_used_at = $2, first_used_at = coalesce(first_used_at, $2) WHERE id = $1`,
      [link.id, now],
    );
    link.lastUsedAt = now;
    link.firstUsedAt ??= now;
    return link;
  }

  /**
   * When the link stops working: its own expiry if it was given one, else — for a link of a
   * conference — the end of the conference's last session plus 30 days, following every move
   * (computed on use, never stored, so a reschedule needs no update); else never.
   */
  async expiryOf(manager: EntityManager, link: Pick<SecretLink, 'expiresAt' | 'conferenceId'>): Promise<Date | null> {
    if (link.expiresAt || !link.conferenceId) return link.expiresAt ?? null;
    const [row] = await manager.query(`SELECT (${CONFERENCE_EXPIRY_SQL('$1::uuid')}) AS "expiresAt"`, [
      link.conferenceId,
    ]);
    return row?.expiresAt ? new Date(row.expiresAt) : null;
  }

  async revoke(manager: EntityManager, linkId: string): Promise<void> {
    await manager.update(SecretLink, { id: linkId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  /**
   * Revokes every live link of a subject (e.g. when the invitation is withdrawn); with a conference,
   * only that conference's (a unit's link in one conference leaves its link in another alone).
   */
  async revokeAllFor(
    manager: EntityManager,
    purpose: string,
    subjectId: string,
    conferenceId?: string | null,
  ): Promise<void> {
    const where = { purpose, subjectId, revokedAt: IsNull(), ...(conferenceId ? { conferenceId } : {}) };
    await manager.update(SecretLink, where, { revokedAt: this.clock.now() });
  }

  /** A new secret for the same subject; the old one stops working at once. */
  async rotate(
    manager: EntityManager,
    purpose: string,
    subjectId: string,
    input: Omit<IssueLinkInput, 'purpose' | 'subjectId'>,
  ): Promise<IssuedLink> {
    await this.revokeAllFor(manager, purpose, subjectId, input.conferenceId);
    return this.issue(manager, { ...input, purpose, subjectId });
  }

  async liveLinkOf(manager: EntityManager, purpose: string, subjectId: string): Promise<SecretLink | null> {
    return manager
      .getRepository(SecretLink)
      .createQueryBuilder('l')
      .where('l.purpose = :purpose AND l.subjectId = :subjectId AND l.revokedAt IS NULL', { purpose, subjectId })
      .andWhere(`coalesce(l.expiresAt, (${CONFERENCE_EXPIRY_SQL('l.conference_id')}), 'infinity') > :now`, {
        now: this.clock.now(),
      })
      .orderBy('l.createdAt', 'DESC')
      .getOne();
  }
}
