import { RenderCache } from './render-cache';

describe(RenderCache.name, () => {
  it('builds each key once while it stays in the cache', () => {
    const cache = new RenderCache<string>(10);
    let builds = 0;
    const build = () => `part ${++builds}`;
    expect(cache.getOrBuild('event-1:0', build)).toBe('part 1');
    expect(cache.getOrBuild('event-1:0', build)).toBe('part 1');
    expect(cache.getOrBuild('event-1:1', build)).toBe('part 2');
    expect(builds).toBe(2);
  });

  it('forgets the least recently used key beyond its capacity', () => {
    const cache = new RenderCache<number>(2);
    let builds = 0;
    cache.getOrBuild('a', () => ++builds);
    cache.getOrBuild('b', () => ++builds);
    cache.getOrBuild('a', () => ++builds);
    cache.getOrBuild('c', () => ++builds);
    expect(cache.size).toBe(2);
    expect(cache.getOrBuild('a', () => ++builds)).toBe(1);
    expect(cache.getOrBuild('b', () => ++builds)).toBe(4);
  });
});
