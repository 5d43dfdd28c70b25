// The open-loop engine against a local HTTPS server (issue 18): a self-signed certificate made
// here with openssl, trusted through DriverOptions.trustedCaPem. Its cold start used to open
// hundreds of connections whose TLS handshakes (1-3 ms of the server's CPU each) starved the
// server. Now it pre-opens what the round trip needs, a few handshakes at once, and reuses them.
// The server's own counts: TLS connections, resumed sessions, requests. Accounting and a cap on
// connections hold on every run; Little's bound and the per-second rate only on a quiet run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDriver } from '../../src/driver/index.js';
import { quietRun } from '../helpers/quiet.js';
import { phases, testScenario } from '../helpers/scenario.js';

/** A key and a self-signed certificate for 127.0.0.1, or null without openssl. */
function selfSigned(): { key: string; cert: string } | null {
  const dir = mkdtempSync(join(tmpdir(), 'dowdrill-https-test-'));
  try {
    const r = spawnSync('openssl', [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1'],
      ...['-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')],
    ]);
    if (r.status !== 0) return null;
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const tls = selfSigned();
let server: Server;
let url = '';
const counts = { tcpConnections: 0, tlsConnections: 0, resumed: 0, requests: 0 };
const arrivalsEpochMs: number[] = [];

beforeAll(async () => {
  if (!tls) return;
  server = createServer(tls, (_req, res) => {
    counts.requests++;
    arrivalsEpochMs.push(performance.timeOrigin + performance.now());
    res.end('ok');
  });
  server.on('connection', () => counts.tcpConnections++);
  server.on('secureConnection', (s: TLSSocket) => {
    counts.tlsConnections++;
    if (s.isSessionReused()) counts.resumed++;
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  if (!tls) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe.skipIf(!tls)('open-loop cold start over https', () => {
  it('1,000/s from cold: few TLS connections, every arrival accounted for', async () => {
    const ratePerSec = 1000;
    const scenario = testScenario({ url, phases: phases({ durationMs: 2000, ratePerSec }) });
    const obs = await runDriver({
      scenario,
      targetUrl: url,
      allowedHosts: ['127.0.0.1'],
      trustedCaPem: tls?.cert,
    });
    const p99Ms = obs.latency['2xx']?.p99Ms ?? Number.POSITIVE_INFINITY;
    const bound = 2 * ratePerSec * (p99Ms / 1000) + 8;
    const maxMs = obs.latency['2xx']?.maxMs ?? Number.POSITIVE_INFINITY;
    const littleAtMax = 2 * ratePerSec * (maxMs / 1000) + 8;
    const perSecond = [0, 0];
    for (const t of arrivalsEpochMs) {
      const i = Math.floor((t - obs.startedAtMs) / 1000);
      if (i >= 0 && i < 2) perSecond[i]! += 1;
    }
    const report = `connections ${counts.tcpConnections}, TLS ${counts.tlsConnections} (${counts.resumed} resumed; issue 18's goal ${bound.toFixed(1)} at p99 ${p99Ms} ms: ${counts.tcpConnections <= bound ? 'met' : 'not met'}; ${littleAtMax.toFixed(1)} at the slowest, ${maxMs} ms; pre-opened ${obs.driver.preopened}); server per-second ${perSecond.join(' ')}`;
    // Every connection was the drill's, within Little's bound (one still in its handshake when the
    // drill ended has no TLS yet); the certificate was trusted (every request answered 200).
    expect(counts.tcpConnections, report).toBe(obs.driver.connections);
    expect(counts.tlsConnections, report).toBeLessThanOrEqual(counts.tcpConnections);
    // No handshake storm on any run (the old pool opened ~290 at 2,000/s)…
    expect(counts.tcpConnections, report).toBeLessThanOrEqual(ratePerSec / 4);
    expect(obs.driver.preopened, report).toBeGreaterThanOrEqual(1);
    expect(obs.driver.preopened, report).toBeLessThanOrEqual(obs.driver.connections);
    expect(obs.totals.byStatus['200'] ?? 0, report).toBe(obs.totals.sent);
    // Accounting: nothing outside the plan reached the server, nothing lost.
    expect(obs.totals.sent + obs.driver.dropped).toBe(2 * ratePerSec);
    expect(counts.requests).toBe(obs.totals.sent);
    console.info(`[driver-https] ${report}`);
    if (!quietRun(obs)) return;
    // …and Little's bound at the slowest answer when the clock can be trusted (the pre-open is
    // sized on the measured handshake round trip, a time a busy machine stretches). Issue 18's
    // goal, the bound at p99, is printed: not met on every run yet (19 at 16.8 in a fresh-clone
    // CI run, 15 of them pre-opened: the handshake round trip is slower than the drill's p99).
    expect(counts.tcpConnections, report).toBeLessThanOrEqual(littleAtMax);
    for (const [i, n] of perSecond.entries()) {
      expect(Math.abs(n - ratePerSec), `second ${i}: ${report}`).toBeLessThanOrEqual(ratePerSec * 0.02);
    }
    expect(obs.driver.dropped).toBe(0);
  });
});
