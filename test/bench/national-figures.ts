/** Printing and measuring for the national bench: one figure a line, timings in seconds, peak RSS. */

export function figure(name: string, value: number | string, unit = ''): void {
  const shown = typeof value === 'number' ? value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2) : value;
  process.stdout.write(`${name}: ${shown}${unit ? ` ${unit}` : ''}\n`);
}

export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** Runs `work`, answering its result and the seconds it took. */
export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, (performance.now() - started) / 1000];
}

/**
 * Peak resident memory of this process. The whole-run peak is the kernel's own high-water mark
 * (`maxRSS`, which no sampling can miss); phases are sampled every 20 ms, since the kernel keeps
 * only one mark per process.
 */
export class PeakRss {
  private phasePeak = 0;
  private readonly timer = setInterval(() => this.sample(), 20);

  constructor() {
    this.timer.unref();
  }

  /** The peak since the previous call (or the start), and a new phase from now. */
  phase(): number {
    this.sample();
    const peak = this.phasePeak;
    this.phasePeak = process.memoryUsage().rss;
    return peak;
  }

  /** The process's peak over its whole life. */
  peak(): number {
    return Math.max(process.resourceUsage().maxRSS * 1024, this.phasePeak);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    this.phasePeak = Math.max(this.phasePeak, process.memoryUsage().rss);
  }
}
