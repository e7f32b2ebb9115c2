/** Messages of the conference's edit form: Vietnamese first, English beside it, the same keys. */
const vi = {
  open: 'Sửa thông tin',
  title: 'Sửa thông tin hội nghị',
  save: 'Lưu thay đổi',
  staleTitle: 'Hội nghị vừa được người khác thay đổi',
  staleText: 'Thay đổi của bạn chưa được lưu, để không ghi đè lên thay đổi của người khác. Nội dung đang lưu bây giờ:',
  staleElsewhere: 'Người khác đã thay đổi những phần không có trong mẫu này (thời gian, điểm cầu…).',
  reapply: 'Giữ thay đổi của tôi trên bản mới',
  reload: 'Tải lại bản đang lưu, bỏ thay đổi của tôi',
  reapplied: 'Đã đưa thay đổi của bạn lên bản mới nhất. Hãy kiểm tra rồi bấm “Lưu thay đổi”.',
  field: {
    title: 'Tên hội nghị',
    kind: 'Loại',
    format: 'Hình thức',
    planReference: 'Số kế hoạch',
    planIssuedOn: 'Ngày ban hành kế hoạch',
    chair: 'Chủ trì',
    purposes: 'Mục đích, yêu cầu',
    timeZone: 'Múi giờ',
    windowFrom: 'Dự kiến từ ngày',
    windowTo: 'Đến ngày',
  },
  /** Error codes the API answers in this section, merged into `error` (see locales/vi.ts). */
  errors: {
    STALE: 'Hội nghị vừa được người khác thay đổi; thay đổi của bạn chưa được lưu.',
  },
};

const en: typeof vi = {
  open: 'Edit details',
  title: 'Edit the conference',
  save: 'Save changes',
  staleTitle: 'Someone else has just changed this conference',
  staleText: 'Your changes were not saved, so as not to overwrite theirs. What is stored now:',
  staleElsewhere: 'They changed parts this form does not show (the time, bridge points…).',
  reapply: 'Keep my changes on the new version',
  reload: 'Reload what is stored, dropping my changes',
  reapplied: 'Your changes are now on the latest version. Check them, then press “Save changes”.',
  field: {
    title: 'Title',
    kind: 'Kind',
    format: 'Format',
    planReference: 'Plan number',
    planIssuedOn: 'Plan issued on',
    chair: 'Chair',
    purposes: 'Purposes',
    timeZone: 'Time zone',
    windowFrom: 'Tentatively from',
    windowTo: 'To',
  },
  errors: {
    STALE: 'Someone else has just changed this conference; your changes were not saved.',
  },
};

export const editConferenceText = { vi, en };
