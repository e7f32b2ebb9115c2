import type { EntityManager } from 'typeorm';
import { DomainEvent, DomainEvents } from './domain-events';

interface Moved extends DomainEvent {
  type: 'thing.moved';
  to: string;
}

const inTransaction = { queryRunner: { isTransactionActive: true } } as unknown as EntityManager;

describe(DomainEvents.name, () => {
  it('runs every handler of the type with the transaction’s manager, in the declared order of listeners', async () => {
    const events = new DomainEvents();
    const seen: string[] = [];
    events.on<Moved>('thing.moved', 'reminders', async (e) => void seen.push(`reminders:${e.to}`));
    events.on<Moved>(
      'thing.moved',
      'agendas',
      async (e, m) => void seen.push(`agendas:${e.to}:${m === inTransaction}`),
    );
    events.on<Moved>('thing.moved', 'invitations', async () => void seen.push('invitations'));
    events.on('other', 'clusters', async () => void seen.push('other'));
    await events.publish(inTransaction, { type: 'thing.moved', to: 'Hội trường 2' } as Moved);
    expect(seen).toEqual(['agendas:Hội trường 2:true', 'invitations', 'reminders:Hội trường 2']);
    expect(events.registrations()).toEqual([
      { type: 'other', checks: [], handlers: ['clusters'] },
      { type: 'thing.moved', checks: [], handlers: ['agendas', 'invitations', 'reminders'] },
    ]);
  });

  it('runs every check before any handler, so a refusal comes before all side effects', async () => {
    const events = new DomainEvents();
    const seen: string[] = [];
    events.on('x', 'agendas', async () => void seen.push('handler'));
    events.check('x', 'reminders', async () => {
      seen.push('check');
      throw new Error('refused');
    });
    await expect(events.publish(inTransaction, { type: 'x' })).rejects.toThrow('refused');
    expect(seen).toEqual(['check']);
  });

  it('refuses a listener that is not declared', () => {
    const events = new DomainEvents();
    expect(() => events.on('x', 'nobody' as never, async () => undefined)).toThrow('not declared in LISTENER_ORDER');
  });

  it('refuses to publish outside a transaction', async () => {
    const events = new DomainEvents();
    await expect(events.publish({} as EntityManager, { type: 'x' })).rejects.toThrow('outside a transaction');
  });

  it('lets a failing handler fail the publish, so the transaction rolls back', async () => {
    const events = new DomainEvents();
    events.on('x', 'agendas', async () => {
      throw new Error('nope');
    });
    await expect(events.publish(inTransaction, { type: 'x' })).rejects.toThrow('nope');
  });
});
