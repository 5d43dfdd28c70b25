// Real proxies from Debian started by a test on loopback: HAProxy (a per-server connection cap
// that QUEUES the excess) and nginx (limit_req, a real rate limiter). Each gets a free port from
// the OS, its own config in a temporary folder, and is stopped by its pid. `available()` is false
// when the binary is missing (.ci/run installs both).

import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function available(binary: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export interface RunningProxy {
  url: string;
  stop(): Promise<void>;
}

export async function waitListening(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const { connect } = await import('node:net');
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`proxy exited ${child.exitCode}: ${stderr()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`proxy not listening on ${port}: ${stderr()}`);
}

export function startProcess(cmd: string, args: string[]): { child: ChildProcess; stderr: () => string } {
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (b: Buffer) => {
    err += b.toString();
  });
  return { child, stderr: () => err };
}

export function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** The global and defaults sections every HAProxy the tests start shares. */
export const HAPROXY_HEAD = `global
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
`;

/**
 * HAProxy in front of 127.0.0.1:backendPort with `maxconn` connections to it; the rest queue
 * (`queue`: at most `maxqueue` waiting, each at most `timeoutSec`; beyond, HAProxy answers 503).
 */
export async function startHaproxy(
  backendPort: number,
  maxconn: number,
  queue: { timeoutSec?: number; maxqueue?: number } = {},
): Promise<RunningProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'dowdrill-haproxy-'));
  const port = await freePort();
  const cfg = join(dir, 'haproxy.cfg');
  writeFileSync(
    cfg,
    `${HAPROXY_HEAD}  timeout queue ${queue.timeoutSec ?? 30}s
frontend f
  bind 127.0.0.1:${port}
  default_backend b
backend b
  server b 127.0.0.1:${backendPort} maxconn ${maxconn}${queue.maxqueue === undefined ? '' : ` maxqueue ${queue.maxqueue}`}
`,
  );
  const { child, stderr } = startProcess('haproxy', ['-db', '-f', cfg]);
  await waitListening(port, child, stderr);
  return { url: `http://127.0.0.1:${port}`, stop: stopper(child) };
}

/** nginx proxying to the backend behind `limit_req rate=<ratePerSec>r/s burst=<burst> nodelay`; rejections 429. */
export async function startNginxLimit(
  backendPort: number,
  ratePerSec: number,
  burst: number,
  /**
   * `nodelay` (the default), `delay=N`, '' (every excess request waits its turn), or `off` (no
   * limit_req in the location: the same proxy with its limiter taken out).
   */
  mode = 'nodelay',
): Promise<RunningProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'dowdrill-nginx-'));
  const port = await freePort();
  const cfg = join(dir, 'nginx.conf');
  writeFileSync(
    cfg,
    `daemon off;
master_process off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir};
  proxy_temp_path ${dir};
  fastcgi_temp_path ${dir};
  uwsgi_temp_path ${dir};
  scgi_temp_path ${dir};
  limit_req_zone $binary_remote_addr zone=one:1m rate=${ratePerSec}r/s;
  limit_req_status 429;
  upstream b { server 127.0.0.1:${backendPort}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / {
${mode === 'off' ? '' : `      limit_req zone=one burst=${burst} ${mode};\n`}      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_pass http://b;
    }
  }
}
`,
  );
  const { child, stderr } = startProcess('nginx', ['-c', cfg, '-p', dir, '-e', join(dir, 'error.log')]);
  await waitListening(port, child, stderr);
  return { url: `http://127.0.0.1:${port}`, stop: stopper(child) };
}
