type Text = { vi: string; en: string };

/** What calendar apps show of a feed, Vietnamese first. */
export const FEED_TEXT = {
  name: (who: string): Text => ({ vi: `Lịch Convene — ${who}`, en: `Convene calendar — ${who}` }),
  description: {
    vi: 'Hội nghị và thời hạn (tham luận, nhiệm vụ) của bạn.',
    en: 'Your conferences and deadlines (papers, tasks).',
  },
  paperDue: (topic: string): Text => ({ vi: `Hạn nộp tham luận: ${topic}`, en: `Paper due: ${topic}` }),
  taskDue: (title: string): Text => ({ vi: `Hạn nhiệm vụ ${title}`, en: `Task due: ${title}` }),
  met: { vi: '✓ ', en: '✓ ' },
  alarm: (days: number): Text => ({ vi: `Còn ${days} ngày đến hạn`, en: `Due in ${days} day${days === 1 ? '' : 's'}` }),
  deadlineLine: (deadline: Text): Text => ({ vi: `Thời hạn: ${deadline.vi}`, en: `Deadline: ${deadline.en}` }),
  presenting: (unit: string): Text => ({ vi: `Đơn vị tham luận: ${unit}`, en: `Presenting: ${unit}` }),
  cluster: (n: number, title: string): Text => ({ vi: `${title} — Cụm ${n}`, en: `${title} — cluster ${n}` }),
};

/** Alarms before a deadline: three days and one day ahead. */
export const DEADLINE_ALARM_DAYS = [3, 1];
