/** Messages of the conference's overview section: Vietnamese first, English beside it, the same keys. */
const vi = {
  back: 'Về danh sách hội nghị',
  status: 'Trạng thái',
  kind: 'Loại',
  format: 'Hình thức',
  plan: 'Kế hoạch',
  planLine: 'Số {{reference}}',
  planDate: 'ngày {{date}}',
  noPlan: 'Chưa có',
  chair: 'Chủ trì',
  purposes: 'Mục đích, yêu cầu',
  time: 'Thời gian',
  confirmed: 'Đã chốt: {{range}}',
  zoneNote: 'Theo giờ {{zone}} (khác múi giờ của máy này: {{browser}})',
  none: 'Chưa có',
  notFound: 'Không tìm thấy hội nghị này, hoặc bạn không có quyền xem.',
  /** Error codes the API answers in this section, merged into `error` (see locales/vi.ts). */
  errors: {},
};

const en: typeof vi = {
  back: 'Back to the conferences',
  status: 'Status',
  kind: 'Kind',
  format: 'Format',
  plan: 'Plan',
  planLine: 'No. {{reference}}',
  planDate: 'of {{date}}',
  noPlan: 'None yet',
  chair: 'Chair',
  purposes: 'Purposes',
  time: 'Time',
  confirmed: 'Confirmed: {{range}}',
  zoneNote: 'In {{zone}} time (this computer is on {{browser}})',
  none: 'None yet',
  notFound: 'This conference does not exist, or you may not see it.',
  errors: {},
};

export const overviewText = { vi, en };
