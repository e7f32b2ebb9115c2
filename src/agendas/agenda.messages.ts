/** The words of printed agendas and of agenda refusals, Vietnamese first. */
export const AGENDA_TEXT = {
  vi: {
    heading: 'DỰ KIẾN CHƯƠNG TRÌNH',
    time: 'Thời gian',
    content: 'Nội dung',
    performer: 'Thực hiện',
    place: 'Địa điểm',
    subItems: 'Nội dung cụ thể',
    cluster: (n: number) => `Cụm ${n}`,
    empty: 'Chưa có nội dung chương trình.',
    unscheduled: 'Thời gian chưa được xác định.',
  },
  en: {
    heading: 'DRAFT AGENDA',
    time: 'Time',
    content: 'Content',
    performer: 'Performed by',
    place: 'Place',
    subItems: 'Items',
    cluster: (n: number) => `Cluster ${n}`,
    empty: 'The agenda has no slots yet.',
    unscheduled: 'The time is not confirmed yet.',
  },
} as const;

export const AGENDA_PROBLEMS = {
  overlap: (title: string, other: string, from: string, to: string) => `«${title}» overlaps «${other}» (${from}–${to})`,
  outside: (title: string, from: string, to: string) => `«${title}» must lie inside the session ${from}–${to}`,
  endRequired: 'endsAt or durationMinutes is required',
  endAfterStart: 'endsAt must be after startsAt',
};
