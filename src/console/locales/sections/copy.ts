/** Messages of the overview's copy button and dialog: Vietnamese first, English beside it, the same keys. */
const vi = {
  open: 'Sao chép sang năm mới',
  title: 'Sao chép hội nghị sang năm mới',
  intro:
    'Bản sao giữ điểm cầu, thành phần, chương trình mẫu, tham luận và nội dung giấy mời; không chép giấy mời đã gửi và câu trả lời. Bản sao ở trạng thái nháp, chốt thời gian sau.',
  newTitle: 'Tên hội nghị mới',
  windowFrom: 'Dự kiến từ ngày (dd/mm/yyyy)',
  windowTo: 'Đến ngày (dd/mm/yyyy)',
  windowNote: 'Ghi chú thời gian (không bắt buộc)',
  submit: 'Sao chép',
  submitting: 'Đang sao chép…',
  close: 'Đóng',
  errors: {},
};

const en: typeof vi = {
  open: 'Copy to a new year',
  title: 'Copy the conference to a new year',
  intro:
    'The copy keeps the bridge points, composition, agenda template, presentations and letter; sent invitations and answers are not copied. The copy is a draft; its time is confirmed later.',
  newTitle: 'New conference title',
  windowFrom: 'Tentatively from (dd/mm/yyyy)',
  windowTo: 'Until (dd/mm/yyyy)',
  windowNote: 'Note on the time (optional)',
  submit: 'Copy',
  submitting: 'Copying…',
  close: 'Close',
  errors: {},
};

export const copyText = { vi, en };
