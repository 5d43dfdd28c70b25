// Planted secrets in every place a scenario can hold one (the target's host, a request's path,
// query, headers and body) never reach an output in any transformed form: as written, lower or
// upper case, URL-encoded, form-encoded, JSON-escaped, punycode, base64. Each row runs the spawned
// bin and greps stdout, stderr and every report file.

import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { domainToASCII } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasStackTrace } from '../helpers/helpers.js';
import { ALL_FORMATS } from '../helpers/report-files.js';
import { runBin } from '../helpers/spawn-bin.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

const hex = (n: number) => randomBytes(n).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'dowdrill-secret-forms-'));
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ keepHeaders: ['authorization', 'x-note'] });
});
afterAll(async () => {
  await server.close();
});

/** The forms a secret may take in an output (the test's own list, independent of src/redact.ts). */
function formsOf(secret: string): string[] {
  const b = Buffer.from(secret, 'utf8');
  return [
    secret,
    secret.slice(0, 12),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    new URLSearchParams({ s: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
    domainToASCII(secret),
    b.toString('base64').replace(/=+$/, ''),
    b.toString('base64url'),
  ].filter((f) => f.length >= 6);
}

/** The forms of `secret` found in `text`, case-insensitively. */
function leaks(text: string, secret: string): string[] {
  const lower = text.toLowerCase();
  return formsOf(secret).filter((f) => lower.includes(f.toLowerCase()));
}

function filesIn(outDir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(outDir).map((f) => [f, readFileSync(join(outDir, f), 'utf8')]));
}

const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const traffic = (request: string) => `traffic:
  phases: [{ type: constant, rate: 20/s, duration: 1s }]
  requests:
    - ${request}
safety: { maxRequests: 100, maxDuration: 10s }
`;

// biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${env:...} reference, on purpose
const REF = '${env:DOWDRILL_FORM_SECRET}';

// [where, the secret, how the scenario holds REF]
const mixed = () => `MiXeD-${hex(10).toUpperCase()}-k`;
const special = () => `Sp ace/${hex(8)}+&="x\\ü`;
const unicode = () => `ÜnÏ-${hex(8)}`;

describe('a secret in the target host: validate, plan, cost and run refuse without echoing it', () => {
  it.each([
    ['mixed case (shown lower-cased by URL parsing)', mixed()],
    ['unicode (shown as punycode)', unicode()],
  ])('%s', async (_name, secret) => {
    const file = write(
      `host-${hex(4)}.yaml`,
      `name: host-secret
target: { url: "http://\${env:DOWDRILL_FORM_SECRET}.example.test:9/", allowedHosts: [127.0.0.1] }
${traffic('{ path: / }')}`,
    );
    for (const cmd of [['validate'], ['plan'], ['cost'], ['cost', '--json'], ['run', '--json']]) {
      const r = await runBin([...cmd, file], { env: { DOWDRILL_FORM_SECRET: secret } });
      const label = cmd.join(' ');
      expect(r.code, label).toBe(2);
      expect(r.stderr, label).toMatch(/host "\[REDACTED\]\.example\.test" is not in allowedHosts/);
      expect(hasStackTrace(r.stderr), label).toBe(false);
      expect(leaks(r.stdout + r.stderr, secret), label).toEqual([]);
    }
  });
});

describe('a secret in a request: the drill sends it, no output shows it', () => {
  it.each([
    ['path', mixed(), `{ path: "/items/${REF}" }`],
    ['query', special(), `{ path: /q, query: { t: "${REF}" } }`],
    ['header', special(), `{ path: /h, headers: { x-note: "${REF}" } }`],
    ['authorization', mixed(), `{ path: /a, headers: { authorization: "Basic ${REF}" } }`],
    ['body', special(), `{ method: POST, path: /b, body: "{\\"t\\": \\"${REF}\\"}" }`],
  ])('%s', async (where, secret, request) => {
    const file = write(
      `req-${where}.yaml`,
      `name: "req-secret-${where}"
target: { url: "${server.url}/", allowedHosts: [127.0.0.1] }
${traffic(request)}`,
    );
    const env = { DOWDRILL_FORM_SECRET: secret };
    const out = join(dir, `out-${where}`);
    const before = server.seen.length;
    const runs = {
      run: await runBin(['run', file, '--out', out, '--report', ALL_FORMATS], { env }),
      'run --json': await runBin(['run', file, '--quiet', '--json'], { env }),
      'plan --json': await runBin(['plan', '--json', file], { env }),
      'cost --json': await runBin(['cost', '--json', file], { env }),
    };
    const outputs: Record<string, string> = { ...filesIn(out) };
    for (const [label, r] of Object.entries(runs)) {
      // The scenario expects nothing: a drill says so (4, "nothing was tested"); plan and cost are 0.
      expect(r.code, `${label}: ${r.stderr}`).toBe(label.startsWith('run') ? 4 : 0);
      outputs[`${label} stdout`] = r.stdout;
      outputs[`${label} stderr`] = r.stderr;
    }
    expect(Object.keys(outputs).length).toBeGreaterThan(10);
    for (const [label, text] of Object.entries(outputs)) expect(leaks(text, secret), label).toEqual([]);
    // it was there to leak: the target received it
    const seen = server.seen.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    const received = JSON.stringify(seen.map((s) => [decodeURIComponent(s.path), s.headers]));
    if (where !== 'body') expect(received).toContain(JSON.stringify(secret).slice(1, -1));
  });
});
