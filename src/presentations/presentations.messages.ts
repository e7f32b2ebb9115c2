import type { PresentationStatus } from './presentation-status';

type Text = { vi: string; en: string };

/** Every sentence about papers a person reads, Vietnamese first: statuses, warnings, the speaker page. */
export const STATUS_LABELS: Record<PresentationStatus, Text> = {
  pending: { vi: 'Chưa nộp', en: 'Not submitted' },
  submitted: { vi: 'Đã nộp', en: 'Submitted' },
  returned: { vi: 'Trả lại để chỉnh sửa', en: 'Returned for changes' },
  resubmitted: { vi: 'Đã nộp lại', en: 'Resubmitted' },
  accepted: { vi: 'Đã chấp nhận', en: 'Accepted' },
};

export const UPLOAD_WARNINGS = {
  pagesOutsideRange: (pages: number, min: number | null, max: number | null): Text => ({
    vi: `Báo cáo có ${pages} trang, ngoài số trang quy định (${range(min, max, 'vi')} trang A4).`,
    en: `The paper has ${pages} pages, outside the required ${range(min, max, 'en')} A4 pages.`,
  }),
  pageCountUnknown: (format: string): Text => ({
    vi: `Không đếm được số trang của tệp ${format.toUpperCase()}; vui lòng tự kiểm tra số trang.`,
    en: `The pages of this ${format.toUpperCase()} file could not be counted; please check the length yourself.`,
  }),
  nameDoesNotMatch: (name: string, format: string): Text => ({
    vi: `Tên tệp «${name}» không khớp nội dung (tệp thực chất là ${format.toUpperCase()}); tệp được lưu theo nội dung.`,
    en: `The file name «${name}» does not match its content (it is really ${format.toUpperCase()}); it is stored as what it is.`,
  }),
};

function range(min: number | null, max: number | null, language: 'vi' | 'en'): string {
  if (min !== null && max !== null) return `${min}–${max}`;
  if (min !== null) return language === 'vi' ? `ít nhất ${min}` : `at least ${min}`;
  return language === 'vi' ? `không quá ${max}` : `at most ${max}`;
}

export const UPLOAD_REFUSALS = {
  unsupported: (looksLike: string) =>
    `The file is not a PDF, DOCX, DOC or ODT document (by its content it is ${looksLike}); the name and the declared type are not what counts.`,
  unreadablePdf:
    'The file starts like a PDF but does not read as one (no document with pages could be parsed); send the PDF again, as saved by its application.',
  empty: 'The file is empty.',
  missing: 'Send the paper as the multipart field "file".',
};

/** The speaker's page (GET /speaker/:token), in the two languages. */
export const SPEAKER_PAGE = {
  vi: {
    lang: 'vi',
    title: 'Báo cáo tham luận',
    conference: 'Hội nghị',
    time: 'Thời gian',
    timeUnknown: 'Chưa xác định',
    cluster: (n: number) => `Cụm ${n}`,
    topic: 'Chủ đề',
    unit: 'Đơn vị tham luận',
    person: 'Người trình bày',
    pages: 'Số trang',
    pagesValue: (min: number | null, max: number | null) => `${range(min, max, 'vi')} trang A4`,
    talk: 'Thời gian trình bày',
    talkValue: (m: number) => `không quá ${m} phút`,
    receiving: 'Gửi về',
    due: 'Thời hạn',
    status: 'Trạng thái',
    returnedComment: 'Ý kiến khi trả lại',
    versions: 'Các lần nộp',
    noVersions: 'Chưa có tệp nào được nộp.',
    version: 'Lần',
    file: 'Tệp',
    size: 'Dung lượng',
    pageCount: 'Số trang',
    uploadedAt: 'Thời điểm nộp',
    timeliness: 'Đúng hạn',
    onTime: 'Đúng hạn',
    late: 'Trễ hạn',
    noDue: 'Chưa có hạn',
    upload: 'Nộp báo cáo',
    uploadHint: (mb: string) => `Tệp PDF, DOCX, DOC hoặc ODT, tối đa ${mb}. Mỗi lần nộp là một phiên bản mới.`,
    send: 'Gửi tệp',
    closed: 'Tham luận này không còn nhận tệp.',
    uploaded: (v: number) => `Đã nhận tệp (lần ${v}). Cảm ơn!`,
    warnings: 'Lưu ý',
    other: 'English',
    invalidTitle: 'Đường dẫn không hợp lệ',
    invalid: 'Đường dẫn này không hợp lệ, đã bị thu hồi hoặc đã hết hạn. Vui lòng liên hệ đơn vị tổ chức.',
    errorTitle: 'Không nộp được tệp',
    back: 'Quay lại',
  },
  en: {
    lang: 'en',
    title: 'Presentation paper',
    conference: 'Conference',
    time: 'Time',
    timeUnknown: 'Not fixed yet',
    cluster: (n: number) => `Cluster ${n}`,
    topic: 'Topic',
    unit: 'Presenting unit',
    person: 'Speaker',
    pages: 'Length',
    pagesValue: (min: number | null, max: number | null) => `${range(min, max, 'en')} A4 pages`,
    talk: 'Talk time',
    talkValue: (m: number) => `at most ${m} minutes`,
    receiving: 'Send to',
    due: 'Due',
    status: 'Status',
    returnedComment: 'Comment when returned',
    versions: 'Versions',
    noVersions: 'No file has been submitted yet.',
    version: 'Version',
    file: 'File',
    size: 'Size',
    pageCount: 'Pages',
    uploadedAt: 'Uploaded',
    timeliness: 'On time',
    onTime: 'On time',
    late: 'Late',
    noDue: 'No due yet',
    upload: 'Submit the paper',
    uploadHint: (mb: string) => `A PDF, DOCX, DOC or ODT file of at most ${mb}. Each upload is a new version.`,
    send: 'Upload',
    closed: 'This presentation no longer takes files.',
    uploaded: (v: number) => `File received (version ${v}). Thank you!`,
    warnings: 'Please note',
    other: 'Tiếng Việt',
    invalidTitle: 'Invalid link',
    invalid: 'This link is not valid, was revoked or has expired. Please contact the organizers.',
    errorTitle: 'The file was not accepted',
    back: 'Back',
  },
};

export type SpeakerPageText = (typeof SPEAKER_PAGE)['vi'];

/** The unit contact's page: the unit's assignments in one conference, each opening its own page. */
export const UNIT_PAGE = {
  vi: {
    title: (unit: string) => `Báo cáo tham luận của ${unit}`,
    intro: 'Đơn vị được phân công các báo cáo tham luận dưới đây. Chọn một báo cáo để xem yêu cầu và gửi tệp.',
    none: 'Hiện chưa có báo cáo tham luận nào được phân công.',
    list: 'Danh sách',
    cluster: 'Cụm',
  },
  en: {
    title: (unit: string) => `Presentation papers of ${unit}`,
    intro: 'Your unit is assigned the presentations below. Choose one to see what is asked and to send the file.',
    none: 'No presentation is assigned at the moment.',
    list: 'All presentations',
    cluster: 'Cluster',
  },
} as const;

/** Refusals of an upload from the speaker's page, by problem code. */
export const SPEAKER_ERRORS: Record<string, Text> = {
  UNSUPPORTED_FILE_TYPE: {
    vi: 'Tệp không phải văn bản PDF, DOCX, DOC hoặc ODT (kiểm tra theo nội dung tệp, không theo tên tệp). Không có gì được lưu.',
    en: 'The file is not a PDF, DOCX, DOC or ODT document (judged by its content, not its name). Nothing was stored.',
  },
  FILE_EMPTY: { vi: 'Tệp rỗng. Không có gì được lưu.', en: 'The file is empty. Nothing was stored.' },
  FILE_REQUIRED: { vi: 'Chưa chọn tệp.', en: 'No file was chosen.' },
  PAYLOAD_TOO_LARGE: {
    vi: 'Tệp vượt quá dung lượng cho phép. Không có gì được lưu.',
    en: 'The file is larger than allowed. Nothing was stored.',
  },
  ASSIGNMENT_CLOSED: { vi: 'Tham luận này không còn nhận tệp.', en: 'This presentation no longer takes files.' },
  TOO_MANY_REQUESTS: {
    vi: 'Gửi quá nhiều lần; vui lòng thử lại sau ít phút.',
    en: 'Too many attempts; please try again in a few minutes.',
  },
};

/** Refusals of agenda slots that name a presentation (the agenda answers them as 422). */
export const TALK_TIME = {
  unknown: 'names no presentation of this conference',
  otherAgenda: 'the presentation belongs to another agenda (the conference’s own or another cluster’s)',
  tooLong: (minutes: number, limit: number, topic: string) =>
    `the slot lasts ${minutes} minutes; the talk "${topic}" may take at most ${limit}`,
};

/** The plan linter's findings about papers (GET /conferences/:id/checks). */
export const PAPER_CHECKS = {
  PAPER_DUE_AFTER_START: (topic: string, due: Text, start: Text): Text => ({
    vi: `Hạn nộp tham luận «${topic}» (${due.vi}) muộn hơn ngày diễn ra (${start.vi}).`,
    en: `The paper «${topic}» is due (${due.en}) after the session (${start.en}).`,
  }),
  PAPER_OVERDUE: (topic: string, unit: string, due: Text): Text => ({
    vi: `${unit} chưa nộp tham luận «${topic}», đã quá hạn (${due.vi}).`,
    en: `${unit} has not submitted the paper «${topic}», due ${due.en}.`,
  }),
  PAPER_PAGES_OUTSIDE_RANGE: (topic: string, pages: number): Text => ({
    vi: `Bản nộp mới nhất của tham luận «${topic}» có ${pages} trang, ngoài số trang quy định.`,
    en: `The latest version of the paper «${topic}» has ${pages} pages, outside the required range.`,
  }),
};
