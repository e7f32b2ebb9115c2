import { InputError } from '../common/input-error';

/** What the calendar builders take. Instants are `Date`s; they are written in UTC. */
export interface CalendarPerson {
  name: string;
  email: string;
}

export type EventStatus = 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
export type PartStat = 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE' | 'DELEGATED';
export type InvitationMethod = 'REQUEST' | 'CANCEL';

export interface CalendarAlarm {
  /** Whole minutes before the start; 0 rings at the start. */
  minutesBefore: number;
  /** What the calendar app shows when it rings. */
  description: string;
}

export interface CalendarEvent {
  /** Stored once per event and reused for every update and cancel (calendar.md rule 5). */
  uid: string;
  /** Stored; only goes up on each sent change of time, place or status (rule 6). */
  sequence: number;
  start: Date;
  end: Date;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status?: EventStatus;
  organizer?: CalendarPerson;
  categories?: string[];
  alarms?: CalendarAlarm[];
}

/** What personalises a prepared invitation for one recipient. */
export interface InvitationPersonal {
  attendee: CalendarPerson & { partstat?: PartStat; rsvp?: boolean };
  /** Replaces the event's LOCATION: the recipient's own bridge point (and meeting link). */
  location?: string;
  /** Replaces the event's DESCRIPTION: e.g. the event's text plus the recipient's answer link. */
  description?: string;
  /** Replaces the event's URL: e.g. the recipient's answer page. */
  url?: string;
  /** The sending time, written as DTSTAMP (rule 7). */
  dtstamp: Date;
  /**
   * Replaces ORGANIZER's address for this recipient: the organizer mailbox with this invitation's
   * reply secret as a tag, so a calendar app's REPLY says which invitation it answers. Keep it the
   * same for every update and cancel of one invitation.
   */
  organizerEmail?: string;
}

/**
 * The invariant part of an invitation, built once per (event, version, method) by
 * `prepareInvitation()`. Folded text, ready to be joined with the personal lines.
 */
export interface PreparedInvitation {
  readonly method: InvitationMethod;
  readonly uid: string;
  readonly sequence: number;
  readonly organizerEmail: string;
  /** ORGANIZER's CN; the line itself is written per recipient (its address may carry a reply tag). */
  readonly organizerName: string;
  /** BEGIN:VCALENDAR … the invariant VEVENT properties, each line folded and ending in CRLF. */
  readonly head: string;
  /** The event's own LOCATION, DESCRIPTION and URL lines (folded), used when not personalised. */
  readonly defaults: Readonly<{ location?: string; description?: string; url?: string }>;
  /** VALARMs, END:VEVENT, END:VCALENDAR. */
  readonly tail: string;
}

/**
 * Input the builders refuse: names the field (as in `CalendarEvent`/`InvitationPersonal`) and the
 * rule, with the shape of a problem+json field entry so a service can pass it on as a 422.
 */
export class CalendarInputError extends InputError {
  constructor(field: string, rule: string, detail: string) {
    super(field, rule, detail);
    this.name = 'CalendarInputError';
  }

  /** The same, under another field name (an event inside a list, a DTO's own field). */
  at(field: string): CalendarInputError {
    return new CalendarInputError(field, this.rule, this.detail);
  }

  get problem(): { field: string; rule: string; message: string } {
    return { field: this.field, rule: this.rule, message: this.message };
  }
}
