// Real headless Chromium for the end-to-end tests: Debian's `chromium`
// package (no Playwright browser download), launched with the flags listed
// under "Known traps" in the architecture notes (shared/design/architecture.md).
import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Kysely } from 'kysely';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Database } from '../../src/server/db/schema';
import { createSession, type SessionUser } from '../../src/server/auth/sessions';
import { createMember } from './members';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';
/** How long one browser step may wait for its condition. */
export const BROWSER_STEP_TIMEOUT_MS = 90_000;

/** The browser to drive: CHROMIUM_PATH, else Debian's chromium; undefined when neither exists. */
export function chromiumPath(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  return existsSync(candidate) ? candidate : undefined;
}

export const browserAvailable = chromiumPath() !== undefined;

/** Says, once per suite, why browser tests were skipped and how to run them. */
export function explainSkippedBrowserTests(suite: string): void {
  if (browserAvailable) return;
  const looked = process.env.CHROMIUM_PATH ? `CHROMIUM_PATH=${process.env.CHROMIUM_PATH} does not exist` : `${DEFAULT_CHROMIUM} is missing`;
  console.warn(
    `[whatson] skipping the browser tests "${suite}": ${looked}. ` +
      'To enable them, install Debian\'s chromium: apt-get install chromium, or set CHROMIUM_PATH to a Chromium executable.',
  );
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('No Chromium found: install Debian\'s chromium: apt-get install chromium, or set CHROMIUM_PATH.');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Runs axe (WCAG 2.0 and 2.1, levels A and AA) on the page as it is now and
 * returns one readable line per violation, so `expect(…).toEqual([])` says
 * which rule failed, how badly, and on which elements. The page must come
 * from `browser.newContext()`: @axe-core/playwright refuses pages opened with
 * `browser.newPage()`.
 */
export async function checkAccessibility(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((violation) => {
    const targets = violation.nodes.map((node) => {
      const selector = node.target.map((part) => (Array.isArray(part) ? part.join(' >>> ') : String(part))).join(' >>> ');
      const summary = node.failureSummary ? ` — ${node.failureSummary.replace(/\s+/g, ' ').trim()}` : '';
      return `    ${selector}${summary}`;
    });
    return `${violation.id} (${violation.impact ?? 'unknown impact'}): ${violation.help} [${violation.helpUrl}]\n${targets.join('\n')}`;
  });
}

/** No axe violation on the page as it is now; the failure lists them readably. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await checkAccessibility(page)).toEqual([]);
}

/**
 * One Chromium for the enclosing describe block. Pages come from fresh
 * contexts (so cookies never leak between people), all closed afterwards.
 */
export function useBrowser(baseUrlOf: string | (() => string)) {
  // A function when the server is started by the test block itself, after this is called.
  const baseUrl = () => (typeof baseUrlOf === 'string' ? baseUrlOf : baseUrlOf());
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  async function newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
    const context = await browser.newContext({ baseURL: baseUrl(), ...options });
    // Every step waits for its condition (an element, a URL), never a fixed time; on a loaded
    // 2-core machine a page with an argon2 hash behind it can take far longer than on a quiet one.
    context.setDefaultTimeout(BROWSER_STEP_TIMEOUT_MS);
    contexts.push(context);
    return context;
  }

  return {
    async newPage(options: BrowserContextOptions = {}): Promise<Page> {
      return (await newContext(options)).newPage();
    },
    /**
     * A page signed in as a new member of `organisationId` (or a secretariat
     * account), by a session written into the test database: journeys other
     * than sign-up need not repeat the sign-up flow.
     */
    async signedInPage(db: Kysely<Database>, organisationId: string | null, role: SessionUser['role'] = 'representative'): Promise<{ person: SessionUser; page: Page }> {
      const person = await createMember(db, organisationId, role);
      const { token } = await createSession(db, person.id);
      const context = await newContext();
      await context.addCookies([{ name: 'whatson_session', value: token, url: baseUrl() }]);
      return { person, page: await context.newPage() };
    },
  };
}
