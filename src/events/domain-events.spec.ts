import type { EntityManager } from 'typeorm';
import { DomainEvent, DomainEvents } from './domain-events';

interface Moved extends DomainEvent {
  type: 'thing.moved';
  to: string;
}

const inTransaction = { queryRunner: { isTransactionActive: true } } as unknown as EntityManager;

describe(DomainEvents.name, () => {
  it('runs every handler of the type, in order, with the transaction’s manager', async () => {
    const events = new DomainEvents();
    const seen: string[] = [];
    events.on<Moved>('thing.moved', async (e, m) => void seen.push(`a:${e.to}:${m === inTransaction}`));
    events.on<Moved>('thing.moved', async (e) => void seen.push(`b:${e.to}`));
    events.on('other', async () => void seen.push('other'));
    await events.publish(inTransaction, { type: 'thing.moved', to: 'Hội trường 2' } as Moved);
    expect(seen).toEqual(['a:Hội trường 2:true', 'b:Hội trường 2']);
  });

  it('refuses to publish outside a transaction', async () => {
    const events = new DomainEvents();
    await expect(events.publish({} as EntityManager, { type: 'x' })).rejects.toThrow('outside a transaction');
  });

  it('lets a failing handler fail the publish, so the transaction rolls back', async () => {
    const events = new DomainEvents();
    events.on('x', async () => {
      throw new Error('nope');
    });
    await expect(events.publish(inTransaction, { type: 'x' })).rejects.toThrow('nope');
  });
});
