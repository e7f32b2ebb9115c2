import type { ConferenceFormat } from '../conferences/conference.constants';
import type { Venue } from '../conferences/plan-facts.dto';

/**
 * The venue, when it is where this invitee attends: everyone at an in-person conference; at a
 * hybrid one, those invited at the host point or at the conference itself (no point), since the
 * remote points' people join from their own point's room. Null: the point is the place.
 */
export function inVenue(format: ConferenceFormat, venue: Venue | null, pointRole: string | null): Venue | null {
  if (!venue) return null;
  if (format === 'in_person') return venue;
  if (format === 'hybrid' && pointRole !== 'remote') return venue;
  return null;
}
