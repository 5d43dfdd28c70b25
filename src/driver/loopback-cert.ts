// A throwaway self-signed certificate for 127.0.0.1, made in memory: the https warm-up sink's
// (warm-up.ts), so a drill of an https target warms the TLS paths too, never touching the target.
// Node can make keys but not certificates, and a dependency or a shelled-out openssl for one
// certificate is more than the ~40 lines of DER below: an X.509 v3 certificate (RFC 5280 §4.1) with
// an EC P-256 key, ECDSA-SHA256, subject and issuer CN=127.0.0.1, a one-day validity either side of
// now, subjectAltName IP:127.0.0.1 (what Node checks for an IP host) and basicConstraints CA:TRUE
// (so it can be its own trust anchor). The key never leaves the process.

import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';

export interface LoopbackCert {
  keyPem: string;
  certPem: string;
}

const DAY_MS = 86_400_000;

function tlv(tag: number, content: Buffer): Buffer {
  const n = content.length;
  let len: Buffer;
  if (n < 0x80) len = Buffer.from([n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
    len = Buffer.from([0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([Buffer.from([tag]), len, content]);
}

const seq = (...parts: Buffer[]) => tlv(0x30, Buffer.concat(parts));

/** An OBJECT IDENTIFIER from its dotted form. */
function oid(dotted: string): Buffer {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a + b];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) groups.unshift(0x80 | (v & 0x7f));
    out.push(...groups);
  }
  return tlv(0x06, Buffer.from(out));
}

/** UTCTime YYMMDDHHMMSSZ (valid for years 1950-2049, as RFC 5280 requires up to 2049). */
function utcTime(ms: number): Buffer {
  const iso = new Date(ms).toISOString(); // 2026-12-03T15:04:05.000Z
  const t =
    iso.slice(2, 4) +
    iso.slice(5, 7) +
    iso.slice(8, 10) +
    iso.slice(11, 13) +
    iso.slice(14, 16) +
    iso.slice(17, 19);
  return tlv(0x17, Buffer.from(`${t}Z`, 'latin1'));
}

const ECDSA_SHA256 = seq(oid('1.2.840.10045.4.3.2'));
const NAME = seq(tlv(0x31, seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from('127.0.0.1')))));
const EXTENSIONS = tlv(
  0xa3,
  seq(
    // subjectAltName: iPAddress [7] 127.0.0.1
    seq(oid('2.5.29.17'), tlv(0x04, seq(tlv(0x87, Buffer.from([127, 0, 0, 1]))))),
    // basicConstraints: cA TRUE
    seq(oid('2.5.29.19'), tlv(0x04, seq(tlv(0x01, Buffer.from([0xff]))))),
  ),
);

export function loopbackCert(nowMs = Date.now()): LoopbackCert {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serial = randomBytes(8);
  serial[0] = (serial[0] ?? 0) & 0x7f; // a positive INTEGER
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))), // version v3
    tlv(0x02, serial),
    ECDSA_SHA256,
    NAME,
    seq(utcTime(nowMs - DAY_MS), utcTime(nowMs + DAY_MS)),
    NAME,
    publicKey.export({ type: 'spki', format: 'der' }),
    EXTENSIONS,
  );
  const signature = sign('sha256', tbs, privateKey); // DER ECDSA-Sig-Value
  const der = seq(tbs, ECDSA_SHA256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return {
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    certPem: `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`,
  };
}
