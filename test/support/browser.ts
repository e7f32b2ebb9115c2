import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';

/** Debian's Chromium, never a downloaded one. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = path.join(__dirname, '..', '..', 'test-output', 'screenshots');
export const SIZES = [
  { name: 'desktop', width: 1366, height: 768 },
  { name: 'phone', width: 360, height: 800 },
];
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface ConsoleBrowser {
  context: BrowserContext;
  page: Page;
  /** Console messages about the Content-Security-Policy. */
  cspViolations: string[];
  /** Requests to anywhere but the app under test. */
  foreignRequests: string[];
  close(): Promise<void>;
}

/** A headless Chromium on a fresh profile, watching for CSP violations and requests that leave `base`. */
export async function launchConsoleBrowser(base: string): Promise<ConsoleBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'convene-chromium-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1366, height: 768 },
    locale: 'vi-VN',
    // Not the conferences' zone, so that the console must name it.
    timezoneId: 'Europe/Berlin',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const cspViolations: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  page.on('request', (req) => {
    if (!req.url().startsWith(base) && !req.url().startsWith('data:')) foreignRequests.push(req.url());
  });
  return {
    context,
    page,
    cspViolations,
    foreignRequests,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** axe-core evaluated over DevTools (the page's CSP rightly forbids injected scripts). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  // Expressions as strings: they run in the page, and the server's type check has no DOM library.
  const results = await page.evaluate<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>('axe.run()');
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} nodes)`);
}

/** Screenshots at both sizes, and axe at both: a phone layout can fail where the desktop passes. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${size.name}.png`), fullPage: true });
    expect({ screen: name, size: size.name, violations: await seriousViolations(page) }).toEqual({
      screen: name,
      size: size.name,
      violations: [],
    });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect({ screen: name, size: size.name, overflow }).toEqual({ screen: name, size: size.name, overflow: 0 });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}
