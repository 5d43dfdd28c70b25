// "Did you mean": habits from k6 and Artillery, edit distance, and names that are Object's own
// (the fuzzer found `constructor:` crashing the lookup through the prototype).
import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../../src/scenario/did-you-mean.js';

describe('didYouMean', () => {
  it('maps an Artillery habit to the key that place takes', () => {
    expect(didYouMean('arrivalRate', ['rate', 'duration', 'type'])).toBe('rate');
  });

  it('finds a close spelling', () => {
    expect(didYouMean('brust', ['rate', 'burst', 'scope'])).toBe('burst');
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    '%s is a written key like any other, never a prototype lookup',
    (written) => {
      expect(() => didYouMean(written, ['rate', 'burst'])).not.toThrow();
      expect(didYouMean(written, ['rate', 'burst'])).toBeNull();
    },
  );
});
