import type { CalendarEvent, CalendarPerson } from '../../src/calendar';

/**
 * Sample calendar input from the seeds: the Quảng Nam online conference (plan 690/KH-UBND, 000)
 * and a Cần Thơ roundtable cluster (001). Instants are fixed UTC; Vietnam is UTC+7.
 */
export const ORGANIZER: CalendarPerson = { name: 'Văn phòng UBND tỉnh Quảng Nam', email: 'lich@convene.test' };

/** 08/3/2023 07:30–11:30 in Asia/Ho_Chi_Minh. */
export const CONFERENCE: CalendarEvent & { organizer: CalendarPerson } = {
  uid: 'conference-690-2023@convene.test',
  sequence: 0,
  start: new Date('2023-03-08T00:30:00Z'),
  end: new Date('2023-03-08T04:30:00Z'),
  summary: 'Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022 và triển khai nhiệm vụ năm 2023',
  description:
    'Chủ trì: Chủ tịch UBND tỉnh.\nThành phần: lãnh đạo các Sở, ban, ngành; UBND các huyện, thị xã, thành phố.',
  location: 'Hội trường số 2, tầng 2, Văn phòng UBND tỉnh Quảng Nam',
  organizer: ORGANIZER,
  categories: ['Hội nghị trực tuyến', 'Cải cách hành chính, CCHC'],
  alarms: [{ minutesBefore: 60, description: 'Hội nghị trực tuyến CCHC bắt đầu lúc 07 giờ 30' }],
};

/** Cluster 1 of the Cần Thơ roundtable: 05/4/2023 13:30–17:00. */
export const CLUSTER: CalendarEvent & { organizer: CalendarPerson } = {
  uid: 'roundtable-2023-cluster-1@convene.test',
  sequence: 0,
  start: new Date('2023-04-05T06:30:00Z'),
  end: new Date('2023-04-05T10:00:00Z'),
  summary: 'Tọa đàm PAR INDEX, SIPAS, PAPI — Cụm 1',
  location: 'Hội trường UBND huyện Phong Điền',
  organizer: { name: 'Sở Nội vụ thành phố Cần Thơ', email: 'sonoivu@convene.test' },
};

export const DELEGATE = { name: 'Nguyễn Thị Ánh Tuyết', email: 'tuyet.nt@nuithanh.convene.test' };
export const REMOTE_SITE =
  'Điểm cầu huyện Núi Thành: phòng họp trực tuyến, tầng 3, UBND huyện — https://meet.convene.test/qn-690';
export const ANSWER_URL = 'https://convene.test/invitations/answer/cvl_7f3a9c';
