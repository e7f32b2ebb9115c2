import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, notFound } from '../common/problem';
import { DueEntry } from '../dues/due-entry.entity';
import { FileStorage, StoredFileMissing } from '../storage/file-storage';
import { PresentationAccess } from './presentation-access';
import { Presentation, PresentationStatusChange, PresentationSubmission } from './presentation.entity';
import { nextPresentationStatus } from './presentation-status';
import { isClosed, PresentationViews } from './presentation-views';
import { PresentationResponse, SubmissionResponse, toSubmissionResponse } from './presentations.dto';
import { contentDisposition, downloadName, inspectPaper } from './upload-inspection';

export interface UploadedFile {
  buffer: Buffer;
  originalname: string;
}

export interface DownloadedPaper {
  data: Buffer;
  contentType: string;
  disposition: string;
  sha256: string;
}

/**
 * Uploads and downloads of papers. An upload is read and checked in memory first (type from its
 * bytes, size, checksum, pages); then one transaction locks the assignment, refuses a closed one,
 * records the version against the due in force at that moment, moves the status, and stores the
 * file as its last step. A failure at any point leaves no row and no file.
 */
@Injectable()
export class SubmissionsService {
  private readonly logger = new Logger(SubmissionsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: PresentationAccess,
    private readonly views: PresentationViews,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(
    principal: Principal,
    actor: Actor,
    id: string,
    file: UploadedFile | undefined,
  ): Promise<{ submission: SubmissionResponse; presentation: PresentationResponse }> {
    const current = await this.access.readable(this.dataSource.manager, principal, id);
    const paper = await inspectPaper(file?.buffer, file?.originalname, current, this.config.uploadMaxBytes);
    let storedKey: string | null = null;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const { presentation, conference } = await this.access.lockForUpload(manager, principal, id);
        const [cluster]: { status: string }[] = presentation.clusterId
          ? await manager.query(`SELECT status FROM cluster WHERE id = $1`, [presentation.clusterId])
          : [];
        const to = nextPresentationStatus(presentation.status, 'upload');
        if (!to || isClosed(presentation, conference.status, cluster?.status ?? null))
          throw closedProblem(presentation, conference.status);
        const now = this.clock.now();
        const due = await manager.findOneByOrFail(DueEntry, { presentationId: id });
        const [{ next }] = await manager.query(
          `SELECT coalesce(max(version), 0) + 1 AS next FROM presentation_submission WHERE presentation_id = $1`,
          [id],
        );
        const submission = manager.create(PresentationSubmission, {
          presentationId: id,
          version: next,
          ...paper,
          uploadedAt: now,
          dueAt: due.resolvesAt,
          late: due.resolvesAt ? now.getTime() >= due.resolvesAt.getTime() : null,
          uploadedByKind: actor.kind,
          uploadedById: actor.id,
          uploadedByLabel: actor.label,
        });
        submission.storageKey = `papers/${id}/${submission.version}-${paper.sha256.slice(0, 16)}`;
        await manager.save(submission);
        const from = presentation.status;
        presentation.status = to;
        await manager.save(presentation);
        await manager.insert(PresentationStatusChange, {
          presentationId: id,
          at: now,
          action: 'upload',
          fromStatus: from,
          toStatus: to,
          comment: null,
          submissionId: submission.id,
          actorKind: actor.kind,
          actorId: actor.id,
          actorLabel: actor.label,
        });
        await this.audit.record(manager, actor, {
          action: 'presentation.upload',
          entityType: 'presentation',
          entityId: id,
          conferenceId: presentation.conferenceId,
          after: { submission: { ...submission, storageKey: undefined } },
        });
        // Last: nothing after this can fail but the commit, and a failed commit removes the file below.
        storedKey = submission.storageKey;
        await this.storage.put(submission.storageKey, file!.buffer);
        return {
          submission: toSubmissionResponse(submission, conference.timeZone),
          presentation: (await this.views.responses(manager, [presentation]))[0],
        };
      });
    } catch (error) {
      if (storedKey)
        await this.storage
          .delete(storedKey)
          .catch((e) => this.logger.error({ err: e, key: storedKey }, 'could not remove the file of a failed upload'));
      throw error;
    }
  }

  async list(principal: Principal, id: string): Promise<SubmissionResponse[]> {
    const manager = this.dataSource.manager;
    const presentation = await this.access.readable(manager, principal, id);
    const [{ time_zone: zone }] = await manager.query(`SELECT time_zone FROM conference WHERE id = $1`, [
      presentation.conferenceId,
    ]);
    const rows = await manager.find(PresentationSubmission, {
      where: { presentationId: id },
      order: { version: 'ASC' },
    });
    return rows.map((s) => toSubmissionResponse(s, zone));
  }

  async download(principal: Principal, id: string, submissionId: string): Promise<DownloadedPaper> {
    const manager = this.dataSource.manager;
    await this.access.forFiles(manager, principal, id);
    const submission = await manager
      .createQueryBuilder(PresentationSubmission, 's')
      .addSelect('s.storageKey')
      .where('s.id = :submissionId AND s.presentation_id = :id', { submissionId, id })
      .getOne();
    if (!submission) throw notFound('submission', submissionId);
    try {
      const data = await this.storage.get(submission.storageKey);
      return {
        data,
        contentType: submission.contentType,
        disposition: contentDisposition(downloadName(submission.fileName, submission.format)),
        sha256: submission.sha256,
      };
    } catch (error) {
      if (error instanceof StoredFileMissing) {
        this.logger.error({ key: submission.storageKey }, 'a stored paper is missing');
        throw notFound('stored file of submission', submissionId);
      }
      throw error;
    }
  }
}

function closedProblem(presentation: Presentation, conferenceStatus: string) {
  const why =
    presentation.status === 'accepted'
      ? 'the paper was accepted'
      : presentation.closedAt
        ? `the organizer closed it${presentation.closedReason ? ` (${presentation.closedReason})` : ''}`
        : `its conference or cluster is ${conferenceStatus === 'closed' || conferenceStatus === 'cancelled' ? conferenceStatus : 'cancelled'}`;
  return conflict('ASSIGNMENT_CLOSED', `This assignment takes no more uploads: ${why}.`, {
    currentStatus: presentation.status,
    closed: true,
  });
}
