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

const content = (label: string) => ({
  performers: [performer(label)],
  performer: performer(label),
  performerLabel: label,
  subItems: [],
  place: null,
  presentationId: null,
  note: null,
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
      ...content('Ban Tổ chức'),
      version: 1,
    },
    {
      id: '2',
      startsAt: '2023-04-05T08:30:00Z',
      endsAt: '2023-04-05T08:45:00Z',
      durationMinutes: 15,
      title: 'Giải lao <nghỉ>',
      kind: 'break',
      ...content('Đại biểu'),
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

  it('lists sub-items, the place and every performer, and says each day of a two-day agenda', () => {
    const twoDays: AgendaResponse = {
      ...agenda,
      session: { startsAt: '2026-03-27T07:30:00+07:00', endsAt: '2026-03-28T11:30:00+07:00' },
      slots: [
        {
          ...agenda.slots[0],
          startsAt: '2026-03-27T07:00:00+07:00',
          endsAt: '2026-03-27T07:30:00+07:00',
          place: 'Sảnh tầng 1',
        },
        {
          ...agenda.slots[1],
          id: '3',
          kind: 'presentation',
          title: 'Phân tích các chỉ số',
          startsAt: '2026-03-28T08:00:00+07:00',
          endsAt: '2026-03-28T09:00:00+07:00',
          performerLabel: 'Sở Nội vụ; Sở Tài chính',
          subItems: [
            { text: 'Chỉ số CCHC', performers: [], performerLabel: null },
            { text: 'Chỉ số SIPAS', performers: [performer('Sở Nội vụ')], performerLabel: 'Sở Nội vụ' },
          ],
        },
      ],
    };
    const html = renderAgendaHtml({ agenda: twoDays, clusterNumber: null, venue: null, language: 'vi' });
    expect(html).toContain('<tr class="day"><td colspan="3">Thứ Sáu, ngày 27/3/2026</td></tr>');
    expect(html).toContain('<tr class="day"><td colspan="3">Thứ Bảy, ngày 28/3/2026</td></tr>');
    expect(html).toContain('Đón tiếp đại biểu<p class="place">Địa điểm: Sảnh tầng 1</p>');
    expect(html).toContain(
      'Phân tích các chỉ số<ul class="sub"><li>Chỉ số CCHC</li><li>Chỉ số SIPAS (Sở Nội vụ)</li></ul></td><td>Sở Nội vụ; Sở Tài chính</td>',
    );
    expect(html.indexOf('07:00 – 07:30')).toBeLessThan(html.indexOf('08:00 – 09:00'));
  });
});
