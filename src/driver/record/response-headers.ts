// Reads the few response headers the drill cares about straight from undici's raw header list
// (alternating name, value Buffers), without building a header object per response: a name is
// only decoded when its length matches one we look for.

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
  /** platform.downstream `fromHeader` values, by the index of the header given to HeaderReader. */
  downstream?: (number | null)[];
}

/**
 * Clears the facts of a reused sample: before reading a response, and when a request ended without
 * an HTTP answer (nothing was said). The downstream values keep their slots, emptied.
 */
export function clearResponseFacts(out: ResponseFacts): void {
  out.billedMs = null;
  out.initMs = null;
  out.coldStart = false;
  out.layer = null;
  out.retryAfter = false;
  out.downstream?.fill(null);
}

type Field = 'billed' | 'emuBilled' | 'initMs' | 'coldStart' | 'layer' | 'retryAfter' | number;

export class HeaderReader {
  private readonly names = new Map<string, Field>();
  private readonly lengths = new Set<number>();

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
    this.add('retry-after', 'retryAfter');
    if (billedHeader) this.add(billedHeader.toLowerCase(), 'billed');
  }

  private add(name: string, field: Field): void {
    this.names.set(name, field);
    this.lengths.add(name.length);
  }

  /** Fills `out` from `raw`. The configured billed header wins over the emulator's. */
  read(raw: readonly (Buffer | string)[] | null | undefined, out: ResponseFacts): void {
    clearResponseFacts(out);
    if (this.downstream.length > 0 && out.downstream?.length !== this.downstream.length)
      out.downstream = this.downstream.map(() => null);
    if (!raw) return;
    let emuBilled: number | null = null;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!;
      if (!this.lengths.has(name.length)) continue;
      const field = this.names.get(name.toString().toLowerCase());
      if (field === undefined) continue;
      const value = raw[i + 1]!.toString();
      if (typeof field === 'number') {
        if (out.downstream) out.downstream[field] = toNumber(value);
      } else if (field === 'billed') out.billedMs = toNumber(value);
      else if (field === 'emuBilled') emuBilled = toNumber(value);
      else if (field === 'initMs') out.initMs = toNumber(value);
      else if (field === 'coldStart') out.coldStart = value === '1' || value.toLowerCase() === 'true';
      else if (field === 'layer') out.layer = value;
      else out.retryAfter = true;
    }
    if (out.billedMs === null) out.billedMs = emuBilled;
  }
}

function toNumber(value: string): number | null {
  const n = Number.parseFloat(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}
