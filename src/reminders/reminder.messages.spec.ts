import { conferenceReminder, offsetText } from './reminder.messages';

describe('reminder messages', () => {
  it('says the offset in each language', () => {
    expect(offsetText('P3D', 'vi')).toBe('3 ngày');
    expect(offsetText('P1DT2H', 'en')).toBe('1 day 2 hours');
    expect(offsetText('PT1H', 'en')).toBe('1 hour');
  });

  it('writes a conference reminder with the time in the conference zone and the bridge point', () => {
    const facts = {
      name: 'Nguyễn Văn A',
      title: 'Hội nghị CCHC',
      startsAt: new Date('2026-03-08T00:30:00Z'),
      zone: 'Asia/Ho_Chi_Minh',
      label: 'P1D',
      site: 'Điểm cầu huyện Núi Thành',
      now: new Date('2026-03-07T00:30:00Z'),
    };
    const vi = conferenceReminder('vi', facts);
    expect(vi.subject).toBe('Nhắc lịch: Hội nghị CCHC — 07 giờ 30 phút, Chủ nhật, ngày 08/3/2026');
    expect(vi.text).toContain('Điểm cầu của Quý vị: Điểm cầu huyện Núi Thành.');
    const en = conferenceReminder('en', facts);
    expect(en.subject).toBe('Reminder: Hội nghị CCHC — 07:30, Sunday 8 March 2026');
    expect(en.text).toContain('1 day ahead');
  });
});
