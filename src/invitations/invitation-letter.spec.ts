import { placeLine, renderLetter, LetterView } from './invitation-letter';

const VIEW: LetterView = {
  language: 'vi',
  kind: 'invitation',
  issuingUnit: 'Văn phòng Ủy ban nhân dân tỉnh Quảng Nam',
  reference: '45/GM-UBND',
  title: 'Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022',
  recipient: { name: 'Nguyễn Thị Ánh Tuyết', position: 'Chủ tịch UBND huyện Núi Thành' },
  contentItems: ['Tổng kết công tác cải cách hành chính năm 2022.', 'Triển khai nhiệm vụ năm 2023.'],
  chair: 'Chủ tịch Ủy ban nhân dân tỉnh',
  start: new Date('2023-03-08T00:30:00Z'),
  end: new Date('2023-03-08T04:30:00Z'),
  timeZone: 'Asia/Ho_Chi_Minh',
  place: {
    name: 'Điểm cầu huyện Núi Thành',
    room: 'Phòng họp trực tuyến, tầng 3',
    address: null,
    meetingLink: 'https://meet.convene.test/qn',
  },
  composition: null,
  contact: { name: 'Ông Nguyễn Hoàng Nhân', phone: '0932.868.447' },
  answerUrl: 'http://convene.test/invitations/answer/cvl_x',
};

describe('renderLetter', () => {
  it('writes the official letter in Vietnamese: unit, reference, time in the zone, own site, contact, answer link', () => {
    const letter = renderLetter(VIEW);
    expect(letter.subject).toBe('Giấy mời: Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022');
    for (const part of [letter.text, letter.html]) {
      expect(part).toContain('GIẤY MỜI');
      expect(part).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(part).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(part).toContain('45/GM-UBND');
      expect(part).toContain('07 giờ 30 phút, Thứ Tư, ngày 08/3/2023 – 11:30');
      expect(part).toContain('Điểm cầu huyện Núi Thành');
      expect(part).toContain('0932.868.447');
      expect(part).toContain('http://convene.test/invitations/answer/cvl_x');
    }
    expect(letter.text).toContain('Thành phần: Chủ tịch UBND huyện Núi Thành');
    expect(letter.text).toContain('VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH QUẢNG NAM');
  });

  it('writes English for an English reader, with the time of the conference’s zone', () => {
    const letter = renderLetter({ ...VIEW, language: 'en', kind: 'update' });
    expect(letter.subject).toBe(
      'Updated invitation: Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022',
    );
    expect(letter.text).toContain('Time: 07:30, Wednesday 8 March 2023 – 11:30');
    expect(letter.text).toContain('Venue: Điểm cầu huyện Núi Thành');
  });

  it('escapes what it writes into HTML', () => {
    const letter = renderLetter({ ...VIEW, title: 'A <b>bold</b> & "quoted" title' });
    expect(letter.html).toContain('A &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; title');
    expect(letter.html).not.toContain('<b>bold</b>');
  });

  it('announces a cancellation without an answer link, with its reason', () => {
    const letter = renderLetter({ ...VIEW, kind: 'cancel', reason: 'Trùng lịch họp của Tỉnh ủy' });
    expect(letter.subject).toBe('Thông báo hủy: Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022');
    expect(letter.text).toContain('Lý do: Trùng lịch họp của Tỉnh ủy');
    expect(letter.text).not.toContain('cvl_x');
  });

  it('joins the place parts that exist into one calendar location', () => {
    expect(placeLine(VIEW.place)).toBe(
      'Điểm cầu huyện Núi Thành — Phòng họp trực tuyến, tầng 3 — https://meet.convene.test/qn',
    );
    expect(placeLine({ name: 'Hội trường', room: null, address: ' ', meetingLink: null })).toBe('Hội trường');
  });
});
