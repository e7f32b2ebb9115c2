import type { Language, PersonRole, UnitKind } from './directory.constants';

/** What kinds and roles are called, for people: Vietnamese first, English available. */
export type Label = Record<Language, string>;

export const UNIT_KIND_LABELS: Record<UnitKind, Label> = {
  central_agency: { vi: 'Cơ quan trung ương', en: 'Central agency' },
  provincial_committee: { vi: 'UBND tỉnh, thành phố trực thuộc trung ương', en: 'Provincial people’s committee' },
  committee_office: { vi: 'Văn phòng UBND', en: 'Office of a people’s committee' },
  party_body: { vi: 'Cơ quan Đảng', en: 'Party body' },
  council_body: { vi: 'HĐND, Đoàn ĐBQH và văn phòng', en: 'People’s council or National Assembly delegation' },
  mass_organization: { vi: 'Mặt trận Tổ quốc, đoàn thể', en: 'Fatherland Front or mass organisation' },
  department: { vi: 'Sở, Ban, ngành', en: 'Provincial department' },
  vertical_agency: { vi: 'Cơ quan ngành dọc', en: 'Vertical (central) agency' },
  district_committee: { vi: 'UBND huyện, thị xã, thành phố', en: 'District-level people’s committee' },
  division: { vi: 'Phòng chuyên môn', en: 'Division' },
  commune_committee: { vi: 'UBND xã, phường, thị trấn', en: 'Commune-level people’s committee' },
  working_group: { vi: 'Hội đồng, tổ giúp việc, ban chỉ đạo', en: 'Council, working group or steering committee' },
  press: { vi: 'Báo, đài, cổng thông tin', en: 'Press and media' },
  public_service: { vi: 'Đơn vị sự nghiệp', en: 'Public service unit' },
  other: { vi: 'Khác', en: 'Other' },
};

export const PERSON_ROLE_LABELS: Record<PersonRole, Label> = {
  head: { vi: 'Thủ trưởng', en: 'Head' },
  deputy_head: { vi: 'Phó Thủ trưởng', en: 'Deputy head' },
  party_secretary: { vi: 'Bí thư', en: 'Party secretary' },
  standing_member: { vi: 'Thường trực', en: 'Standing member' },
  chief_of_office: { vi: 'Chánh Văn phòng', en: 'Chief of office' },
  deputy_chief_of_office: { vi: 'Phó Chánh Văn phòng', en: 'Deputy chief of office' },
  division_head: { vi: 'Trưởng phòng', en: 'Head of division' },
  deputy_division_head: { vi: 'Phó Trưởng phòng', en: 'Deputy head of division' },
  member: { vi: 'Thành viên', en: 'Member' },
  specialist: { vi: 'Chuyên viên', en: 'Specialist' },
  contact: { vi: 'Đầu mối liên hệ', en: 'Contact person' },
  reporter: { vi: 'Phóng viên', en: 'Reporter' },
  other: { vi: 'Khác', en: 'Other' },
};

/** The title a position gets when none is written: the role's Vietnamese name. */
export function defaultTitle(role: PersonRole): string {
  return PERSON_ROLE_LABELS[role].vi;
}
