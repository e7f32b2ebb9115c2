import type { BulkBridgePointsDto, CreateBridgePointDto } from '../bridge-points/bridge-points.dto';
import type { CreateConferenceDto } from '../conferences/conferences.dto';

/**
 * Seed 000 (690/KH-UBND, Quảng Nam, 13/02/2023): an online conference over the provincial host
 * point and one remote point per district, date still tentative (06–10/3/2023, one half-day).
 * Unit ids are looked up by the directory's external codes.
 */
export const SEED_000_UNIT_CODES = ['QNA', 'QNA.VP'] as const;

type Units = Record<string, string>;

export const seed000Conference = (units: Units, chairPersonId: string | null): CreateConferenceDto => ({
  title:
    'Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022, triển khai các nhiệm vụ trọng tâm năm 2023',
  kind: 'conference',
  format: 'online',
  organizingUnitId: units.QNA,
  chair: { personId: chairPersonId, text: 'Chủ tịch Ủy ban nhân dân tỉnh' },
  purposes: [
    'Phân tích, đánh giá tình hình, kết quả đạt được và làm rõ những tồn tại, hạn chế các nhiệm vụ về công tác cải cách hành chính và chuyển đổi số năm 2022; đồng thời đưa ra các khuyến nghị và đề xuất các giải pháp cụ thể nhằm nâng cao chất lượng, hiệu quả công tác cải cách hành chính và chuyển đổi số tỉnh Quảng Nam trong thời gian tới.',
    'Công bố kết quả xếp hạng Chỉ số cải cách hành chính Sở, Ban, ngành, cơ quan ngành dọc cấp tỉnh, Ủy ban nhân dân các huyện, thị xã, thành phố; Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước năm 2022.',
  ],
  contentItems: [
    'Tổng kết công tác cải cách hành chính năm 2022.',
    'Triển khai chỉ đạo các nhiệm vụ trọng tâm công tác cải cách hành chính và chuyển đổi số năm 2023.',
    'Công bố kết quả xếp hạng Chỉ số cải cách hành chính Sở, ban, ngành, cơ quan ngành dọc cấp tỉnh, Ủy ban nhân dân các huyện, thị xã, thành phố; Chỉ số hài lòng của người dân, tổ chức đối với sự phục vụ của cơ quan hành chính nhà nước năm 2022.',
  ],
  fundingSource: 'Từ nguồn kinh phí cải cách hành chính được cấp trong ngân sách Sở Nội vụ năm 2023.',
  plan: { reference: '690/KH-UBND', issuedOn: '2023-02-13', issuingUnitId: units.QNA },
  timeZone: 'Asia/Ho_Chi_Minh',
  window: { from: '2023-03-06', to: '2023-03-10', note: 'Dự kiến 01 buổi' },
});

export const seed000HostPoint = (units: Units): CreateBridgePointDto => ({
  role: 'host',
  name: 'Điểm cầu tỉnh',
  unitId: units['QNA.VP'],
  room: 'Hội trường số 2 (Tầng 02)',
  address: 'Văn phòng Ủy ban nhân dân tỉnh Quảng Nam',
});

/** "Điểm cầu các huyện, thị xã, thành phố: Phòng họp trực tuyến do Ủy ban nhân dân các huyện… bố trí." */
export const seed000DistrictPoints = (units: Units): BulkBridgePointsDto => ({
  rootUnitId: units.QNA,
  levels: [
    {
      unitKind: 'district_committee',
      name: 'Điểm cầu {unit}',
      room: 'Phòng họp trực tuyến do Ủy ban nhân dân huyện, thị xã, thành phố bố trí',
    },
  ],
});
