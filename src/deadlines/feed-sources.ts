import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CalendarEvent } from '../calendar';

/** Whose feed: a person's or a unit's. */
export interface FeedSubject {
  kind: 'person' | 'unit';
  id: string;
  language: 'vi' | 'en';
}

/** One event of a feed, and when what it shows last changed (the feed's DTSTAMP is the latest of these). */
export interface FeedEntry {
  event: CalendarEvent;
  changedAt: Date;
  /**
   * Whose data the event shows: a conference's, or a plan's (a task's due). Only those who manage
   * every one of them (admins, or their owners and organizers) may make or revoke the feed.
   */
  owner: { conferenceId: string } | { planId: string };
}

/** Answers the events a subject's feed carries; runs in the feed's read transaction. */
export type FeedSource = (subject: FeedSubject, manager: EntityManager) => Promise<FeedEntry[]>;

/**
 * The parts of personal feeds, by name. This module registers `deadlines` and `conferences`
 * (where the person or unit presents, or the unit hosts a bridge point or cluster); the
 * invitations module registers its own source (the conferences someone is invited to, at their
 * own bridge point) with `register('invitations', source)`. A name registered again replaces
 * the source. UIDs must be the feed's own (never an invitation's) and unique across sources:
 * prefix them with the source's name.
 */
@Injectable()
export class FeedSources {
  private readonly sources = new Map<string, FeedSource>();

  register(name: string, source: FeedSource): void {
    this.sources.set(name, source);
  }

  names(): string[] {
    return [...this.sources.keys()];
  }

  async collect(subject: FeedSubject, manager: EntityManager): Promise<FeedEntry[]> {
    const all: FeedEntry[] = [];
    for (const source of this.sources.values()) all.push(...(await source(subject, manager)));
    // A conference two sources both know (presenting and invited) appears once: the first source wins.
    const seen = new Set<string>();
    return all.filter((e) => !seen.has(e.event.uid) && seen.add(e.event.uid));
  }
}
