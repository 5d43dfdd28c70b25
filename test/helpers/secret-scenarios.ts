// Scenarios with planted secrets, for the redaction tests: a random token through the
// environment (${env:DOWDRILL_SECRET_TOKEN}) in headers, a query value, a path, a phase name and
// the description, plus literal API keys (identities) and a literal cookie written in the file.

import { randomBytes } from 'node:crypto';

const hex = (n: number) => randomBytes(n).toString('hex');

export interface Planted {
  /** DOWDRILL_SECRET_TOKEN: short enough to be quoted whole in an error message. */
  token: string;
  /** DOWDRILL_LONG_SECRET: long enough that an error message would cut it short. */
  long: string;
  /** DOWDRILL_QUOTED_SECRET: a quote and a backslash in it, escaped when a message quotes it. */
  quoted: string;
  apiKeys: [string, string];
  cookie: string;
  env: Record<string, string>;
  /** Every planted value. */
  all: string[];
}

export function plantSecrets(): Planted {
  const token = `s3cr3t-${hex(16)}`;
  const long = `l0ng-${hex(48)}`;
  const quoted = `q"u\\o-${hex(12)}`;
  const apiKeys: [string, string] = [`ak-${hex(12)}`, `ak-${hex(12)}`];
  const cookie = `ck-${hex(12)}`;
  return {
    token,
    long,
    quoted,
    apiKeys,
    cookie,
    env: { DOWDRILL_SECRET_TOKEN: token, DOWDRILL_LONG_SECRET: long, DOWDRILL_QUOTED_SECRET: quoted },
    all: [token, long, quoted, ...apiKeys, cookie],
  };
}

/**
 * The planted values found in `text`: whole, JSON-escaped, or their first 12 characters (an echo
 * cut short by a message).
 */
export function leaksIn(text: string, planted: readonly string[]): string[] {
  return planted.filter((v) =>
    [v, JSON.stringify(v).slice(1, -1)].some(
      (form) => text.includes(form) || text.includes(form.slice(0, 12)),
    ),
  );
}

/** The `traffic` block every secret scenario shares (YAML, two-space indent under `traffic:`). */
export function secretTraffic(p: Planted): string {
  return `traffic:
  phases:
    - { type: constant, name: "warm-\${env:DOWDRILL_SECRET_TOKEN}", rate: 100/s, duration: 1s }
  requests:
    - path: "/items/\${env:DOWDRILL_SECRET_TOKEN}"
      query: { token: "\${env:DOWDRILL_SECRET_TOKEN}", page: "{{seq}}" }
      headers:
        authorization: "Bearer \${env:DOWDRILL_SECRET_TOKEN}"
        x-api-key: "\${env:DOWDRILL_SECRET_TOKEN}"
        x-long: "\${env:DOWDRILL_LONG_SECRET}"
        cookie: "session=${p.cookie}; theme=dark"
  identities:
    count: 2
    apiKey: { header: x-api-key, values: [${p.apiKeys.join(', ')}] }
`;
}

export function emulatorScenario(p: Planted, reportLog: string): string {
  return `version: 1
name: secret-drill
description: "a drill owned by \${env:DOWDRILL_SECRET_TOKEN}"
target:
  emulator: { profile: aws-rest, function: { duration: { distribution: fixed, ms: 5 } } }
  reportLog: ${reportLog}
${secretTraffic(p)}expect:
  budget: { perMonth: 1000000 }
safety: { maxRequests: 1000, maxDuration: 20s }
`;
}

export function urlScenario(p: Planted, url: string): string {
  return `version: 1
name: secret-drill-url
description: "a drill owned by \${env:DOWDRILL_SECRET_TOKEN}"
target: { url: "${url}/", allowedHosts: [127.0.0.1] }
${secretTraffic(p)}expect:
  budget: { perMonth: 1000000 }
safety: { maxRequests: 1000, maxDuration: 20s }
`;
}

/** Invalid in several places, a secret inside each invalid value, plus an unknown key. */
export function invalidScenario(p: Planted): string {
  return `version: 1
name: secret-invalid
target: { emulator: { profile: aws-rest } }
traffic:
  bogusKey: "\${env:DOWDRILL_SECRET_TOKEN}"
  phases:
    - { type: constant, rate: "\${env:DOWDRILL_SECRET_TOKEN}", duration: 1s }
    - { type: constant, rate: 10/s, duration: "\${env:DOWDRILL_LONG_SECRET}" }
    - { type: constant, rate: "\${env:DOWDRILL_QUOTED_SECRET}", duration: 1s }
    - { type: ramp, from: "\${env:DOWDRILL_LONG_SECRET}", to: 10/s, duration: "\${env:DOWDRILL_SECRET_TOKEN}" }
  requests:
    - method: "\${env:DOWDRILL_SECRET_TOKEN}"
      headers: { cookie: "session=${p.cookie}" }
  identities:
    rotation: "\${env:DOWDRILL_SECRET_TOKEN}"
    apiKey: { values: [${p.apiKeys.join(', ')}] }
`;
}

/** Valid schema, but cross-field rules fail (phases above the caps, an untestable limit). */
export function ruleBreakingScenario(p: Planted): string {
  return `version: 1
name: "rules-\${env:DOWDRILL_SECRET_TOKEN}"
target: { emulator: { profile: aws-rest } }
${secretTraffic(p)}expect:
  rateLimit: { rate: 1000/s }
safety: { maxRequests: 10, maxDuration: 20s }
`;
}
