import { describe, expect, it } from 'vitest';
import { applySecurityHeaders } from '../../src/server/http/security-headers';

describe('security headers', () => {
  it('security headers: a Content-Security-Policy without inline scripts, nosniff, same-origin referrer, no framing', () => {
    const headers = new Headers();
    applySecurityHeaders(headers, new URL('http://127.0.0.1:4321/'));
    const policy = headers.get('content-security-policy')!;
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('same-origin');
    expect(headers.get('strict-transport-security')).toBeNull();
  });

  it('security headers: HSTS when served over https', () => {
    const headers = new Headers();
    applySecurityHeaders(headers, new URL('https://whatson.example.org/'));
    expect(headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  });
});
