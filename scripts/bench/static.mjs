// The reference: the portal's exact bytes served as static files, by nginx
// when we can have it, by a tiny node:http server otherwise (the report says which).
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, startChild, stopChild, waitUntilAnswering } from './processes.mjs';

const NGINX_PATHS = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx', '/usr/local/nginx/sbin/nginx'];

function findNginx() {
  return NGINX_PATHS.find((path) => existsSync(path)) ?? null;
}

/** As root on Debian we may install nginx; anyone else gets the fallback. */
function findOrInstallNginx() {
  const found = findNginx();
  if (found) return { path: found };
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    return { path: null, reason: 'nginx is not installed and installing it needs root and apt-get' };
  }
  console.error('[bench] nginx is missing: installing it with apt-get …');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // stdout to stderr: the benchmark's own standard output is the table.
  const stdio = ['ignore', 2, 2];
  spawnSync('apt-get', ['update'], { stdio, env });
  spawnSync('apt-get', ['install', '-y', 'nginx'], { stdio, env });
  const installed = findNginx();
  return installed ? { path: installed } : { path: null, reason: '`apt-get install -y nginx` did not install it' };
}

function nginxVersion(path) {
  const { stderr } = spawnSync(path, ['-v'], { encoding: 'utf8' });
  return stderr.match(/nginx\/[\d.]+/)?.[0] ?? 'nginx';
}

/** Everything nginx writes (pid, logs, temp files) stays inside dir. */
function nginxConfig(dir, wwwDir, port) {
  const temp = (name) => `${name}_temp_path ${join(dir, 'nginx-temp', name)};`;
  return `# Written by scripts/bench.mjs for one benchmark run.
daemon off;
worker_processes auto;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'nginx-error.log')} warn;

events {
  worker_connections 1024;
}

http {
  access_log off;
  # No mime.types: every file here is an HTML page.
  default_type text/html;
  # Same Content-Type as the portal sends.
  charset utf-8;
  sendfile on;
  tcp_nopush on;
  # The portal's own gzip bytes, written beside each file as <file>.gz: nginx
  # sends them to clients that accept gzip, compressing nothing itself, as the
  # portal sends the copy it made once.
  gzip_static on;
  gzip_vary on;
  # node keeps a connection for any number of requests; nginx's default (1000)
  # would make autocannon reconnect and cost nginx, not the portal, some speed.
  keepalive_requests 1000000;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}

  server {
    listen 127.0.0.1:${port};
    root ${wwwDir};
  }
}
`;
}

async function startNginx(nginxPath, dir, wwwDir) {
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  mkdirSync(join(dir, 'nginx-temp'), { recursive: true });
  writeFileSync(conf, nginxConfig(dir, wwwDir, port));
  // -e: without it nginx first opens /var/log/nginx/error.log, outside our folder.
  const child = startChild(nginxPath, ['-p', dir, '-c', conf, '-e', join(dir, 'nginx-error.log')], { logFile: join(dir, 'nginx.out') });
  return { child, origin: `http://127.0.0.1:${port}`, name: `${nginxVersion(nginxPath)} (worker_processes auto)` };
}

async function startNodeStatic(dir, wwwDir, reason) {
  const port = await freePort();
  const child = startChild(process.execPath, ['scripts/bench/static-server.mjs', wwwDir, String(port)], { logFile: join(dir, 'static.log') });
  return { child, origin: `http://127.0.0.1:${port}`, name: `node:http static server (nginx unavailable: ${reason})`, isNginx: false };
}

/**
 * Writes each page's bytes to dir/www/<file> (and its gzip bytes, when the
 * page has them, to <file>.gz) and serves that folder.
 * Returns { origin, name, isNginx }.
 */
export async function startStaticServer(dir, pages) {
  const wwwDir = join(dir, 'www');
  mkdirSync(wwwDir, { recursive: true });
  // nginx's workers run as an unprivileged user when started as root: they
  // must be able to enter the (0700) temporary folder and read the pages.
  chmodSync(dir, 0o755);
  for (const page of pages) {
    writeFileSync(join(wwwDir, page.file), page.body, { mode: 0o644 });
    if (page.gzip) writeFileSync(join(wwwDir, `${page.file}.gz`), page.gzip, { mode: 0o644 });
  }
  const probe = pages[0].file;

  const nginx = findOrInstallNginx();
  let reason = nginx.reason;
  if (nginx.path) {
    const server = await startNginx(nginx.path, dir, wwwDir);
    try {
      await waitUntilAnswering(`${server.origin}/${probe}`, server.child, { name: 'nginx', timeoutMs: 15_000 });
      return { ...server, isNginx: true };
    } catch (error) {
      await stopChild(server.child);
      reason = `it failed to start: ${error.message.split('\n').slice(0, 3).join(' ')}`;
    }
  }
  console.error(`[bench] falling back to a node:http static server: ${reason}`);
  const server = await startNodeStatic(dir, wwwDir, reason);
  await waitUntilAnswering(`${server.origin}/${probe}`, server.child, { name: 'The fallback static server', timeoutMs: 15_000 });
  return server;
}
