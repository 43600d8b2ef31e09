// Security note, "Requests" (learned from trying the landed portal): each rule has a test named after it.
import { request } from 'node:http';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

function post(path: string, body: string, headers: Record<string, string>) {
  return fetch(new URL(path, baseUrl), { method: 'POST', body, redirect: 'manual', headers });
}

describe('headers and request origins', () => {
  it('every non-GET checks Origin whatever its content type', async () => {
    for (const contentType of ['text/plain', 'application/json', 'application/octet-stream', 'application/x-www-form-urlencoded']) {
      const crossSite = await post('/signout', 'everywhere=1', { 'content-type': contentType, origin: 'https://attacker.example' });
      expect(crossSite.status, contentType).toBe(403);
    }
    const fetchMetadata = await post('/topics/firearms/follow', '{}', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' });
    expect(fetchMetadata.status).toBe(403);
    // From the portal's own pages the same request goes through (here: no session, so to sign in).
    const sameOrigin = await post('/topics/firearms/follow', '{}', { 'content-type': 'application/json', origin: new URL(baseUrl).origin });
    expect(sameOrigin.status).not.toBe(403);
  });

  it('pages that carry a token are no-store', async () => {
    for (const path of ['/reset-password?token=abcdefghijklmnopqrstuvwxyz234567', '/join?token=abcdefghijklmnopqrstuvwxyz234567', '/verify-email?token=abcdefghijklmnopqrstuvwxyz234567']) {
      const response = await fetch(new URL(path, baseUrl), { redirect: 'manual' });
      expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
  });

  it('static files carry the same security headers as pages', async () => {
    const page = await fetch(new URL('/', baseUrl));
    for (const path of ['/favicon.svg', '/scripts/local-time.js']) {
      const file = await fetch(new URL(path, baseUrl));
      expect(file.status, path).toBe(200);
      for (const name of ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options']) {
        expect(file.headers.get(name), `${path} ${name}`).toBe(page.headers.get(name));
      }
    }
  });
});

describe('odd requests', () => {
  it('addresses with NUL or other control characters get a 400, never a 500', async () => {
    for (const path of ['/organisations?q=%00', '/submissions?q=%00', '/submissions/%00', '/events?q=a%1Bb', '/submissions/%7F/edit']) {
      const response = await fetch(new URL(path, baseUrl), { redirect: 'manual' });
      expect(response.status, path).toBe(400);
    }
    // Tab and line breaks are text; a search for them is answered as usual.
    expect((await fetch(new URL('/events?q=a%09b', baseUrl))).status).toBe(200);
  });

  it('unknown methods get 405 with the methods that are answered', async () => {
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH', 'PROPFIND']) {
      // fetch() refuses to send TRACE: plain node:http sends anything.
      const answer = await new Promise<{ status: number; allow: string | undefined }>((resolve, reject) => {
        request(new URL('/', baseUrl), { method }, (response) => {
          response.resume();
          resolve({ status: response.statusCode ?? 0, allow: response.headers.allow });
        })
          .on('error', reject)
          .end();
      });
      expect(answer, method).toEqual({ status: 405, allow: 'GET, HEAD, POST, OPTIONS' });
    }
  });
});

describe('text with control characters', () => {
  it('text fields refuse NUL and other control characters with a 422 next to the field, on every form', async () => {
    for (const path of ['/signup', '/signin', '/forgot-password']) {
      const response = await fetch(new URL(path, baseUrl), {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(baseUrl).origin },
        body: new URLSearchParams({ email: 'nul\u0000@example.org', name: 'Eve\u0001', organisationName: 'Form\u000cFeed', password: 'a long passphrase\u0000' }).toString(),
      });
      expect(response.status, path).toBe(422);
      const text = await response.text();
      // The same form again, the message under the email field (tests/http/control-characters.test.ts goes further, on both databases).
      expect(text, path).toMatch(/<p class="field-error" id="field-email-error">Remove the control characters/);
      expect(text).not.toMatch(/\bat \S+\.(?:js|mjs|ts):\d+/);
    }
  });
});
