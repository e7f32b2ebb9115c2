import { renderAgendaHtml } from './agenda-html';
import type { AgendaResponse } from './agendas.dto';

const performer = (label: string | null) => ({
  unitId: null,
  unitName: null,
  personId: null,
  personName: null,
  text: label,
  label,
});

const agenda: AgendaResponse = {
  conferenceId: 'c',
  clusterId: 'k',
  title: 'Tọa đàm chia sẻ kinh nghiệm về công tác cải cách hành chính năm 2023',
  timeZone: 'Asia/Ho_Chi_Minh',
  session: { startsAt: '2023-04-05T13:30:00+07:00', endsAt: '2023-04-05T17:00:00+07:00' },
  slots: [
    {
      id: '1',
      startsAt: '2023-04-05T06:30:00Z',
      endsAt: '2023-04-05T07:00:00Z',
      durationMinutes: 30,
      title: 'Đón tiếp đại biểu',
      kind: 'reception',
      performer: performer('Ban Tổ chức'),
      presentationId: null,
      note: null,
      version: 1,
    },
    {
      id: '2',
      startsAt: '2023-04-05T08:30:00Z',
      endsAt: '2023-04-05T08:45:00Z',
      durationMinutes: 15,
      title: 'Giải lao <nghỉ>',
      kind: 'break',
      performer: performer('Đại biểu'),
      presentationId: null,
      note: null,
      version: 1,
    },
  ],
  gaps: [],
};

describe('renderAgendaHtml', () => {
  it('lays the agenda out as the plan’s table, times in the conference’s zone', () => {
    const html = renderAgendaHtml({
      agenda,
      clusterNumber: 1,
      venue: 'Ủy ban nhân dân huyện Vĩnh Thạnh',
      language: 'vi',
    });
    expect(html).toContain('<h1>DỰ KIẾN CHƯƠNG TRÌNH</h1>');
    expect(html).toContain('<th>Thời gian</th><th>Nội dung</th><th>Thực hiện</th>');
    expect(html).toContain('<td class="time">13:30 – 14:00</td><td>Đón tiếp đại biểu</td><td>Ban Tổ chức</td>');
    expect(html).toContain('Cụm 1');
    expect(html).toContain('Thứ Tư, ngày 05/4/2023');
  });

  it('escapes text and speaks English when asked', () => {
    const html = renderAgendaHtml({ agenda, clusterNumber: null, venue: null, language: 'en' });
    expect(html).toContain('Giải lao &lt;nghỉ&gt;');
    expect(html).toContain('<th>Time</th><th>Content</th><th>Performed by</th>');
    expect(html).toContain('5 April 2023');
    expect(html).not.toContain('Cụm');
  });
});
