// Reads the few response headers the drill cares about straight from the parser's flat header list
// (alternating names and values: strings from the open-loop parser, Buffers or strings elsewhere),
// without building a header object per response: a name is compared character by character
// (case-folded) only when its length matches one we look for, and the rate-limit headers are kept
// as references to their values (decoded only when sampled).

import { LIMIT_HEADER_NAMES } from './limit-header-sample.js';

/** Headers the embedded emulator sends; a staging function may send the billed one under its own name. */
export const EMULATOR_HEADERS = {
  billedMs: 'x-emu-billed-duration-ms',
  initMs: 'x-emu-init-duration-ms',
  coldStart: 'x-emu-cold-start',
  layer: 'x-emu-layer',
} as const;

export interface ResponseFacts {
  billedMs: number | null;
  initMs: number | null;
  coldStart: boolean;
  layer: string | null;
  retryAfter: boolean;
  /**
   * The rate-limit headers' raw values by LIMIT_HEADER_NAMES index (references, not copies),
   * valid when `limitHeaderCount` > 0; the array is allocated once, on the first such header.
   */
  limitValues?: (Buffer | string | null)[];
  /** How many of LIMIT_HEADER_NAMES this response carried. */
  limitHeaderCount?: number;
  /** platform.downstream `fromHeader` values, by the index of the header given to HeaderReader. */
  downstream?: (number | null)[];
}

/**
 * Clears the facts of a reused sample: before reading a response, and when a request ended without
 * an HTTP answer (nothing was said). The downstream and rate-limit values keep their slots, emptied.
 */
export function clearResponseFacts(out: ResponseFacts): void {
  out.billedMs = null;
  out.initMs = null;
  out.coldStart = false;
  out.layer = null;
  out.retryAfter = false;
  out.downstream?.fill(null);
  if (out.limitHeaderCount) {
    out.limitHeaderCount = 0;
    out.limitValues?.fill(null);
  }
}

/** A number is a platform.downstream header's index; `{ limit }` a LIMIT_HEADER_NAMES index. */
type Field = 'billed' | 'emuBilled' | 'initMs' | 'coldStart' | 'layer' | number | { limit: number };

export class HeaderReader {
  /** Names looked for, by length: [lower-case name, field]. */
  private readonly byLength = new Map<number, [string, Field][]>();

  /** Names of the platform.downstream headers, in the order their values are reported. */
  readonly downstream: readonly string[];

  /**
   * `billedHeader`: scenario.platform.billedDuration.header when its source is 'header'.
   * `downstreamHeaders`: the platform.downstream `fromHeader` names (lower-case).
   */
  constructor(billedHeader: string | null, downstreamHeaders: readonly string[] = []) {
    this.downstream = downstreamHeaders;
    downstreamHeaders.forEach((name, index) => {
      this.add(name, index);
    });
    this.add(EMULATOR_HEADERS.billedMs, 'emuBilled');
    this.add(EMULATOR_HEADERS.initMs, 'initMs');
    this.add(EMULATOR_HEADERS.coldStart, 'coldStart');
    this.add(EMULATOR_HEADERS.layer, 'layer');
    LIMIT_HEADER_NAMES.forEach((name, limit) => {
      this.add(name, { limit });
    });
    if (billedHeader) this.add(billedHeader.toLowerCase(), 'billed');
  }

  private add(name: string, field: Field): void {
    const list = this.byLength.get(name.length) ?? [];
    const at = list.findIndex(([n]) => n === name);
    if (at >= 0) list[at] = [name, field];
    else list.push([name, field]);
    this.byLength.set(name.length, list);
  }

  private fieldOf(name: Buffer | string): Field | undefined {
    const list = this.byLength.get(name.length);
    if (!list) return undefined;
    for (const [want, field] of list) if (sameName(name, want)) return field;
    return undefined;
  }

  /** Fills `out` from `raw`. The configured billed header wins over the emulator's. */
  read(raw: readonly (Buffer | string)[] | null | undefined, out: ResponseFacts): void {
    clearResponseFacts(out);
    if (this.downstream.length > 0 && out.downstream?.length !== this.downstream.length)
      out.downstream = this.downstream.map(() => null);
    if (!raw) return;
    let emuBilled: number | null = null;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const field = this.fieldOf(raw[i]!);
      if (field === undefined) continue;
      if (typeof field === 'object') {
        readLimit(out, field.limit, raw[i + 1]!);
        continue;
      }
      const value = raw[i + 1]!.toString();
      if (typeof field === 'number') {
        if (out.downstream) out.downstream[field] = toNumber(value);
      } else if (field === 'billed') out.billedMs = toNumber(value);
      else if (field === 'emuBilled') emuBilled = toNumber(value);
      else if (field === 'initMs') out.initMs = toNumber(value);
      else if (field === 'coldStart') out.coldStart = value === '1' || value.toLowerCase() === 'true';
      else out.layer = value;
    }
    if (out.billedMs === null) out.billedMs = emuBilled;
  }
}

function readLimit(out: ResponseFacts, index: number, value: Buffer | string): void {
  out.limitValues ??= LIMIT_HEADER_NAMES.map(() => null);
  const values = out.limitValues;
  if (values[index] === null) out.limitHeaderCount = (out.limitHeaderCount ?? 0) + 1;
  values[index] = value;
  if (index === RETRY_AFTER) out.retryAfter = true;
}

const RETRY_AFTER = LIMIT_HEADER_NAMES.indexOf('retry-after');

/** `name` (any case) equals `lower` (lower-case ASCII, same length), without decoding a Buffer. */
function sameName(name: Buffer | string, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = typeof name === 'string' ? name.charCodeAt(i) : (name[i] ?? 0);
    const folded = c >= 65 && c <= 90 ? c + 32 : c;
    if (folded !== lower.charCodeAt(i)) return false;
  }
  return true;
}

function toNumber(value: string): number | null {
  const n = Number.parseFloat(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}
