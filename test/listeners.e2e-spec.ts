import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainEvents } from '../src/events/domain-events';
import { createTestApp, TestApp } from './support/app';

/** README's table of events and listeners says what the running application registers, in order. */
describe('Domain event listeners', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  function readmeTable(): { type: string; checks: string[]; handlers: string[] }[] {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const block = readme.split('<!-- listeners:start -->')[1].split('<!-- listeners:end -->')[0];
    const list = (cell: string) =>
      cell
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    return block
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split('|').map((c) => c.trim()))
      .map((cells) => ({ type: cells[1].replace(/`/g, ''), checks: list(cells[2]), handlers: list(cells[3]) }));
  }

  it('are the ones README lists, event by event, checks before handlers, in the declared order', () => {
    expect(t.app.get(DomainEvents).registrations()).toEqual(readmeTable());
  });
});
