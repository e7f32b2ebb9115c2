import type { TemplateSlotDto } from '../agendas/agendas.dto';
import type { CreateClusterDto } from '../clusters/clusters.dto';
import type { CreateConferenceDto } from '../conferences/conferences.dto';

/**
 * Seed 001 (/KH-SNV, Sở Nội vụ Cần Thơ, March 2023, no number and no day): a roundtable in three
 * clusters at 13:30, with the nine-slot agenda of "DỰ KIẾN CHƯƠNG TRÌNH TỌA ĐÀM". Clusters 2 and 3
 * are dated 2022 in the plan itself; they are entered as written and the checks warn about them.
 */
export const SEED_001_UNIT_CODES = [
  'CTO.S.SNV',
  'CTO.S.SNV.CCHC',
  'CTO.S.STTTT',
  'CTO.D.VINHTHANH',
  'CTO.D.THOTNOT',
  'CTO.D.CODO',
  'CTO.D.PHONGDIEN',
  'CTO.D.OMON',
  'CTO.D.THOILAI',
  'CTO.D.BINHTHUY',
  'CTO.D.NINHKIEU',
  'CTO.D.CAIRANG',
] as const;

type Units = Record<string, string>;

export const seed001Conference = (units: Units): CreateConferenceDto => ({
  title: 'Tọa đàm chia sẻ kinh nghiệm về công tác cải cách hành chính năm 2023',
  kind: 'roundtable',
  format: 'in_person',
  organizingUnitId: units['CTO.S.SNV'],
  chair: { text: 'Lãnh đạo Sở Nội vụ' },
  purposes: [
    'Chia sẻ, trao đổi kinh nghiệm về công tác cải cách hành chính (CCHC), Chỉ số SIPAS, Chỉ số PAPI; giải pháp khắc phục các hạn chế để nâng cao các Chỉ số trong năm 2023 và những năm tiếp theo.',
    'Thông tin, tuyên truyền các nội dung của công tác cải cách hành chính của thành phố Cần Thơ.',
    'Nghiên cứu, đưa ra các sáng kiến trong thực hiện công tác cải cách hành chính.',
    'Nâng cao nhận thức, tinh thần trách nhiệm của lãnh đạo các cơ quan, đơn vị; cán bộ, công chức, viên chức trong việc thực hiện nhiệm vụ cải cách hành chính.',
  ],
  contentItems: [
    'Phân tích kết quả Chỉ số CCHC, Chỉ số SIPAS, Chỉ số PAPI năm 2022 của thành phố Cần Thơ.',
    'Phân tích kết quả Chỉ số CCHC cấp huyện năm 2022; kinh nghiệm, giải pháp nâng cao chỉ số cải cách hành chính quận, huyện.',
    'Trao đổi những mặt đạt được và hạn chế, bài học kinh nghiệm; đề xuất giải pháp, sáng kiến.',
    'Trao đổi khó khăn, vướng mắc trong triển khai công tác cải cách hành chính.',
    'Tuyên truyền về tầm quan trọng, ý nghĩa, mục tiêu của cải cách hành chính.',
    'Việc triển khai thực hiện thủ tục hành chính trên môi trường điện tử; cơ chế một cửa, một cửa liên thông.',
    'Trao đổi, thảo luận chuyển đổi số.',
  ],
  fundingSource: 'Kinh phí tổ chức Tọa đàm chi từ nguồn cải cách hành chính thành phố cấp cho Sở Nội vụ.',
  plan: { reference: '/KH-SNV', issuedOn: '2023-03', issuingUnitId: units['CTO.S.SNV'] },
  timeZone: 'Asia/Ho_Chi_Minh',
});

const slot = (
  offsetMinutes: number,
  durationMinutes: number,
  kind: TemplateSlotDto['kind'],
  title: string,
  text: string,
  unitId?: string,
): TemplateSlotDto => ({
  offsetMinutes,
  durationMinutes,
  kind,
  title,
  performer: { text, unitId: unitId ?? null },
});

/** 13:30–14:00 reception … 16:30–17:00 conclusion, as minutes from 13:30. */
export const seed001Template = (units: Units): TemplateSlotDto[] => [
  slot(0, 30, 'reception', 'Đón tiếp đại biểu', 'Ban Tổ chức'),
  slot(30, 5, 'opening', 'Khai mạc', 'Ban Tổ chức'),
  slot(35, 10, 'speech', 'Phát biểu của lãnh đạo Sở Nội vụ', 'Lãnh đạo Sở Nội vụ', units['CTO.S.SNV']),
  slot(
    45,
    45,
    'presentation',
    'Phân tích Chỉ số CCHC, Chỉ số SIPAS, Chỉ số PAPI thành phố Cần Thơ năm 2022; Phân tích chỉ số CCHC năm 2022 của các quận, huyện',
    'Lãnh đạo Phòng Cải cách hành chính – Văn thư, lưu trữ Sở Nội vụ',
    units['CTO.S.SNV.CCHC'],
  ),
  slot(
    90,
    30,
    'discussion',
    'Chia sẻ kinh nghiệm về công tác CCHC của quận, huyện',
    'Đại diện lãnh đạo UBND quận, huyện',
  ),
  slot(120, 15, 'break', 'Giải lao', 'Đại biểu'),
  slot(
    135,
    15,
    'discussion',
    'Chia sẻ kinh nghiệm về những sáng kiến cải cách hành chính đang áp dụng tại địa phương',
    'UBND quận, huyện',
  ),
  slot(
    150,
    30,
    'training',
    'Tập huấn chuyên đổi số',
    'Đại diện lãnh đạo Sở Thông tin và Truyền thông',
    units['CTO.S.STTTT'],
  ),
  slot(180, 30, 'closing', 'Kết luận hội nghị', 'Lãnh đạo Sở Nội vụ', units['CTO.S.SNV']),
];

const cluster = (
  number: number,
  date: string,
  host: string,
  venue: string,
  members: string[],
  units: Units,
): CreateClusterDto => ({
  number,
  name: `Cụm ${number}`,
  startsAt: `${date}T13:30:00+07:00`,
  hostUnitId: units[host],
  venue,
  unitIds: members.map((code) => units[code]),
  minAttendees: 40,
  maxAttendees: 60,
});

/** As the plan writes them, including its 2022 dates for clusters 2 and 3. */
export const seed001Clusters = (units: Units): CreateClusterDto[] => [
  cluster(
    1,
    '2023-04-05',
    'CTO.D.VINHTHANH',
    'Ủy ban nhân dân huyện Vĩnh Thạnh',
    ['CTO.D.VINHTHANH', 'CTO.D.THOTNOT', 'CTO.D.CODO'],
    units,
  ),
  cluster(
    2,
    '2022-04-07',
    'CTO.D.PHONGDIEN',
    'Ủy ban nhân dân huyện Phong Điền',
    ['CTO.D.PHONGDIEN', 'CTO.D.OMON', 'CTO.D.THOILAI'],
    units,
  ),
  cluster(
    3,
    '2022-04-11',
    'CTO.D.BINHTHUY',
    'Ủy ban nhân dân quận Bình Thủy',
    ['CTO.D.BINHTHUY', 'CTO.D.NINHKIEU', 'CTO.D.CAIRANG'],
    units,
  ),
];
