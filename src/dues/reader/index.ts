/**
 * Vietnamese due expressions ("Thời gian hoàn thành"): pure functions used by papers, tasks, plans
 * and deadline views. See README, "Due expressions".
 */
export * from './due.model';
export { parseDue, MAX_DUE_TEXT, dueWarnings } from './due.parser';
export { validateDue, validateDues } from './due.validate';
export type { ValidateOptions, ValidateDueResult } from './due.validate';
export { dueFromInput } from './due.input';
export type { DueInputResult, DueInputOptions, DueProblem, DueProblemItem } from './due.input';
export { buildDue, specOf, resolveRelative, resolveForSchedule, lastDayOnTime } from './due.resolve';
export type { BuildOptions, EventSchedule } from './due.resolve';
export { occurrences } from './due.occurrences';
export type { InstantRange } from './due.occurrences';
export { formatDue } from './due.format';
export type { Language } from './due.format';
export { formatDeadline } from './due.deadline';
