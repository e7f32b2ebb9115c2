import { Semaphore } from './semaphore';

describe(Semaphore.name, () => {
  it('lets at most its size run at once, the rest in arrival order', async () => {
    const slots = new Semaphore(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const job = async (n: number) => {
      await slots.acquire();
      running += 1;
      peak = Math.max(peak, running);
      order.push(n);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      slots.release();
    };
    await Promise.all([1, 2, 3, 4, 5].map(job));
    expect(peak).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it('refuses a size below one', () => {
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});
