import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { LISTENER_ORDER, ListenerName } from './listener-order';

/** Every domain event names its type; modules define their own event interfaces beside their code. */
export interface DomainEvent {
  type: string;
}

export type DomainEventHandler<E extends DomainEvent> = (event: E, manager: EntityManager) => Promise<void>;

interface Registered {
  listener: ListenerName;
  handler: DomainEventHandler<DomainEvent>;
}

/**
 * In-process domain events, handled inside the transaction of the change that raised them: a
 * conference moved and the updates it queues commit together or not at all. Handlers must only
 * write through the given manager and never call out (no SMTP, no HTTP): sending belongs to the
 * outbox dispatcher, after commit.
 *
 * Each module listens from one `<module>.listener.ts`, named in LISTENER_ORDER, and handlers run in
 * that declared order whatever order Nest starts the modules in. A rule that may refuse the command
 * is a `check`: every check of the event runs before any handler, so a refusal never follows a
 * side effect of another module.
 */
@Injectable()
export class DomainEvents {
  private readonly checks = new Map<string, Registered[]>();
  private readonly handlers = new Map<string, Registered[]>();

  /** Reacts to the event (writes through the manager). Register in the listener's onModuleInit. */
  on<E extends DomainEvent>(type: E['type'], listener: ListenerName, handler: DomainEventHandler<E>): void {
    insertInOrder(this.handlers, type, { listener, handler: handler as DomainEventHandler<DomainEvent> });
  }

  /** May refuse the command by throwing (a ProblemException); must not write. */
  check<E extends DomainEvent>(type: E['type'], listener: ListenerName, check: DomainEventHandler<E>): void {
    insertInOrder(this.checks, type, { listener, handler: check as DomainEventHandler<DomainEvent> });
  }

  async publish(manager: EntityManager, event: DomainEvent): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`domain event ${event.type} published outside a transaction`);
    }
    for (const { handler } of this.checks.get(event.type) ?? []) await handler(event, manager);
    for (const { handler } of this.handlers.get(event.type) ?? []) await handler(event, manager);
  }

  /** Who reacts to what, in order (the README's table is checked against it). */
  registrations(): { type: string; checks: ListenerName[]; handlers: ListenerName[] }[] {
    const types = [...new Set([...this.checks.keys(), ...this.handlers.keys()])].sort();
    const names = (map: Map<string, Registered[]>, type: string) => (map.get(type) ?? []).map((r) => r.listener);
    return types.map((type) => ({ type, checks: names(this.checks, type), handlers: names(this.handlers, type) }));
  }
}

function insertInOrder(map: Map<string, Registered[]>, type: string, entry: Registered): void {
  const rank = LISTENER_ORDER.indexOf(entry.listener);
  if (rank < 0) throw new Error(`listener "${entry.listener}" is not declared in LISTENER_ORDER`);
  const list = map.get(type) ?? [];
  const at = list.findIndex((r) => LISTENER_ORDER.indexOf(r.listener) > rank);
  list.splice(at < 0 ? list.length : at, 0, entry);
  map.set(type, list);
}
