/**
 * A small least-recently-used cache for the invariant part of a mail: a calendar event at a given
 * version is validated and serialised once, then every recipient's copy adds its own ATTENDEE.
 * Key it by what makes the part change (`<event id>:<sequence>`), so a new version is a new key.
 */
export class RenderCache<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity = 1000) {
    if (capacity < 1) throw new RangeError('capacity must be at least 1');
  }

  get size(): number {
    return this.entries.size;
  }

  getOrBuild(key: string, build: () => V): V {
    const found = this.entries.get(key);
    if (found !== undefined || this.entries.has(key)) {
      // Re-insert: a Map iterates in insertion order, so the first key is the least recently used.
      this.entries.delete(key);
      this.entries.set(key, found as V);
      return found as V;
    }
    const value = build();
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
