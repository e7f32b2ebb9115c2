import { CONFERENCE, DELEGATE } from '../../test/support/calendar-fixtures';
import { personalizeInvitation, prepareInvitation } from './invitation';
import { INVITATION_FILENAME, invitationMailParts } from './invitation-mail';

describe(invitationMailParts.name, () => {
  const calendar = (method: 'REQUEST' | 'CANCEL') =>
    personalizeInvitation(prepareInvitation({ ...CONFERENCE, sequence: 1 }, method), {
      attendee: DELEGATE,
      dtstamp: new Date('2023-02-20T03:00:00Z'),
    });

  it('gives nodemailer the calendar with its method set, and no attachment of its own (icalEvent adds invite.ics)', () => {
    const text = calendar('CANCEL');
    expect(invitationMailParts(text, 'CANCEL')).toEqual({
      icalEvent: { method: 'CANCEL', filename: INVITATION_FILENAME, content: text },
    });
  });

  it('refuses a method that disagrees with the calendar, or that is not an invitation', () => {
    expect(() => invitationMailParts(calendar('REQUEST'), 'CANCEL')).toThrow(
      'the calendar says METHOD:REQUEST but the message would say method=CANCEL',
    );
    expect(() => invitationMailParts('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', 'REQUEST')).toThrow(/METHOD:\(none\)/);
    expect(() => invitationMailParts(calendar('REQUEST'), 'PUBLISH' as never)).toThrow(/REQUEST or CANCEL/);
  });
});
