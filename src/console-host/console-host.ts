import { HttpStatus } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { ProblemException } from '../common/problem';

/** Where the browser console is served; its client routes live below it. */
export const CONSOLE_PREFIX = '/app';

/**
 * The console's own policy, stricter than the API docs' one: scripts, styles and everything else
 * from this origin only, nothing inline, no framing.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Compiled (dist/src/console-host → dist/console) or run from source (src/console-host → dist/console). */
export function findConsoleDir(): string | null {
  const candidates = [
    path.resolve(__dirname, '..', '..', 'console'),
    path.resolve(__dirname, '..', '..', 'dist', 'console'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the built console under /app/: hashed assets cached for a year, the index page (never
 * cached) for every other path so that client routes survive a reload; `/` redirects there.
 * Mounted after helmet, so the console's CSP replaces the general one on its prefix.
 */
export function mountConsole(app: NestExpressApplication, dir = findConsoleDir()): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.path === '/' && (req.method === 'GET' || req.method === 'HEAD'))
      return res.redirect(302, `${CONSOLE_PREFIX}/`);
    next();
  });
  app.use(CONSOLE_PREFIX, (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Content-Security-Policy', CONSOLE_CSP);
    next();
  });
  if (!dir) {
    app.use(CONSOLE_PREFIX, (_req: Request, _res: Response, next: NextFunction) =>
      next(
        new ProblemException(
          HttpStatus.NOT_FOUND,
          'CONSOLE_NOT_BUILT',
          'The console is not built in this installation: run npm run build.',
        ),
      ),
    );
    return;
  }
  app.useStaticAssets(path.join(dir, 'assets'), {
    prefix: `${CONSOLE_PREFIX}/assets/`,
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  app.use(CONSOLE_PREFIX, (req: Request, res: Response, next: NextFunction) => {
    // A missing asset stays a 404 (the API's problem answer), not the index page.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/assets/')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile('index.html', { root: dir });
  });
}
