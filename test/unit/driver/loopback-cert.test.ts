import { X509Certificate } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackCert } from '../../../src/driver/loopback-cert.js';

const NOW = Date.UTC(2026, 11, 3, 15, 0, 0);
const cert = loopbackCert();
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer({ key: cert.keyPem, cert: cert.certPem }, (_req, res) => res.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A TLS handshake to the server on 127.0.0.1 trusting `ca`: 'authorized' or the verify error's code. */
function handshake(ca: string[] | undefined): Promise<string> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port, ...(ca ? { ca } : {}) }, () => {
      resolve(s.authorized ? 'authorized' : 'unauthorized');
      s.end();
    });
    s.on('error', (e: Error & { code?: string }) => resolve(e.code ?? e.message));
  });
}

describe('loopbackCert: a self-signed X.509 v3 certificate for 127.0.0.1, made in memory', () => {
  it('parses, is signed by its own key, names 127.0.0.1 as CN and IP SAN, and is valid a day either side', () => {
    const x = new X509Certificate(loopbackCert(NOW).certPem);
    expect(x.subject).toBe('CN=127.0.0.1');
    expect(x.issuer).toBe('CN=127.0.0.1');
    expect(x.subjectAltName).toBe('IP Address:127.0.0.1');
    expect(x.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(x.checkIP('10.0.0.1')).toBeUndefined();
    expect(x.ca).toBe(true);
    expect(x.verify(x.publicKey)).toBe(true);
    expect(new Date(x.validFrom).getTime()).toBe(NOW - 86_400_000);
    expect(new Date(x.validTo).getTime()).toBe(NOW + 86_400_000);
  });

  it('another call makes another key: one certificate does not verify the other', () => {
    const a = new X509Certificate(loopbackCert().certPem);
    const b = new X509Certificate(loopbackCert().certPem);
    expect(a.verify(b.publicKey)).toBe(false);
    expect(a.serialNumber).not.toBe(b.serialNumber);
  });

  it('an https server with it completes a verified handshake when it is trusted, and only then', async () => {
    expect(await handshake([cert.certPem])).toBe('authorized');
    expect(await handshake(undefined)).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(await handshake([loopbackCert().certPem])).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
  });
});
