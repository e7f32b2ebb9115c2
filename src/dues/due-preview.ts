import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../common/problem';
import { startOfDay } from '../common/zoned-time';
import { earliestDay, parsePlanDate } from '../conferences/plan-date';
import { Due, DueContext, formatDeadline, formatDue, lastDayOnTime, parseDue, specOf } from './reader';
import { textProblem } from './reader/due.input';
import { DuePreviewDto, DuePreviewItem, DuePreviewResponse, LocalDeadline } from './dues.dto';

/**
 * `POST /dues/preview`: what the reader makes of a due text, for the console to show as one types.
 * Nothing is stored. An unreadable text is a 422 naming `text`, with the reader's own message.
 */
export const DEFAULT_ZONE = 'Asia/Ho_Chi_Minh';

const pad = (n: number) => String(n).padStart(2, '0');

function previewContext(dto: DuePreviewDto): DueContext {
  const zone = dto.timeZone ?? DEFAULT_ZONE;
  const reference = dto.reference ? parsePlanDate(dto.reference) : null;
  const year = dto.year ?? reference?.year;
  // A partial plan date ("2023-03") warns only about dues before the first day it may mean.
  const first = reference ? earliestDay(reference).split('-').map(Number) : null;
  return {
    zone,
    ...(year !== undefined ? { year } : {}),
    ...(first ? { referenceDate: startOfDay({ year: first[0], month: first[1], day: first[2] }, zone) } : {}),
  };
}

function localDeadline(due: Due): LocalDeadline | null {
  const day = lastDayOnTime(due);
  if (!day) return null;
  const date = `${day.year}-${pad(day.month)}-${pad(day.day)}`;
  return { date, time: due.kind === 'at_time' ? due.time : null };
}

function item(due: Due): DuePreviewItem {
  const deadline = { vi: formatDeadline(due, 'vi'), en: formatDeadline(due, 'en') };
  return {
    kind: due.kind,
    text: due.text,
    ...(due.note ? { note: due.note } : {}),
    spec: specOf(due),
    precision: due.precision,
    tentative: due.tentative === true,
    part: 'part' in due && due.part ? due.part : null,
    period: due.period,
    resolvesAt: due.resolvesAt,
    local: localDeadline(due),
    formatted: { vi: formatDue(due, 'vi'), en: formatDue(due, 'en') },
    deadline,
    readBack: { vi: `${due.text} → ${deadline.vi}`, en: `${due.text} → ${deadline.en}` },
  };
}

export function previewDue(dto: DuePreviewDto): DuePreviewResponse {
  const context = previewContext(dto);
  const parsed = parseDue(dto.text, context);
  if (!parsed.ok) {
    const problem = textProblem(parsed.errors, 'text', 'vi');
    throw new ProblemException(HttpStatus.UNPROCESSABLE_ENTITY, problem.code, problem.detail, {
      errors: problem.errors,
    });
  }
  return { text: dto.text, zone: context.zone, dues: parsed.dues.map(item), warnings: parsed.warnings };
}
