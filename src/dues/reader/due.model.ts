/**
 * The structured due ("thời gian hoàn thành") of a paper, a task or a plan item.
 *
 * A `DueSpec` is what a person means ("before 01/9/2023", "Q1 2023", "3 days before the
 * conference"); it is what the API accepts as JSON. A `Due` is a spec resolved in a time zone: the
 * original text, the precision, the period it covers and the instant it is due. Dues are stored
 * as jsonb by the modules that own them, so everything here is plain JSON (ISO strings, numbers).
 *
 * Conventions (see also README, "Due expressions"):
 * - Periods are half-open: `[start, end)`. A day ends at the next midnight of the zone.
 * - `resolvesAt` is the first instant at which the due is missed: something delivered at `t` is on
 *   time when `t < resolvesAt`. "trước ngày X" resolves at the start of day X; "ngày X" and
 *   "chậm nhất ngày X" at the end of day X; a month, quarter, half-year or year at its end.
 */
export const DUE_KINDS = [
  'on_date',
  'before_date',
  'at_time',
  'date_range',
  'month',
  'months',
  'quarter',
  'half_year',
  'year',
  'ongoing',
  'recurring',
  'relative_to_event',
  'after_event',
  'per_reference',
] as const;
export type DueKind = (typeof DUE_KINDS)[number];

export const DUE_PRECISIONS = ['minute', 'day', 'month', 'quarter', 'half_year', 'year', 'none'] as const;
export type DuePrecision = (typeof DUE_PRECISIONS)[number];

/** A calendar date without a zone, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A calendar month, `YYYY-MM`. */
export type YearMonth = string;
/** An instant as ISO 8601 with the due's zone offset: `2023-02-25T00:00:00+07:00`. */
export type IsoInstant = string;

export interface DuePeriod {
  start: IsoInstant;
  end: IsoInstant;
}

export const RELATIVE_EVENTS = ['conference_start', 'conference_end'] as const;
export type RelativeEvent = (typeof RELATIVE_EVENTS)[number];

export const FREQUENCIES = ['monthly', 'quarterly', 'half_yearly', 'yearly', 'unspecified'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * How a recurring due repeats. Without a day, each occurrence is due at the end of its month,
 * quarter, half-year or year. `before` says "trước ngày" (due when that day starts) rather than
 * "ngày"/"chậm nhất ngày" (due when it ends). `label` names the occurrence ("báo cáo 6 tháng").
 */
export type RecurrenceRule =
  | { frequency: 'monthly'; day?: number; before?: boolean; label?: string }
  | { frequency: 'quarterly'; label?: string }
  | { frequency: 'half_yearly'; label?: string }
  | { frequency: 'yearly'; month?: number; day?: number; before?: boolean; label?: string }
  | { frequency: 'unspecified'; label?: string };

/**
 * Marks of precision a plan writes beside a due, kept so that no view drops them: "dự kiến"
 * (`tentative`) on any due; "đầu / giữa / cuối tháng 9/2023" (`part`) on a month, and "cuối quý /
 * cuối năm" (`part: 'late'`, the period's own end) on a quarter or year. A month part resolves to a
 * documented day: early = the 10th, mid = the 20th, late = the last day (see README).
 */
export const MONTH_PARTS = ['early', 'mid', 'late'] as const;
export type MonthPart = (typeof MONTH_PARTS)[number];

export interface DueMarks {
  tentative?: boolean;
}

/** "Ngày 30/10/2023" (`latest: false`) or "chậm nhất ngày 24/02/2023" (`latest: true`): due when the day ends. */
export interface OnDateSpec extends DueMarks {
  kind: 'on_date';
  date: LocalDate;
  latest: boolean;
}
/** "trước ngày 28/02/2023": due when the day starts. */
export interface BeforeDateSpec extends DueMarks {
  kind: 'before_date';
  date: LocalDate;
}
/** "lúc 13 giờ 30 phút ngày 05 tháng 4 năm 2023": due at that minute. */
export interface AtTimeSpec extends DueMarks {
  kind: 'at_time';
  date: LocalDate;
  time: string;
}
/** "từ ngày 06 đến ngày 10 tháng 3 năm 2023": both days included. */
export interface DateRangeSpec extends DueMarks {
  kind: 'date_range';
  from: LocalDate;
  to: LocalDate;
}
/** "Tháng 9/2023"; "đầu / giữa / cuối tháng 9/2023" carry a `part`. */
export interface MonthSpec extends DueMarks {
  kind: 'month';
  month: YearMonth;
  part?: MonthPart;
}
/** "Tháng 10, 11 năm 2023": distinct months in ascending order; the period runs from the first to the last. */
export interface MonthsSpec extends DueMarks {
  kind: 'months';
  months: YearMonth[];
}
/** "Quý III/2023"; "Quý I-II/2023" runs `through` a later quarter of the same year. */
export interface QuarterSpec extends DueMarks {
  kind: 'quarter';
  year: number;
  quarter: number;
  through?: number;
  /** "cuối quý III/2023": due when the quarter ends, as the bare quarter is; the words are kept. */
  part?: 'late';
}
export interface HalfYearSpec extends DueMarks {
  kind: 'half_year';
  year: number;
  half: number;
}
/** "Trong năm 2023". */
export interface YearSpec extends DueMarks {
  kind: 'year';
  year: number;
  /** "cuối năm 2023". */
  part?: 'late';
}
/** "Thường xuyên trong năm 2023": continuous work through the year, checked at its end. */
export interface OngoingSpec extends DueMarks {
  kind: 'ongoing';
  year: number;
}
/** "Định kỳ hàng tháng (trong năm 2023)": `year`, when given, keeps only that year's occurrences. */
export interface RecurringSpec extends DueMarks {
  kind: 'recurring';
  rule: RecurrenceRule;
  year?: number;
}
/** "trước 03 ngày diễn ra Hội nghị": `offsetDays` from the event's day, negative = before. */
export interface RelativeSpec extends DueMarks {
  kind: 'relative_to_event';
  event: RelativeEvent;
  offsetDays: number;
}
/** "Sau khi UBND tỉnh ban hành Kế hoạch …": stays unresolved, the event is described in words. */
export interface AfterEventSpec extends DueMarks {
  kind: 'after_event';
  event: string;
}
/** "Theo quy định của Chính phủ …": the due is set by another document; unresolved. */
export interface PerReferenceSpec extends DueMarks {
  kind: 'per_reference';
  reference: string;
}

export type DueSpec =
  | OnDateSpec
  | BeforeDateSpec
  | AtTimeSpec
  | DateRangeSpec
  | MonthSpec
  | MonthsSpec
  | QuarterSpec
  | HalfYearSpec
  | YearSpec
  | OngoingSpec
  | RecurringSpec
  | RelativeSpec
  | AfterEventSpec
  | PerReferenceSpec;

/** What every resolved due carries besides its spec. */
export interface DueResolution {
  /** The words of the plan this due was read from (NFC), or the Vietnamese wording of a structured due. */
  text: string;
  /** Words around the due in the same clause ("tham mưu ban hành các kế hoạch"), kept verbatim. */
  note?: string;
  /** The IANA zone the instants below were computed in. */
  zone: string;
  precision: DuePrecision;
  period: DuePeriod | null;
  /** The instant the due is missed; null while unresolved (relative without a date, after an event, recurring). */
  resolvesAt: IsoInstant | null;
}

/** A relative due also records the event instant it was last resolved against (null: not scheduled yet). */
export type Due = DueSpec extends infer S
  ? S extends RelativeSpec
    ? S & DueResolution & { eventAt: IsoInstant | null }
    : S & DueResolution
  : never;

export type DueOf<K extends DueKind> = Extract<Due, { kind: K }>;

/** One occurrence of a due in a range (see `occurrences`). */
export interface DueOccurrence {
  /** The month, quarter… it belongs to, when the rule has one. */
  period: DuePeriod | null;
  resolvesAt: IsoInstant;
  label?: string;
}

export interface DueContext {
  /** IANA zone of the plan or conference. */
  zone: string;
  /** The plan's year, for "Thường xuyên trong năm", "Quý I", "trước ngày 30/11" without a year. */
  year?: number;
  /** The plan's own date: dues that fall before it are reported as warnings. */
  referenceDate?: Date;
}

/** Bilingual text: Vietnamese by default, English available. */
export interface Bilingual {
  vi: string;
  en: string;
}

/** A part of a text that could not be read: the exact fragment, where it starts, and why. */
export interface DueTextError {
  code: 'DUE_UNREADABLE';
  rule: string;
  fragment: string;
  /** UTF-16 index of the fragment in the text as given. */
  position: number;
  length: number;
  message: Bilingual;
}

export interface DueWarning {
  code: 'DUE_BEFORE_REFERENCE';
  /** The words of the due: the phrase in a parsed text, the `text` of a structured due. */
  fragment: string;
  /** Where the phrase starts in a parsed text; absent for a structured due. */
  position?: number;
  message: Bilingual;
}

export type ParseDueResult = { ok: true; dues: Due[]; warnings: DueWarning[] } | { ok: false; errors: DueTextError[] };

/** One problem of a structured due, shaped like the API's field problems. */
export interface DueFieldProblem {
  field: string;
  rule: string;
  message: string;
}
