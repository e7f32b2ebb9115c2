import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { createTestApp, TestApp } from './support/app';
import { CONSOLE_BUILD, ensureConsoleBuilt } from './support/console-build';

describe('Serving the console under /app/', () => {
  let t: TestApp;
  let script: string;

  beforeAll(async () => {
    ensureConsoleBuilt();
    script = readdirSync(path.join(CONSOLE_BUILD, 'assets')).find((f) => f.endsWith('.js')) as string;
    t = await createTestApp();
  }, 120_000);
  afterAll(() => t.close());

  it('redirects the root to the console', async () => {
    const res = await t.http().get('/');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/app/');
  });

  it('answers the index page for the console’s own routes, never cached', async () => {
    for (const route of ['/app/', '/app/login', '/app/conferences/3f0b6d4e-1111-4222-8333-444455556666']) {
      const res = await t.http().get(route);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.text).toContain(`/app/assets/${script}`);
    }
  });

  it('serves the console with a strict Content-Security-Policy: nothing inline, nothing from elsewhere', async () => {
    const res = await t.http().get('/app/conferences');
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.toMatch(/https?:\/\//);
  });

  it('caches hashed assets for a year as immutable', async () => {
    const res = await t.http().get(`/app/assets/${script}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing asset with a 404 problem, not the index page', async () => {
    const res = await t.http().get('/app/assets/missing-0000.js');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('leaves the API and its docs where they were', async () => {
    await t.http().get('/health').expect(200);
    const docs = await t.http().get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).not.toContain("frame-ancestors 'none'");
  });
});
