import { Injectable } from '@nestjs/common';
import { buildFeed, CalendarEvent } from '../calendar';
import type { Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { AgendaScope } from './agenda-store';
import { renderAgendaHtml } from './agenda-html';
import { AGENDA_TEXT } from './agenda.messages';
import { AgendaResponse, SlotResponse } from './agendas.dto';
import { AgendasService } from './agendas.service';

/** The agenda as a printable page and as an iCalendar file (one event per slot). */
@Injectable()
export class AgendaExportService {
  constructor(
    private readonly agendas: AgendasService,
    private readonly clock: Clock,
  ) {}

  async html(
    principal: Principal,
    conferenceId: string,
    clusterId: string | null,
    language: 'vi' | 'en',
  ): Promise<string> {
    const { scope, response } = await this.agendas.view(principal, conferenceId, clusterId);
    return renderAgendaHtml({
      agenda: response,
      clusterNumber: scope.cluster?.number ?? null,
      venue: venueOf(scope),
      language,
    });
  }

  async ics(
    principal: Principal,
    conferenceId: string,
    clusterId: string | null,
  ): Promise<{ filename: string; body: string }> {
    const { scope, response } = await this.agendas.view(principal, conferenceId, clusterId);
    const name = scope.cluster ? `${response.title} – ${AGENDA_TEXT.vi.cluster(scope.cluster.number)}` : response.title;
    const body = buildFeed(slotEvents(response, venueOf(scope)), { name, now: this.clock.now() });
    const filename = scope.cluster ? `agenda-cluster-${scope.cluster.number}.ics` : 'agenda.ics';
    return { filename, body };
  }
}

function venueOf(scope: AgendaScope): string | null {
  return scope.cluster?.venue ?? null;
}

/** Agenda UIDs are their own (not the invitation's), stable per slot. */
function slotEvents(agenda: AgendaResponse, venue: string | null): CalendarEvent[] {
  return agenda.slots.map((slot) => ({
    uid: `agenda-slot-${slot.id}@convene`,
    sequence: 0,
    start: new Date(slot.startsAt),
    end: new Date(slot.endsAt),
    summary: slot.title,
    description: describe(slot),
    // The slot's place within the venue first: "Hội trường tầng 2, Ủy ban nhân dân huyện Vĩnh Thạnh".
    location: [slot.place, venue].filter(Boolean).join(', ') || undefined,
    status: 'CONFIRMED',
  }));
}

/** What the printed line says beside its title: performers, then each sub-item on its own line. */
function describe(slot: SlotResponse): string | undefined {
  const words = AGENDA_TEXT.vi;
  const lines = [
    slot.performerLabel ? `${words.performer}: ${slot.performerLabel}` : null,
    ...slot.subItems.map((i) => `- ${i.text}${i.performerLabel ? ` (${i.performerLabel})` : ''}`),
    slot.place ? `${words.place}: ${slot.place}` : null,
  ].filter((l): l is string => l !== null);
  return lines.length > 0 ? lines.join('\n') : undefined;
}
