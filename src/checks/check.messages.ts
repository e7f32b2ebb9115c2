/**
 * The text of every check, Vietnamese first. `what` arguments are bilingual labels of the thing
 * concerned (see `label`).
 */
export interface Label {
  vi: string;
  en: string;
}

export const label = {
  conference: { vi: 'hội nghị', en: 'the conference' },
  window: { vi: 'khoảng thời gian dự kiến', en: 'the tentative window' },
  cluster: (n: number): Label => ({ vi: `cụm ${n}`, en: `cluster ${n}` }),
  agenda: (cluster: number | null): Label =>
    cluster === null
      ? { vi: 'chương trình hội nghị', en: 'the conference agenda' }
      : { vi: `chương trình cụm ${cluster}`, en: `the agenda of cluster ${cluster}` },
};

type Text = { vi: string; en: string };

export const CHECK_MESSAGES = {
  DATE_BEFORE_PLAN: (what: Label, date: Text, plan: Text): Text => ({
    vi: `Ngày ${date.vi} của ${what.vi} trước ngày ban hành kế hoạch (${plan.vi}).`,
    en: `The date ${date.en} of ${what.en} is before the plan was issued (${plan.en}).`,
  }),
  DATE_OTHER_YEAR: (what: Label, year: number, planYear: number): Text => ({
    vi: `${cap(what.vi)} diễn ra năm ${year}, khác năm của kế hoạch (${planYear}).`,
    en: `${cap(what.en)} is in ${year}, not in the plan's year (${planYear}).`,
  }),
  DATE_PAST_WHEN_SCHEDULED: (what: Label, date: Text, at: Text): Text => ({
    vi: `Thời gian của ${what.vi} (${date.vi}) đã qua khi được xếp lịch (${at.vi}).`,
    en: `The time of ${what.en} (${date.en}) was already past when it was scheduled (${at.en}).`,
  }),
  SCHEDULE_OUTSIDE_WINDOW: (date: Text, from: string, to: string): Text => ({
    vi: `Thời gian đã xác định (${date.vi}) nằm ngoài khoảng dự kiến ${from} – ${to}.`,
    en: `The confirmed time (${date.en}) is outside the tentative window ${from} – ${to}.`,
  }),
  CLUSTERS_OUT_OF_ORDER: (later: number, laterDate: Text, earlier: number, earlierDate: Text): Text => ({
    vi: `Cụm ${later} (${laterDate.vi}) diễn ra trước cụm ${earlier} (${earlierDate.vi}).`,
    en: `Cluster ${later} (${laterDate.en}) takes place before cluster ${earlier} (${earlierDate.en}).`,
  }),
  CLUSTER_OUTSIDE_WINDOW: (cluster: number, when: Text, from: string, to: string): Text => ({
    vi: `Cụm ${cluster} (${when.vi}) nằm ngoài khoảng thời gian dự kiến của hội nghị ${from} – ${to}.`,
    en: `Cluster ${cluster} (${when.en}) is outside the conference's tentative window ${from} – ${to}.`,
  }),
  CLUSTER_UNIT_DOUBLE_BOOKED: (a: number, b: number, unit: string): Text => ({
    vi: `Cụm ${a} và cụm ${b} trùng thời gian và cùng có đơn vị ${unit}.`,
    en: `Clusters ${a} and ${b} overlap in time and both include ${unit}.`,
  }),
  // The other event is not named: it may belong to a conference the reader cannot see.
  HOST_UNIT_DOUBLE_BOOKED: (unit: string, what: Label): Text => ({
    vi: `${unit} chủ trì ${what.vi} và đồng thời một sự kiện khác cùng lúc.`,
    en: `${unit} hosts ${what.en} and another event at the same time.`,
  }),
  ROOM_DOUBLE_BOOKED: (room: string, what: Label): Text => ({
    vi: `Phòng «${room}» của ${what.vi} đã được đặt cho một sự kiện khác cùng lúc.`,
    en: `The room «${room}» of ${what.en} is booked for another event at the same time.`,
  }),
  AGENDA_OVERLAP: (agenda: Label, a: string, b: string): Text => ({
    vi: `Trong ${agenda.vi}, «${a}» trùng thời gian với «${b}».`,
    en: `In ${agenda.en}, «${a}» overlaps «${b}».`,
  }),
  AGENDA_SLOT_OUTSIDE_SESSION: (agenda: Label, slot: string, from: string, to: string): Text => ({
    vi: `Trong ${agenda.vi}, «${slot}» nằm ngoài thời gian ${from} – ${to}.`,
    en: `In ${agenda.en}, «${slot}» lies outside the session ${from} – ${to}.`,
  }),
  AGENDA_GAP: (agenda: Label, from: string, to: string, minutes: number): Text => ({
    vi: `Trong ${agenda.vi}, khoảng ${from} – ${to} (${minutes} phút) chưa có nội dung.`,
    en: `In ${agenda.en}, ${from} – ${to} (${minutes} minutes) has nothing planned.`,
  }),
  AGENDA_TALK_OVER_LIMIT: (agenda: Label, slot: string, minutes: number, limit: number): Text => ({
    vi: `Trong ${agenda.vi}, «${slot}» dài ${minutes} phút, quá thời gian trình bày tối đa ${limit} phút của tham luận.`,
    en: `In ${agenda.en}, «${slot}» lasts ${minutes} minutes, over the presentation's talk-time limit of ${limit} minutes.`,
  }),
  DUE_BEFORE_REFERENCE: (owner: 'task' | 'presentation', label: string, warning: Text): Text => ({
    vi: `${owner === 'task' ? `Nhiệm vụ ${label}` : `Tham luận “${label}”`}: ${warning.vi}`,
    en: `${owner === 'task' ? `Task ${label}` : `Paper “${label}”`}: ${warning.en}`,
  }),
  TASK_DUE_AFTER_CONFERENCE: (task: string, due: Text, end: Text): Text => ({
    vi: `Nhiệm vụ ${task} có hạn ${due.vi}, sau ngày kết thúc hội nghị (${end.vi}).`,
    en: `Task ${task} is due ${due.en}, after the conference ends (${end.en}).`,
  }),
  CLUSTER_HOST_NOT_MEMBER: (cluster: number, unit: string): Text => ({
    vi: `Đơn vị chủ trì cụm ${cluster} (${unit}) không có trong các đơn vị tham gia cụm.`,
    en: `The host of cluster ${cluster} (${unit}) is not among the cluster's participating units.`,
  }),
  PERSON_DOUBLE_BOOKED: (person: string, what: Label): Text => ({
    vi: `${person} được mời dự ${what.vi} và đồng thời một cuộc họp khác cùng lúc.`,
    en: `${person} is invited to ${what.en} and to another meeting at the same time.`,
  }),
  PEOPLE_DOUBLE_BOOKED: (count: number): Text => ({
    vi: `${count} người được mời dự hội nghị và đồng thời một cuộc họp khác cùng lúc.`,
    en: `${count} people are invited to the conference and to another meeting at the same time.`,
  }),
  POINT_NAME_DUPLICATE: (point: string, count: number): Text => ({
    vi: `${count} điểm cầu cùng tên «${point}».`,
    en: `${count} bridge points have the same name «${point}».`,
  }),
  POINT_NAMES_DUPLICATE: (names: number): Text => ({
    vi: `${names} tên điểm cầu được dùng cho nhiều điểm cầu.`,
    en: `${names} point names are each used by more than one bridge point.`,
  }),
  REMINDER_OFFSET_PAST: (kind: ReminderKindName, offset: Text, at: Text, count: number): Text => ({
    vi: `Nhắc hẹn ${offset.vi} ${REMINDER_VI[kind](count)} (${at.vi}) đã qua khi được lập lịch nên sẽ không được gửi.`,
    en: `The reminder ${offset.en} ${REMINDER_EN[kind](count)} (${at.en}) was already past when planned and will not be sent.`,
  }),
  TASK_DUE_AFTER_YEAR: (task: string, due: Text, year: number): Text => ({
    vi: `Nhiệm vụ ${task} có hạn ${due.vi}, sau năm của kế hoạch (${year}).`,
    en: `Task ${task} is due ${due.en}, after the plan's year (${year}).`,
  }),
  TASK_NO_LEAD: (task: string): Text => ({
    vi: `Nhiệm vụ ${task} chưa có đơn vị chủ trì.`,
    en: `Task ${task} has no lead unit.`,
  }),
  NO_HOST_POINT: (): Text => ({
    vi: 'Hội nghị trực tuyến chưa có điểm cầu chính.',
    en: 'The online conference has no host point.',
  }),
  BRIDGE_POINT_NO_COORDINATOR: (point: string): Text => ({
    vi: `Điểm cầu «${point}» chưa có người phụ trách.`,
    en: `The bridge point «${point}» has no coordinator.`,
  }),
  BRIDGE_POINT_NO_LINK: (point: string): Text => ({
    vi: `Điểm cầu «${point}» chưa có đường dẫn hoặc mã phòng họp trực tuyến.`,
    en: `The bridge point «${point}» has no meeting link or room id.`,
  }),
  BRIDGE_POINT_NO_COMPOSITION: (point: string): Text => ({
    vi: `Điểm cầu «${point}» chưa có thành phần tham dự.`,
    en: `The bridge point «${point}» has no attendee composition.`,
  }),
  BRIDGE_POINT_TEST_FAILED: (point: string, note: string): Text => ({
    vi: `Điểm cầu «${point}» kiểm tra kết nối không đạt: ${note}`,
    en: `The connection test of the bridge point «${point}» failed: ${note}`,
  }),
  POINT_OVER_CAPACITY: (
    point: string,
    capacity: number,
    expected: { count: number; approximate: boolean } | null,
    invited: number | null,
  ): Text => {
    const vi: string[] = [];
    const en: string[] = [];
    if (expected) {
      vi.push(`dự kiến ${expected.approximate ? 'khoảng ' : ''}${expected.count} đại biểu`);
      en.push(`${expected.approximate ? 'about ' : ''}${expected.count} expected`);
    }
    if (invited !== null) {
      vi.push(`${invited} người được mời`);
      en.push(`${invited} invited`);
    }
    return {
      vi: `Điểm cầu «${point}» có sức chứa ${capacity} chỗ nhưng ${vi.join(' và ')}.`,
      en: `The bridge point «${point}» seats ${capacity} but has ${en.join(' and ')}.`,
    };
  },
  /** Many points with the same gap are reported once. */
  MANY_POINTS: (code: string, count: number): Text => ({
    vi: `${count} điểm cầu: ${MANY_VI[code] ?? code}.`,
    en: `${count} bridge points: ${MANY_EN[code] ?? code}.`,
  }),
  REHEARSAL_AFTER_MAIN: (round: string, at: Text, main: Text): Text => ({
    vi: `${round} (${at.vi}) diễn ra sau khi sự kiện chính bắt đầu (${main.vi}).`,
    en: `${round} (${at.en}) is after the main event starts (${main.en}).`,
  }),
  ROUND_OF_CANCELLED_MAIN: (round: string): Text => ({
    vi: `Sự kiện chính đã hủy nhưng ${round} vẫn giữ lịch: hủy hoặc tách khỏi sự kiện chính nếu không còn tổ chức.`,
    en: `The main event is cancelled but ${round} still stands: cancel it or unlink it if it no longer takes place.`,
  }),
};

type ReminderKindName = 'conference' | 'readiness' | 'deadline';
const REMINDER_VI: Record<ReminderKindName, (n: number) => string> = {
  conference: () => 'trước hội nghị',
  readiness: (n) => (n > 1 ? `trước kiểm tra kết nối của ${n} điểm cầu` : 'trước kiểm tra kết nối'),
  deadline: (n) => (n > 1 ? `trước ${n} hạn nộp` : 'trước hạn nộp'),
};
const REMINDER_EN: Record<ReminderKindName, (n: number) => string> = {
  conference: () => 'before the conference',
  readiness: (n) => (n > 1 ? `before the connection tests of ${n} points` : 'before the connection test'),
  deadline: (n) => (n > 1 ? `before ${n} dues` : 'before the due'),
};

const MANY_VI: Record<string, string> = {
  BRIDGE_POINT_NO_COORDINATOR: 'chưa có người phụ trách',
  BRIDGE_POINT_NO_LINK: 'chưa có đường dẫn hoặc mã phòng họp trực tuyến',
  BRIDGE_POINT_TEST_FAILED: 'kiểm tra kết nối không đạt',
  BRIDGE_POINT_NO_COMPOSITION: 'chưa có thành phần tham dự',
};
const MANY_EN: Record<string, string> = {
  BRIDGE_POINT_NO_COORDINATOR: 'no coordinator',
  BRIDGE_POINT_NO_LINK: 'no meeting link or room id',
  BRIDGE_POINT_TEST_FAILED: 'connection test failed',
  BRIDGE_POINT_NO_COMPOSITION: 'no attendee composition',
};

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
