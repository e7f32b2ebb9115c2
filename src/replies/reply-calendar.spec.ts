import { answeringAttendee, readReply, ReplyCalendarError } from './reply-calendar';

const calendar = (...lines: string[]) => [...lines, ''].join('\r\n');

/** What Outlook (Exchange) sends: a VTIMEZONE, local times, quoted CN, COMMENT, mixed-case mailto. */
const OUTLOOK = calendar(
  'BEGIN:VCALENDAR',
  'METHOD:REPLY',
  'PRODID:Microsoft Exchange Server 2010',
  'VERSION:2.0',
  'BEGIN:VTIMEZONE',
  'TZID:SE Asia Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T000000',
  'TZOFFSETFROM:+0700',
  'TZOFFSETTO:+0700',
  'END:STANDARD',
  'END:VTIMEZONE',
  'BEGIN:VEVENT',
  'ATTENDEE;PARTSTAT=ACCEPTED;CN="Nguyễn Thị Ánh Tuyết":MAILTO:Tuyet.Nguyen@QuangNam.Gov.VN',
  'COMMENT;LANGUAGE=vi-VN:Tôi sẽ tham dự đúng giờ.',
  'SUMMARY;LANGUAGE=vi-VN:Đã chấp nhận: Hội nghị trực tuyến',
  'DTSTART;TZID=SE Asia Standard Time:20260408T073000',
  'DTEND;TZID=SE Asia Standard Time:20260408T113000',
  'UID:0b3c7e4e-1f0a-4c53-9d7b-2a1d5c6e7f80@convene',
  'SEQUENCE:2',
  'DTSTAMP:20260302T031500Z',
  'END:VEVENT',
  'END:VCALENDAR',
);

describe('readReply', () => {
  it('reads the UID, SEQUENCE, DTSTAMP, the answering attendee and the comment of an Outlook reply', () => {
    expect(readReply(OUTLOOK)).toEqual({
      uid: '0b3c7e4e-1f0a-4c53-9d7b-2a1d5c6e7f80@convene',
      sequence: 2,
      dtstamp: new Date('2026-03-02T03:15:00Z'),
      attendees: [
        { email: 'tuyet.nguyen@quangnam.gov.vn', cn: 'Nguyễn Thị Ánh Tuyết', partstat: 'ACCEPTED', delegatedTo: [] },
      ],
      comment: 'Tôi sẽ tham dự đúng giờ.',
    });
  });

  it('reads a missing SEQUENCE as 0', () => {
    const reply = readReply(OUTLOOK.replace('SEQUENCE:2\r\n', ''));
    expect(reply.sequence).toBe(0);
  });

  it('reads DELEGATED-TO, with the delegate’s own attendee line', () => {
    const reply = readReply(
      OUTLOOK.replace(
        /ATTENDEE;[^\r]*\r\n/,
        'ATTENDEE;PARTSTAT=DELEGATED;DELEGATED-TO="mailto:Pho.Chu.Tich@quangnam.gov.vn":mailto:tuyet@quangnam.gov.vn\r\nATTENDEE;PARTSTAT=NEEDS-ACTION;DELEGATED-FROM="mailto:tuyet@quangnam.gov.vn";CN=Lê Văn Bình:mailto:pho.chu.tich@quangnam.gov.vn\r\n',
      ),
    );
    expect(reply.attendees).toEqual([
      {
        email: 'tuyet@quangnam.gov.vn',
        cn: null,
        partstat: 'DELEGATED',
        delegatedTo: ['pho.chu.tich@quangnam.gov.vn'],
      },
      { email: 'pho.chu.tich@quangnam.gov.vn', cn: 'Lê Văn Bình', partstat: 'NEEDS-ACTION', delegatedTo: [] },
    ]);
    expect(answeringAttendee(reply, ['someone@else.vn'])?.email).toBe('tuyet@quangnam.gov.vn');
  });

  it('refuses a calendar of another METHOD (a forwarded REQUEST, a COUNTER) as NOT_A_REPLY', () => {
    for (const method of ['REQUEST', 'COUNTER']) {
      expect(() => readReply(OUTLOOK.replace('METHOD:REPLY', `METHOD:${method}`))).toThrow(
        new ReplyCalendarError('NOT_A_REPLY', `METHOD is ${method}, not REPLY`),
      );
    }
  });

  it('refuses text that is not iCalendar as BAD_CALENDAR', () => {
    for (const garbage of [
      'hello there',
      'BEGIN:VCALENDAR\r\nMETHOD:REPLY\r\nBEGIN:VEVENT\r\n',
      '\u0000\u0001 binary',
    ]) {
      let thrown: unknown;
      try {
        readReply(garbage);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ReplyCalendarError);
      expect((thrown as ReplyCalendarError).code).toBe('BAD_CALENDAR');
    }
  });

  it('refuses a REPLY without an event with a UID as NO_EVENT', () => {
    expect(() => readReply(OUTLOOK.replace(/UID:[^\r]*\r\n/, ''))).toThrow(
      expect.objectContaining({ code: 'NO_EVENT' }),
    );
  });
});

describe('answeringAttendee', () => {
  const reply = readReply(
    OUTLOOK.replace(
      /ATTENDEE;[^\r]*\r\n/,
      'ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@x.vn\r\nATTENDEE;PARTSTAT=DECLINED:mailto:b@x.vn\r\nATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:c@x.vn\r\n',
    ),
  );

  it('takes the attendee the mail is from when several answer', () => {
    expect(answeringAttendee(reply, ['b@x.vn'])?.partstat).toBe('DECLINED');
  });

  it('takes nobody when several answer and none is the sender', () => {
    expect(answeringAttendee(reply, ['c@x.vn'])).toBeNull();
  });
});
