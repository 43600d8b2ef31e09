// Serves the built assets in dist/client: hashed files under /_astro/ are
// cached for a year, the rest for an hour.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { securityHeaders } from './security-headers';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

/** Answers the request if it names a file in `root`; returns false otherwise. */
export function serveStaticFile(root: string, pathname: string, req: IncomingMessage, res: ServerResponse, https = false): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (pathname === '/' || pathname.endsWith('/')) return false;
  // Pages have no extension of these: they are told apart before touching the path or the disk.
  const type = TYPES[extname(pathname)];
  if (!type) return false;
  const file = normalize(join(root, pathname));
  if (!file.startsWith(root + sep)) return false;
  let size: number;
  let modified: Date;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return false;
    size = stat.size;
    modified = stat.mtime;
  } catch {
    return false;
  }
  const lastModified = modified.toUTCString();
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', pathname.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
  res.setHeader('Last-Modified', lastModified);
  for (const [name, value] of securityHeaders(https)) res.setHeader(name, value);
  if (req.headers['if-modified-since'] === lastModified) {
    res.writeHead(304).end();
    return true;
  }
  res.setHeader('Content-Length', size);
  if (req.method === 'HEAD') {
    res.writeHead(200).end();
    return true;
  }
  res.writeHead(200);
  createReadStream(file).pipe(res);
  return true;
}
