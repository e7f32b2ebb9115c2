import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

/**
 * Built once per run by the global set-up, into a folder of that run (several runs may share the
 * checkout), under node_modules so that its requires find the project's packages.
 */
export function spawnBuildDir(runId = process.env.CONVENE_TEST_RUN ?? 'manual'): string {
  return path.join(__dirname, '..', '..', 'node_modules', '.cache', `convene-test-build-${runId}`);
}

export interface ConveneProcess {
  child: ChildProcess;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts Convene (the compiled service) as a separate process with exactly this environment. */
export function spawnConvene(env: Record<string, string>, cwd?: string): ConveneProcess {
  const child = spawn(process.execPath, [path.join(spawnBuildDir(), 'src', 'main.js')], {
    cwd: cwd ?? path.join(__dirname, '..', '..'),
    env: { PATH: process.env.PATH ?? '', TZ: process.env.TZ ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    listeners.forEach((l) => l());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      listeners.forEach((l) => l());
      resolve({ code, signal });
    }),
  );
  return {
    child,
    output: () => output,
    exited: () => exit,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(output);
          if (match) return done(() => resolve(match));
          if (child.exitCode !== null || child.signalCode !== null) {
            done(() => reject(new Error(`process exited before ${pattern}; output:\n${output}`)));
          }
        };
        const timer = setTimeout(
          () => done(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${output}`))),
          timeoutMs,
        );
        const done = (finish: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          finish();
        };
        listeners.add(check);
        check();
      });
    },
  };
}
