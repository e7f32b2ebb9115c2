import { Bilingual } from './due.model';

/**
 * Every sentence a person reads about a due, in Vietnamese (default) and English: the problems of
 * a due text or structure, the warnings, and the words the formatter writes.
 */
export const MONTH_NAMES_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const WEEKDAYS: Record<number, Bilingual> = {
  1: { vi: 'Thứ Hai', en: 'Monday' },
  2: { vi: 'Thứ Ba', en: 'Tuesday' },
  3: { vi: 'Thứ Tư', en: 'Wednesday' },
  4: { vi: 'Thứ Năm', en: 'Thursday' },
  5: { vi: 'Thứ Sáu', en: 'Friday' },
  6: { vi: 'Thứ Bảy', en: 'Saturday' },
  7: { vi: 'Chủ nhật', en: 'Sunday' },
};

export const QUARTER_NUMERALS = ['', 'I', 'II', 'III', 'IV'];

const viDate = (d: { day: number; month: number; year: number }) => `${d.day}/${d.month}/${d.year}`;
const enDate = (d: { day: number; month: number; year: number }) => `${d.day} ${MONTH_NAMES_EN[d.month - 1]} ${d.year}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each message reads its own params
type Params = Record<string, any>;

/** Problems of a due text, by rule. `f` is the fragment quoted from the text. */
export const TEXT_PROBLEMS: Record<string, (p: Params) => Bilingual> = {
  empty: () => ({ vi: 'Chưa ghi thời hạn.', en: 'The due is empty.' }),
  tooLong: (p) => ({
    vi: `Nội dung thời hạn quá dài (tối đa ${p.max} ký tự).`,
    en: `The due text is too long (at most ${p.max} characters).`,
  }),
  noDue: (p) => ({ vi: `Không đọc được thời hạn trong “${p.f}”.`, en: `No due could be read in “${p.f}”.` }),
  yearNeeded: (p) => ({
    vi: `“${p.f}” không ghi năm: cần ghi rõ năm hoặc cho biết năm của kế hoạch.`,
    en: `“${p.f}” has no year: write the year, or give the plan's year.`,
  }),
  yearFormat: (p) => ({
    vi: `Năm trong “${p.f}” phải có 4 chữ số.`,
    en: `The year in “${p.f}” must have four digits.`,
  }),
  year: (p) => ({
    vi: `Năm ${p.year} trong “${p.f}” nằm ngoài khoảng 1900–2199.`,
    en: `The year ${p.year} in “${p.f}” is outside 1900–2199.`,
  }),
  month: (p) => ({
    vi: `“${p.f}”: không có tháng ${p.month} (tháng từ 1 đến 12).`,
    en: `“${p.f}”: there is no month ${p.month} (months run from 1 to 12).`,
  }),
  day: (p) => ({
    vi: `“${p.f}”: ngày ${p.day}/${p.month}/${p.year} không tồn tại, tháng ${p.month} năm ${p.year} chỉ có ${p.max} ngày.`,
    en: `“${p.f}”: ${p.day}/${p.month}/${p.year} does not exist, ${MONTH_NAMES_EN[p.month - 1]} ${p.year} has ${p.max} days.`,
  }),
  dayOfMonth: (p) => ({
    vi: `“${p.f}”: không có ngày ${p.day} trong tháng (ngày từ 1 đến 31).`,
    en: `“${p.f}”: there is no day ${p.day} in a month (days run from 1 to 31).`,
  }),
  dayInMonth: (p) => ({
    vi: `“${p.f}”: tháng ${p.month} không có ngày ${p.day} (chỉ có ${p.max} ngày).`,
    en: `“${p.f}”: ${MONTH_NAMES_EN[p.month - 1]} has no day ${p.day} (it has ${p.max} days).`,
  }),
  yearlyLeapDay: (p) => ({
    vi: `“${p.f}”: ngày 29/02 không có trong mọi năm nên không dùng được cho thời hạn hằng năm.`,
    en: `“${p.f}”: 29 February is not in every year, so it cannot be a yearly due.`,
  }),
  quarter: (p) => ({
    vi: `“${p.f}”: không có quý ${p.quarter} (quý I đến IV, hoặc 1 đến 4).`,
    en: `“${p.f}”: there is no quarter ${p.quarter} (quarters are I to IV, or 1 to 4).`,
  }),
  time: (p) => ({
    vi: `“${p.f}”: giờ không hợp lệ (giờ từ 0 đến 23, phút từ 0 đến 59).`,
    en: `“${p.f}”: not a time of day (hours 0 to 23, minutes 0 to 59).`,
  }),
  weekday: (p) => ({
    vi: `“${p.f}”: ngày ${viDate(p.date)} là ${WEEKDAYS[p.actual].vi}, không phải ${WEEKDAYS[p.given].vi}.`,
    en: `“${p.f}”: ${enDate(p.date)} is a ${WEEKDAYS[p.actual].en}, not a ${WEEKDAYS[p.given].en}.`,
  }),
  quarterOrder: (p) => ({
    vi: `“${p.f}”: các quý phải liền nhau và theo thứ tự tăng dần.`,
    en: `“${p.f}”: the quarters must follow one another in ascending order.`,
  }),
  yearSpan: (p) => ({
    vi: `“${p.f}” kéo dài nhiều năm, không có một hạn chót: hãy ghi ngày hoàn thành hoặc tách thành từng năm.`,
    en: `“${p.f}” spans several years and has no single deadline: give the final date or one due per year.`,
  }),
  rangeOrder: (p) => ({
    vi: `“${p.f}”: thời gian kết thúc trước khi bắt đầu.`,
    en: `“${p.f}”: the range ends before it starts.`,
  }),
  monthOrder: (p) => ({
    vi: `“${p.f}”: các tháng phải khác nhau và theo thứ tự tăng dần.`,
    en: `“${p.f}”: the months must be distinct and in ascending order.`,
  }),
  workingDays: (p) => ({
    vi: `“${p.f}”: chưa tính được theo ngày làm việc, hãy ghi số ngày theo lịch.`,
    en: `“${p.f}”: working days are not supported, give calendar days.`,
  }),
  offset: (p) => ({
    vi: `“${p.f}”: số ngày phải từ 0 đến 366.`,
    en: `“${p.f}”: the number of days must be between 0 and 366.`,
  }),
  imprecise: (p) => ({
    vi: `“${p.f}” không có hạn chót xác định: hãy ghi ngày cụ thể (đầu / giữa / cuối chỉ dùng được với một tháng; với quý hoặc năm chỉ dùng “cuối”).`,
    en: `“${p.f}” has no definite deadline: give a date (early / mid / late go with one month; a quarter or year takes only “late”).`,
  }),
  dayCount: (p) => ({
    vi: `“${p.f}”: ghi ${p.stated} ngày nhưng khoảng ngày có ${p.actual} ngày.`,
    en: `“${p.f}”: it says ${p.stated} days but the range covers ${p.actual} days.`,
  }),
  eventMissing: (p) => ({
    vi: `“${p.f}”: cần nêu sự kiện (sau khi việc gì?).`,
    en: `“${p.f}”: name the event (after what?).`,
  }),
};

export const DEADLINES = {
  endOfDay: (d: { day: number; month: number; year: number }): Bilingual => ({
    vi: `hết ngày ${String(d.day).padStart(2, '0')}/${String(d.month).padStart(2, '0')}/${d.year}`,
    en: `by the end of ${enDate(d)}`,
  }),
  unscheduled: {
    vi: 'chưa xác định (Hội nghị chưa có ngày)',
    en: 'not known yet (the conference has no date)',
  },
  tentative: { vi: '(dự kiến)', en: '(tentative)' },
};

export const WARNINGS = {
  beforeReference: (p: Params): Bilingual => ({
    vi: `Thời hạn “${p.f}” đến trước ngày của kế hoạch (${viDate(p.reference)}).`,
    en: `The due “${p.f}” falls before the plan's own date (${enDate(p.reference)}).`,
  }),
};

/** Problems of a structured due; `field` is the path of the offending member. */
export const FIELD_PROBLEMS: Record<string, (p: Params) => Bilingual> = {
  isObject: (p) => ({ vi: `${p.field} phải là một đối tượng.`, en: `${p.field} must be an object.` }),
  isDefined: (p) => ({ vi: `Thiếu ${p.field}.`, en: `${p.field} is required.` }),
  unknownProperty: (p) => ({
    vi: `${p.field} không phải là thuộc tính của thời hạn loại ${p.kind}.`,
    en: `${p.field} is not a known property of a ${p.kind} due.`,
  }),
  isIn: (p) => ({
    vi: `${p.field} phải là một trong: ${p.values.join(', ')}.`,
    en: `${p.field} must be one of: ${p.values.join(', ')}.`,
  }),
  isString: (p) => ({ vi: `${p.field} phải là chuỗi ký tự.`, en: `${p.field} must be a string.` }),
  isNotEmpty: (p) => ({ vi: `${p.field} không được để trống.`, en: `${p.field} must not be empty.` }),
  maxLength: (p) => ({
    vi: `${p.field} dài quá ${p.max} ký tự.`,
    en: `${p.field} must be at most ${p.max} characters long.`,
  }),
  isBoolean: (p) => ({ vi: `${p.field} phải là true hoặc false.`, en: `${p.field} must be true or false.` }),
  isInt: (p) => ({ vi: `${p.field} phải là số nguyên.`, en: `${p.field} must be an integer.` }),
  range: (p) => ({
    vi: `${p.field} phải từ ${p.min} đến ${p.max}.`,
    en: `${p.field} must be between ${p.min} and ${p.max}.`,
  }),
  isDateString: (p) => ({ vi: `${p.field} phải có dạng YYYY-MM-DD.`, en: `${p.field} must look like YYYY-MM-DD.` }),
  isYearMonth: (p) => ({ vi: `${p.field} phải có dạng YYYY-MM.`, en: `${p.field} must look like YYYY-MM.` }),
  isTime: (p) => ({ vi: `${p.field} phải có dạng HH:mm.`, en: `${p.field} must look like HH:mm.` }),
  month: (p) => ({
    vi: `${p.field}: không có tháng ${p.month} (tháng từ 1 đến 12).`,
    en: `${p.field}: there is no month ${p.month} (months run from 1 to 12).`,
  }),
  calendarDate: (p) => ({
    vi: `${p.field}: ngày ${p.day}/${p.month}/${p.year} không tồn tại, tháng ${p.month} năm ${p.year} chỉ có ${p.max} ngày.`,
    en: `${p.field}: ${p.day}/${p.month}/${p.year} does not exist, ${MONTH_NAMES_EN[p.month - 1]} ${p.year} has ${p.max} days.`,
  }),
  time: (p) => ({
    vi: `${p.field}: giờ từ 00 đến 23, phút từ 00 đến 59.`,
    en: `${p.field}: hours run from 00 to 23 and minutes from 00 to 59.`,
  }),
  rangeOrder: (p) => ({
    vi: `${p.field}: ngày kết thúc (${p.to}) trước ngày bắt đầu (${p.from}).`,
    en: `${p.field}: the range ends (${p.to}) before it starts (${p.from}).`,
  }),
  after: (p) => ({
    vi: `${p.field} phải lớn hơn ${p.other}.`,
    en: `${p.field} must be greater than ${p.other}.`,
  }),
  arrayMinSize: (p) => ({
    vi: `${p.field} cần ít nhất ${p.min} phần tử.`,
    en: `${p.field} needs at least ${p.min} items.`,
  }),
  ascending: (p) => ({
    vi: `${p.field}: các tháng phải khác nhau và theo thứ tự tăng dần.`,
    en: `${p.field}: the months must be distinct and in ascending order.`,
  }),
  yearlyLeapDay: (p) => ({
    vi: `${p.field}: ngày 29/02 không có trong mọi năm nên không dùng được cho thời hạn hằng năm.`,
    en: `${p.field}: 29 February is not in every year, so it cannot be a yearly due.`,
  }),
  dayNeedsMonth: (p) => ({
    vi: `${p.field}: thời hạn hằng năm cần cả ngày và tháng, hoặc không có cả hai.`,
    en: `${p.field}: a yearly rule needs both day and month, or neither.`,
  }),
  beforeNeedsDay: (p) => ({
    vi: `${p.field}: chỉ dùng “before” khi có ngày.`,
    en: `${p.field}: "before" needs a day.`,
  }),
  partOfPeriod: (p) => ({
    vi: `${p.field}: quý hoặc năm chỉ nhận “late” (cuối quý, cuối năm).`,
    en: `${p.field}: a quarter or year takes only "late" (end of the quarter or year).`,
  }),
  yearlyWithinYear: (p) => ({
    vi: `${p.field}: thời hạn hằng năm không giới hạn trong một năm; hãy dùng một ngày cụ thể.`,
    en: `${p.field}: a yearly rule cannot be limited to one year; use a dated due instead.`,
  }),
};
