// The request mix and identity rotation: given a sequence number, which request goes out, as
// whom. Pure and seeded; the driver calls `next()` once per arrival. Request `seq` draws from a
// stream of its own (random.ts randomFor), so it is a pure function of (seed, seq): a shard that
// sends arrival k draws only arrival k, and gets what the single-machine run sends as request k.

import type { Identities, RequestTemplate } from '../model.js';
import { type Random, randomFor, randomHexId } from './random.js';
import {
  type CompiledTemplate,
  compileTemplate,
  fillTemplate,
  isStatic,
  type TemplateValues,
} from './template.js';

export interface PreparedRequest {
  method: string;
  /** Path plus query string. */
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  /** Index into the mix. */
  templateIndex: number;
  /** Identity index, or -1 when the scenario has no identities. */
  identityIndex: number;
}

interface CompiledRequest {
  method: string;
  path: CompiledTemplate;
  query: [string, CompiledTemplate][];
  headers: [string, CompiledTemplate][];
  body: CompiledTemplate | null;
  needsRandomId: boolean;
}

export interface RequestPicker {
  next(seq: number, phaseName: string): PreparedRequest;
}

export function createRequestPicker(
  templates: readonly RequestTemplate[],
  identities: Identities | null,
  seed = 1,
): RequestPicker {
  const compiled = templates.map(compileRequest);
  const cumulative = cumulativeWeights(templates.map((t) => t.weight));
  const identityHeaders = identities ? buildIdentityHeaders(identities) : [];
  return {
    next(seq, phaseName) {
      const random = randomFor(seed, seq);
      const templateIndex = pickWeighted(cumulative, random);
      const identityIndex = identities ? pickIdentity(identities, seq, random) : -1;
      const c = compiled[templateIndex]!;
      const values: TemplateValues = {
        seq: String(seq),
        randomId: c.needsRandomId ? randomHexId(random) : '',
        identity: String(Math.max(identityIndex, 0)),
        phase: phaseName,
      };
      const headers: Record<string, string> = {};
      for (const [k, v] of c.headers) headers[k] = fillTemplate(v, values);
      if (identityIndex >= 0) Object.assign(headers, identityHeaders[identityIndex]);
      return {
        method: c.method,
        path: buildPath(c, values),
        headers,
        body: c.body ? fillTemplate(c.body, values) : undefined,
        templateIndex,
        identityIndex,
      };
    },
  };
}

/**
 * The identity request `seq` carries (-1 without identities), as `next(seq, …)` draws it (the same
 * draws in the same order: the template pick, then the identity), without building the request.
 */
export function createIdentityOf(
  templates: readonly RequestTemplate[],
  identities: Identities | null,
  seed = 1,
): (seq: number) => number {
  if (!identities) return () => -1;
  const picksTemplate = templates.length > 1;
  return (seq) => {
    const random = randomFor(seed, seq);
    if (picksTemplate) random();
    return pickIdentity(identities, seq, random);
  };
}

function compileRequest(t: RequestTemplate): CompiledRequest {
  const path = compileTemplate(t.path);
  const query = Object.entries(t.query).map(
    ([k, v]) => [k, compileTemplate(v)] as [string, CompiledTemplate],
  );
  const headers = Object.entries(t.headers).map(
    ([k, v]) => [k, compileTemplate(v)] as [string, CompiledTemplate],
  );
  const body = t.body === null ? null : compileTemplate(t.body);
  const all = [path, ...query.map((q) => q[1]), ...headers.map((h) => h[1]), ...(body ? [body] : [])];
  const needsRandomId = all.some(
    (c) => !isStatic(c) && c.some((p) => typeof p !== 'string' && p.variable === 'randomId'),
  );
  return { method: t.method, path, query, headers, body, needsRandomId };
}

function buildPath(c: CompiledRequest, values: TemplateValues): string {
  const path = fillTemplate(c.path, values);
  if (c.query.length === 0) return path;
  const qs = c.query.map(
    ([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(fillTemplate(v, values))}`,
  );
  return `${path}${path.includes('?') ? '&' : '?'}${qs.join('&')}`;
}

function cumulativeWeights(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => {
    acc += w / total;
    return acc;
  });
}

function pickWeighted(cumulative: readonly number[], random: Random): number {
  if (cumulative.length === 1) return 0;
  const r = random();
  for (let i = 0; i < cumulative.length; i++) if (r < cumulative[i]!) return i;
  return cumulative.length - 1;
}

/**
 * round-robin: identity = seq mod count. random: uniform. hot-key: identity 0 gets `hotKeyShare`
 * of the requests, the rest are spread round-robin over the others (one noisy key among quiet ones).
 */
export function pickIdentity(ids: Identities, seq: number, random: Random): number {
  if (ids.count <= 1) return 0;
  switch (ids.rotation) {
    case 'round-robin':
      return seq % ids.count;
    case 'random':
      return Math.floor(random() * ids.count);
    case 'hot-key':
      return random() < ids.hotKeyShare ? 0 : 1 + (seq % (ids.count - 1));
  }
}

function buildIdentityHeaders(ids: Identities): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (let i = 0; i < ids.count; i++) {
    const h: Record<string, string> = {};
    for (const f of ids.fields) h[f.header] = `${f.prefix}${f.values[i % f.values.length] ?? ''}`;
    out.push(h);
  }
  return out;
}

/** A label for identity i that never shows its value: `api-key#3`. */
export function identityLabel(ids: Identities | null, i: number): string {
  if (!ids || i < 0) return 'anonymous';
  const kind = ids.fields[0]?.kind ?? 'identity';
  return `${kind}#${i}`;
}
