import { useTranslation } from 'react-i18next';
import { browserZone, dateRange, timeRange } from './format';

interface Timed {
  timeZone: string;
  window: { from: string; to: string } | null;
  startsAt: string | null;
  endsAt: string | null;
}

/** The confirmed time, else the tentative window; the zone is named when it is not the browser's. */
export function ConferenceTime({ conference, showZone = true }: { conference: Timed; showZone?: boolean }) {
  const { t } = useTranslation();
  const zone =
    showZone && conference.timeZone !== browserZone() ? ` (${t('time.zone', { zone: conference.timeZone })})` : '';
  if (conference.startsAt && conference.endsAt) {
    return <span>{timeRange(conference.startsAt, conference.endsAt, conference.timeZone) + zone}</span>;
  }
  if (conference.window) {
    return <span>{t('time.tentative', { range: dateRange(conference.window.from, conference.window.to) })}</span>;
  }
  return <span className="muted">{t('time.none')}</span>;
}
