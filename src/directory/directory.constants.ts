/**
 * Kinds of unit. They say what a unit is, never its level: units nest to any depth
 * (province → district → commune in the seeds; province → commune since July 2025).
 */
export const UNIT_KINDS = [
  'central_agency', // ministries, the Government Office: hosts of national conferences
  'provincial_committee', // UBND tỉnh / thành phố trực thuộc trung ương
  'committee_office', // Văn phòng UBND (of any level)
  'party_body', // Tỉnh ủy, Huyện ủy, Ban Đảng, Văn phòng Tỉnh ủy
  'council_body', // HĐND and its office, Đoàn ĐBQH
  'mass_organization', // Ủy ban MTTQ and the unions
  'department', // Sở, Ban, ngành thuộc UBND tỉnh
  'vertical_agency', // cơ quan ngành dọc: tax, customs, police, social insurance, treasury
  'district_committee', // UBND huyện, thị xã, thành phố (before July 2025)
  'division', // phòng chuyên môn of a district, or of a department
  'commune_committee', // UBND xã, phường, thị trấn, đặc khu
  'working_group', // hội đồng thẩm định, tổ giúp việc, ban chỉ đạo: bodies with members
  'press', // báo, đài, cổng thông tin
  'public_service', // đơn vị sự nghiệp: trung tâm, bưu điện…
  'other',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** Normalised roles a person holds in a unit; the free-text title says the rest. */
export const PERSON_ROLES = [
  'head', // Thủ trưởng, Giám đốc, Chủ tịch, Trưởng ban, Tổng biên tập
  'deputy_head', // Phó …
  'party_secretary', // Bí thư
  'standing_member', // Thường trực (Tỉnh ủy, HĐND)
  'chief_of_office', // Chánh Văn phòng, Trưởng phòng Hành chính – Tổng hợp
  'deputy_chief_of_office',
  'division_head', // Trưởng phòng chuyên môn
  'deputy_division_head',
  'member', // thành viên of a council or working group
  'specialist', // chuyên viên, công chức
  'contact', // the unit's contact for papers and tasks
  'reporter', // phóng viên
  'other',
] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
