/**
 * Every word of the invitation letter, the answer page and the coordinator's mail, in Vietnamese
 * (the default) and English. Services and builders take their text from here only.
 */
export type Language = 'vi' | 'en';
/** `withdrawn`: one person's invitation taken back (a CANCEL for them alone); the meeting goes on. */
export type LetterKind = 'invitation' | 'update' | 'cancel' | 'withdrawn';

export interface LetterText {
  /** The national motto an official letter carries at its head. */
  motto: [string, string];
  subject: Record<LetterKind, (title: string) => string>;
  heading: Record<LetterKind, string>;
  reference: string;
  to: string;
  intro: Record<LetterKind, string>;
  content: string;
  chair: string;
  coChairs: string;
  pointChair: string;
  time: string;
  place: string;
  room: string;
  address: string;
  meetingLink: string;
  composition: string;
  contact: string;
  phone: string;
  answer: string;
  answerHint: string;
  cancelled: string;
  /** The closing line of a withdrawn invitation: the meeting itself goes on. */
  withdrawn: string;
  reason: string;
  /** To a substitute: whom they attend in place of ("name — position"). */
  replaces: (who: string) => string;
  /** To the person who named a substitute: the letter is for their information. */
  passedOn: (substitute: string) => string;
}

export const LETTER: Record<Language, LetterText> = {
  vi: {
    motto: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
    subject: {
      invitation: (title) => `Giấy mời: ${title}`,
      update: (title) => `Thay đổi thông tin — Giấy mời: ${title}`,
      cancel: (title) => `Thông báo hủy: ${title}`,
      withdrawn: (title) => `Thu hồi giấy mời: ${title}`,
    },
    heading: {
      invitation: 'GIẤY MỜI',
      update: 'GIẤY MỜI (THAY ĐỔI)',
      cancel: 'THÔNG BÁO HỦY',
      withdrawn: 'THU HỒI GIẤY MỜI',
    },
    reference: 'Số',
    to: 'Kính gửi',
    intro: {
      invitation: 'Trân trọng kính mời đồng chí tham dự',
      update: 'Thông tin về cuộc họp sau đây đã thay đổi; trân trọng kính mời đồng chí tham dự theo thông tin mới',
      cancel: 'Trân trọng thông báo cuộc họp sau đây không tổ chức nữa',
      withdrawn: 'Trân trọng thông báo: Giấy mời gửi đồng chí dự cuộc họp sau đây đã được thu hồi',
    },
    content: 'Nội dung',
    chair: 'Chủ trì',
    coChairs: 'Đồng chủ trì',
    pointChair: 'Chủ trì tại điểm cầu',
    time: 'Thời gian',
    place: 'Địa điểm',
    room: 'Phòng',
    address: 'Địa chỉ',
    meetingLink: 'Đường dẫn họp trực tuyến',
    composition: 'Thành phần',
    contact: 'Liên hệ',
    phone: 'điện thoại',
    answer: 'Xác nhận tham dự',
    answerHint:
      'Đồng chí vui lòng xác nhận tham dự, từ chối, hoặc cử người dự thay tại trang sau, hoặc bằng các nút trả lời trong lịch:',
    cancelled: 'Cuộc họp đã bị hủy.',
    withdrawn: 'Cuộc họp vẫn diễn ra theo kế hoạch; đồng chí không cần tham dự. Lịch của đồng chí sẽ xóa cuộc họp này.',
    reason: 'Lý do',
    replaces: (who) => `Đồng chí được cử dự thay đồng chí ${who}.`,
    passedOn: (substitute) =>
      `Đồng chí đã cử đồng chí ${substitute} dự thay; thư này để đồng chí nắm thông tin, không cần trả lời.`,
  },
  en: {
    motto: ['SOCIALIST REPUBLIC OF VIET NAM', 'Independence - Freedom - Happiness'],
    subject: {
      invitation: (title) => `Invitation: ${title}`,
      update: (title) => `Updated invitation: ${title}`,
      cancel: (title) => `Cancelled: ${title}`,
      withdrawn: (title) => `Invitation withdrawn: ${title}`,
    },
    heading: {
      invitation: 'INVITATION',
      update: 'INVITATION (UPDATED)',
      cancel: 'CANCELLATION',
      withdrawn: 'INVITATION WITHDRAWN',
    },
    reference: 'Ref.',
    to: 'To',
    intro: {
      invitation: 'You are cordially invited to attend',
      update: 'The details of the following meeting have changed; you are cordially invited to attend as set out below',
      cancel: 'We regret to inform you that the following meeting will not take place',
      withdrawn: 'Your invitation to the following meeting has been withdrawn',
    },
    content: 'Content',
    chair: 'Chaired by',
    coChairs: 'Co-chaired by',
    pointChair: 'Chaired at this bridge point by',
    time: 'Time',
    place: 'Venue',
    room: 'Room',
    address: 'Address',
    meetingLink: 'Online meeting link',
    composition: 'Attendees',
    contact: 'Contact',
    phone: 'phone',
    answer: 'Reply to this invitation',
    answerHint: 'Please accept, decline or name a substitute on this page, or with the reply buttons of your calendar:',
    cancelled: 'The meeting has been cancelled.',
    withdrawn:
      'The meeting itself goes ahead as planned; you are no longer expected to attend. Your calendar will remove it.',
    reason: 'Reason',
    replaces: (who) => `You have been named to attend in place of ${who}.`,
    passedOn: (substitute) =>
      `You have named ${substitute} to attend in your place; this is for your information, no answer is needed.`,
  },
};

export const ANSWER_LABELS: Record<
  Language,
  Record<'accepted' | 'declined' | 'tentative' | 'delegated' | 'none', string>
> = {
  vi: {
    accepted: 'Tham dự',
    declined: 'Không tham dự',
    tentative: 'Chưa chắc chắn',
    delegated: 'Cử người dự thay',
    none: 'Chưa trả lời',
  },
  en: {
    accepted: 'Attending',
    declined: 'Not attending',
    tentative: 'Maybe',
    delegated: 'Substitute named',
    none: 'No answer yet',
  },
};

/** After an answer, when it was given for an earlier time or place (the update asked again). */
export const ANSWERED_EARLIER_LABEL: Record<Language, string> = {
  vi: '(trả lời cho thời gian trước khi thay đổi)',
  en: '(answered for the time before the change)',
};

export interface AnswerPageText {
  title: string;
  yourAnswer: string;
  accept: string;
  decline: string;
  tentative: string;
  substitute: string;
  substituteName: string;
  substitutePosition: string;
  substituteEmail: string;
  note: string;
  submit: string;
  saved: string;
  closed: string;
  cancelled: string;
  withdrawn: string;
  delegatedTo: (name: string) => string;
  notFound: string;
  otherLanguage: string;
  back: string;
}

export const ANSWER_PAGE: Record<Language, AnswerPageText> = {
  vi: {
    title: 'Giấy mời',
    yourAnswer: 'Trả lời của đồng chí',
    accept: 'Tham dự',
    decline: 'Không tham dự',
    tentative: 'Chưa chắc chắn',
    substitute: 'Cử người dự thay',
    substituteName: 'Họ và tên người dự thay',
    substitutePosition: 'Chức vụ',
    substituteEmail: 'Thư điện tử',
    note: 'Ghi chú',
    submit: 'Gửi trả lời',
    saved: 'Đã ghi nhận trả lời của đồng chí.',
    closed: 'Cuộc họp đã bắt đầu; không thể thay đổi trả lời.',
    cancelled: 'Cuộc họp đã bị hủy.',
    withdrawn: 'Giấy mời này đã được thu hồi.',
    delegatedTo: (name) => `Đồng chí đã cử ${name} dự thay.`,
    notFound: 'Đường dẫn không hợp lệ hoặc đã hết hạn.',
    otherLanguage: 'English',
    back: 'Quay lại giấy mời',
  },
  en: {
    title: 'Invitation',
    yourAnswer: 'Your answer',
    accept: 'I will attend',
    decline: 'I cannot attend',
    tentative: 'Maybe',
    substitute: 'Send a substitute',
    substituteName: 'Substitute’s full name',
    substitutePosition: 'Position',
    substituteEmail: 'E-mail',
    note: 'Note',
    submit: 'Send answer',
    saved: 'Your answer has been recorded.',
    closed: 'The meeting has started; answers can no longer be changed.',
    cancelled: 'The meeting has been cancelled.',
    withdrawn: 'This invitation has been withdrawn.',
    delegatedTo: (name) => `You have named ${name} as your substitute.`,
    notFound: 'This link is not valid or has expired.',
    otherLanguage: 'Tiếng Việt',
    back: 'Back to the invitation',
  },
};

/**
 * The mail to a site's coordinator: the page link first (a browser is all they need); the API
 * address last, for an office whose own software uses the same secret as a bearer token.
 */
export const COORDINATOR_MAIL: Record<
  Language,
  { subject: (title: string) => string; text: (site: string, title: string, page: string, api: string) => string }
> = {
  vi: {
    subject: (title) => `Đề nghị mời thành phần dự họp tại điểm cầu: ${title}`,
    text: (site, title, page, api) =>
      `Kính gửi đồng chí phụ trách ${site},\n\nĐề nghị đồng chí mời thành phần dự ${title} tại điểm cầu của đơn vị.\n\nMở trang sau để mời đại biểu của điểm cầu ${site} (không cần tài khoản; đường dẫn dành riêng cho đồng chí, đề nghị không chuyển tiếp):\n${page}\n\nTrên trang này đồng chí xem thông tin hội nghị và điểm cầu, thêm hoặc thu hồi giấy mời đại biểu và theo dõi xác nhận tham dự.\n\n(Phần mềm của đơn vị có thể dùng mã trong đường dẫn, sau "k=", làm Authorization: Bearer tại ${api}.)\n`,
  },
  en: {
    subject: (title) => `Please invite the attendees of your site: ${title}`,
    text: (site, title, page, api) =>
      `Dear coordinator of ${site},\n\nPlease invite the attendees of ${title} at your site.\n\nOpen this page to invite the delegates of the bridge point ${site} (no account needed; the link is yours alone, please do not forward it):\n${page}\n\nThere you see the conference and your bridge point, add or withdraw invitations and follow the answers.\n\n(Your office's software may use the key in the link, after "k=", as Authorization: Bearer at ${api}.)\n`,
  },
};

export const CSV_HEADERS: Record<Language, string[]> = {
  vi: [
    'Điểm cầu',
    'Họ và tên',
    'Chức vụ',
    'Thư điện tử',
    'Đã gửi',
    'Trả lời',
    'Thời điểm trả lời',
    'Dự thay cho',
    'Nguồn',
    'Ghi chú',
  ],
  en: ['Site', 'Full name', 'Position', 'E-mail', 'Sent', 'Answer', 'Answered at', 'Substitute for', 'Source', 'Note'],
};
