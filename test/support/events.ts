import type { DomainEvent, DomainEvents } from '../../src/events/domain-events';

/**
 * Records the events of the given types that were published and fully handled (every listener
 * ran without refusing), in order — what a listener registered last used to see.
 */
export function recordPublished(bus: DomainEvents, types: Set<string>, into: unknown[]): void {
  const publish = bus.publish.bind(bus);
  jest.spyOn(bus, 'publish').mockImplementation(async (manager, event: DomainEvent) => {
    await publish(manager, event);
    if (types.has(event.type)) into.push(event);
  });
}
