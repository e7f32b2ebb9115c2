import { createHash } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** A CSP source for one inline `<style>` element's exact content (CSP Level 2 hash source). */
export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
}

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * helmet's headers with a strict Content-Security-Policy on every answer: scripts only from Convene
 * itself and never inline, styles from Convene or the inline styles of its own pages (by hash).
 * Only the OpenAPI page (/docs) loads inline scripts and styles, and gets a policy that allows them.
 * HSTS is sent only on HTTPS requests (`req.secure`, which follows Express's trust proxy setting):
 * over plain HTTP a browser ignores it, and a test instance or an internal port must not claim HTTPS.
 */
export function securityHeaders(inlineStyles: string[]) {
  const common = { 'img-src': ["'self'", 'data:'], 'object-src': ["'none'"], 'frame-ancestors': ["'self'"] };
  const strict = helmet({
    strictTransportSecurity: false,
    contentSecurityPolicy: {
      directives: {
        ...common,
        'script-src': ["'self'"],
        'style-src': ["'self'", ...inlineStyles.map(styleHash)],
      },
    },
  });
  const docs = helmet({
    strictTransportSecurity: false,
    contentSecurityPolicy: {
      directives: {
        ...common,
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'"],
      },
    },
  });
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.secure) res.setHeader('Strict-Transport-Security', HSTS);
    const isDocs = req.path === '/docs' || req.path.startsWith('/docs/') || req.path.startsWith('/docs-json');
    (isDocs ? docs : strict)(req, res, next);
  };
}
