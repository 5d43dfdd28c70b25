import { describe, expect, it } from 'vitest';
import { HeaderReader, type ResponseFacts } from '../../../../src/driver/record/response-headers.js';

function read(raw: string[], billedHeader: string | null = null): ResponseFacts {
  const out: ResponseFacts = { billedMs: 7, initMs: 7, coldStart: true, layer: 'stale', retryAfter: true };
  new HeaderReader(billedHeader).read(
    raw.map((s) => Buffer.from(s)),
    out,
  );
  return out;
}

describe('HeaderReader', () => {
  it('resets everything when the response says nothing', () => {
    expect(read(['content-type', 'text/plain'])).toEqual({
      billedMs: null,
      initMs: null,
      coldStart: false,
      layer: null,
      retryAfter: false,
    });
  });

  it('reads the emulator headers, any case', () => {
    expect(
      read([
        'X-Emu-Billed-Duration-Ms',
        '120',
        'x-emu-init-duration-ms',
        '350.5',
        'x-emu-cold-start',
        '1',
        'x-emu-layer',
        'function',
        'Retry-After',
        '1',
      ]),
    ).toMatchObject({ billedMs: 120, initMs: 350.5, coldStart: true, layer: 'function', retryAfter: true });
  });

  it('prefers the scenario billed-duration header over the emulator one, in either order', () => {
    expect(read(['x-emu-billed-duration-ms', '10', 'X-Billed-Ms', '42'], 'x-billed-ms').billedMs).toBe(42);
    expect(read(['x-billed-ms', '42', 'x-emu-billed-duration-ms', '10'], 'X-Billed-Ms').billedMs).toBe(42);
    expect(read(['x-emu-billed-duration-ms', '10'], 'x-billed-ms').billedMs).toBe(10);
  });

  it.each([['abc'], ['-5'], ['']])('ignores a billed value of %j', (value) => {
    expect(read(['x-emu-billed-duration-ms', value]).billedMs).toBeNull();
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['0', false],
    ['false', false],
  ])('x-emu-cold-start: %s → %s', (value, cold) => {
    expect(read(['x-emu-cold-start', value]).coldStart).toBe(cold);
  });
});
