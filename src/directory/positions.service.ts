import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../identity/principal';
import { Clock } from '../common/clock';
import { fieldProblem, notFound, ProblemException, unprocessable } from '../common/problem';
import { queryRows } from '../common/sql';
import { defaultTitle } from './directory.labels';
import { POSITION_COLUMNS } from './directory-sql';
import { dayInVietnam } from './directory-time';
import { checkPositionUnits } from './people.service';
import { StewardsService } from './stewards.service';
import { EndPositionDto, PositionInputDto, PositionRecord, toPositionResponse } from './people.dto';

/** Positions a person takes and leaves; past positions stay as history. */
@Injectable()
export class PositionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly stewards: StewardsService,
  ) {}

  async add(actor: Actor, personId: string, dto: PositionInputDto): Promise<PositionRecord> {
    return this.dataSource.transaction(async (manager) => {
      const person = await manager.query('SELECT id FROM person WHERE id = $1 FOR UPDATE', [personId]);
      if (person.length === 0) throw notFound('person', personId);
      await checkPositionUnits(manager, [dto], '');
      await this.stewards.assertPerson(manager, actor, personId);
      await this.stewards.assertUnits(manager, actor, [dto.unitId]);
      const [{ id }] = await queryRows<{ id: string }>(
        manager,
        `INSERT INTO person_position (person_id, unit_id, role, title, started_on, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [personId, dto.unitId, dto.role, dto.title ?? defaultTitle(dto.role), dto.startedOn ?? null, this.clock.now()],
      );
      const position = await this.get(manager, personId, id);
      await this.audit.record(manager, actor, {
        action: 'position.add',
        entityType: 'position',
        entityId: id,
        after: toPositionResponse(position),
      });
      return position;
    });
  }

  async end(actor: Actor, personId: string, positionId: string, dto: EndPositionDto): Promise<PositionRecord> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.get(manager, personId, positionId, true);
      await this.stewards.assertPerson(manager, actor, personId);
      if (before.endedOn !== null) {
        throw new ProblemException(
          HttpStatus.CONFLICT,
          'POSITION_ALREADY_ENDED',
          `This position ended on ${before.endedOn}.`,
        );
      }
      const today = dayInVietnam(this.clock.now());
      const endedOn = dto.endedOn ?? today;
      if (endedOn > today)
        throw unprocessable([fieldProblem('endedOn', 'notInFuture', `endedOn must not be after today (${today})`)]);
      if (before.startedOn !== null && endedOn < before.startedOn) {
        throw unprocessable([
          fieldProblem(
            'endedOn',
            'afterStart',
            `endedOn must not be before the day the position started (${before.startedOn})`,
          ),
        ]);
      }
      await manager.query('UPDATE person_position SET ended_on = $2 WHERE id = $1', [positionId, endedOn]);
      const position = await this.get(manager, personId, positionId);
      await this.audit.record(manager, actor, {
        action: 'position.end',
        entityType: 'position',
        entityId: positionId,
        before: toPositionResponse(before),
        after: toPositionResponse(position),
      });
      return position;
    });
  }

  /** A position of this person; another person's position is answered as unknown. */
  private async get(
    manager: DataSource['manager'],
    personId: string,
    positionId: string,
    lock = false,
  ): Promise<PositionRecord> {
    const [position] = await queryRows<PositionRecord>(
      manager,
      `SELECT ${POSITION_COLUMNS} FROM person_position pp JOIN unit pu ON pu.id = pp.unit_id
       WHERE pp.id = $1 AND pp.person_id = $2 ${lock ? 'FOR UPDATE OF pp' : ''}`,
      [positionId, personId],
    );
    if (!position) throw notFound('position', positionId);
    return position;
  }
}
