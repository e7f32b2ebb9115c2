import { AnswerPageView, renderAnswerPage } from './answer-page.html';

const VIEW: AnswerPageView = {
  language: 'vi',
  formAction: '/invitations/answer/cvl_abc',
  title: 'Hội nghị trực tuyến <CCHC>',
  recipient: 'Nguyễn Thị Ánh Tuyết',
  start: new Date('2023-03-08T00:30:00Z'),
  end: new Date('2023-03-08T04:30:00Z'),
  timeZone: 'Asia/Ho_Chi_Minh',
  place: { name: 'Điểm cầu huyện Núi Thành', room: 'Phòng họp tầng 3', address: null, meetingLink: null },
  answer: null,
  substituteName: null,
  state: 'open',
};

describe('renderAnswerPage', () => {
  it('offers the four answers in one plain form, in Vietnamese, with the time in the zone and the own site', () => {
    const html = renderAnswerPage(VIEW);
    expect(html).toContain('<form method="post" action="/invitations/answer/cvl_abc">');
    for (const value of ['accepted', 'declined', 'tentative', 'substitute']) expect(html).toContain(`value="${value}"`);
    expect(html).toContain('07 giờ 30 phút, Thứ Tư, ngày 08/3/2023 – 11:30');
    expect(html).toContain('Điểm cầu huyện Núi Thành — Phòng họp tầng 3');
    expect(html).toContain('Hội nghị trực tuyến &lt;CCHC&gt;');
    expect(html).not.toContain('<script');
  });

  it('shows a cancellation instead of the form', () => {
    const html = renderAnswerPage({ ...VIEW, language: 'en', state: 'cancelled' });
    expect(html).toContain('The meeting has been cancelled.');
    expect(html).not.toContain('<form');
  });

  it('names the substitute once the delegate has passed the invitation on', () => {
    const html = renderAnswerPage({ ...VIEW, answer: 'delegated', substituteName: 'Trần Văn Bình' });
    expect(html).toContain('Đồng chí đã cử Trần Văn Bình dự thay.');
    expect(html).toContain('data-answer="delegated"');
    expect(html).not.toContain('<form');
  });
});
