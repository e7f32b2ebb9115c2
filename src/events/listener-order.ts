/**
 * The modules that listen to domain events, in the order their handlers run for one event. Later
 * listeners read what earlier ones wrote in the same transaction:
 *
 *  1. agendas — slots move with their conference or cluster (letters and calendar parts show them);
 *  2. clusters — a cancelled roundtable cancels its clusters (each cancellation is an event itself);
 *  3. dues — relative dues resolve or move with the schedule;
 *  4. presentations — speaker links expire after the event as now scheduled;
 *  5. invitations — updates and cancellations queued for the invitees, with all of the above;
 *  6. reminders — replanned from the schedule as it now stands.
 */
export const LISTENER_ORDER = ['agendas', 'clusters', 'dues', 'presentations', 'invitations', 'reminders'] as const;

export type ListenerName = (typeof LISTENER_ORDER)[number];
