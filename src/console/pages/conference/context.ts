import { useOutletContext } from 'react-router';
import type { Conference } from '../../api';

/** What the conference layout hands each section: the conference as last read (sections refetch what they change). */
export interface ConferenceContext {
  conference: Conference;
}

export const useConference = (): Conference => useOutletContext<ConferenceContext>().conference;
