import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** Every domain event names its type; modules define their own event interfaces beside their code. */
export interface DomainEvent {
  type: string;
}

export type DomainEventHandler<E extends DomainEvent> = (event: E, manager: EntityManager) => Promise<void>;

/**
 * In-process domain events, handled inside the transaction of the change that raised them: a
 * conference moved and the updates it queues commit together or not at all. Handlers must only
 * write through the given manager and never call out (no SMTP, no HTTP): sending belongs to the
 * outbox dispatcher, after commit.
 */
@Injectable()
export class DomainEvents {
  private readonly handlers = new Map<string, DomainEventHandler<DomainEvent>[]>();

  /** Register in a provider's constructor or onModuleInit. Handlers run in registration order. */
  on<E extends DomainEvent>(type: E['type'], handler: DomainEventHandler<E>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler as DomainEventHandler<DomainEvent>);
    this.handlers.set(type, list);
  }

  async publish(manager: EntityManager, event: DomainEvent): Promise<void> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`domain event ${event.type} published outside a transaction`);
    }
    for (const handler of this.handlers.get(event.type) ?? []) await handler(event, manager);
  }
}
