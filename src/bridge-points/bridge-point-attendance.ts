import type { AttendanceCounts } from './bridge-points.dto';

/**
 * Per point: invitations not withdrawn, and those confirmed: accepted for the current version of
 * the letter (as the invitation report counts them), a substitute's own invitation included once
 * the substitute accepts (the delegated original is not counted twice). `points` says which
 * invitations to read (the conference's, or those of a walk's points), as SQL over `i`.
 */
export const invitationsPerPoint = (points: string): string => `
  SELECT i.bridge_point_id, count(*)::int AS invited,
         count(*) FILTER (WHERE i.answer = 'accepted'
                            AND NOT coalesce(i.answer_sequence < i.sent_sequence, false))::int AS confirmed
    FROM invitation i
   WHERE ${points} AND i.withdrawn_at IS NULL
   GROUP BY i.bridge_point_id`;

export interface AttendanceRow {
  expected: number;
  approximate: number;
  without_expected: number;
  invited: number;
  confirmed: number;
}

export const attendanceOf = (r: AttendanceRow): AttendanceCounts => ({
  expected: r.expected,
  approximatePoints: r.approximate,
  withoutExpected: r.without_expected,
  invited: r.invited,
  confirmed: r.confirmed,
});
