import type { ServerResponse } from 'node:http';
import { LAYER_NAMES } from './layers.js';
import type { ResponseSpec } from './profiles.js';
import type { StatsRecorder } from './stats.js';

// Every answer is precomputed at start: the body as a Buffer and the constant headers as a flat
// [name, value, …] array, so the hot path only appends the per-request headers and writes.

interface PreparedResponse {
  status: number;
  body: Buffer;
  headers: readonly string[];
}

export class Responder {
  private readonly prepared: readonly PreparedResponse[];

  constructor(
    specs: readonly ResponseSpec[],
    private readonly stats: StatsRecorder,
  ) {
    this.prepared = specs.map((spec, layer) => prepare(spec, LAYER_NAMES[layer] ?? 'unknown'));
  }

  /** Answers as `layer` would; `extra` holds per-request header pairs (billed duration, …). */
  send(res: ServerResponse, layer: number, requestId: string, extra?: readonly string[]): void {
    const prepared = this.prepared[layer]!;
    this.stats.countStatus(prepared.status);
    // The client may have gone away while the function ran; the function is billed regardless.
    if (res.destroyed || res.headersSent) return;
    const headers = prepared.headers.concat('x-emu-request-id', requestId);
    if (extra) for (const value of extra) headers.push(value);
    res.writeHead(prepared.status, headers);
    res.end(prepared.body);
  }
}

function prepare(spec: ResponseSpec, layerName: string): PreparedResponse {
  const body = Buffer.from(spec.body);
  return {
    status: spec.status,
    body,
    headers: [
      'content-type',
      'application/json',
      'content-length',
      String(body.length),
      'x-emu-layer',
      layerName,
      'x-emu-billed',
      spec.billed,
      ...(spec.headers ?? []),
    ],
  };
}
