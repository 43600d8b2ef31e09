// The address a request came from. X-Forwarded-For is written by the client
// and by every proxy on the way; only the entries added by proxies we run can
// be believed, so walk it from the right past our own proxies.
import { isIP } from 'node:net';

function normalise(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

export function clientAddressOf(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: readonly string[]): string {
  let address = normalise(socketAddress ?? 'unknown');
  if (!trustedProxies.includes(address) || !forwardedFor) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((hop) => normalise(hop.trim()))
    .filter((hop) => isIP(hop) !== 0);
  while (hops.length > 0 && trustedProxies.includes(address)) address = hops.pop()!;
  return address;
}
