import { describe, expect, it } from 'vitest';
import { clientAddressOf } from '../../src/server/http/client-address';

describe('client address', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddressOf('203.0.113.7', '198.51.100.1', [])).toBe('203.0.113.7');
  });

  it('takes the last address added before a trusted proxy, not the client-written leftmost one', () => {
    expect(clientAddressOf('10.0.0.2', '6.6.6.6, 203.0.113.7', ['10.0.0.2'])).toBe('203.0.113.7');
  });

  it('walks past a chain of trusted proxies', () => {
    expect(clientAddressOf('10.0.0.2', '6.6.6.6, 203.0.113.7, 10.0.0.3', ['10.0.0.2', '10.0.0.3'])).toBe('203.0.113.7');
  });

  it('reads IPv4-mapped IPv6 socket addresses', () => {
    expect(clientAddressOf('::ffff:127.0.0.1', '203.0.113.9', ['127.0.0.1'])).toBe('203.0.113.9');
  });

  it('ignores entries that are not addresses', () => {
    expect(clientAddressOf('127.0.0.1', 'evil, 203.0.113.9, <script>', ['127.0.0.1'])).toBe('203.0.113.9');
  });
});
