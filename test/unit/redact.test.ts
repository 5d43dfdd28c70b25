// Every transformed form a secret can take on its way to an output is masked: each row plants a
// secret through one transformation and checks the redactor leaves neither it nor the raw value.
import { Buffer } from 'node:buffer';
import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRedactor, credentialHeaderSecrets, REDACTED } from '../../src/redact.js';

const SECRET = 'Tok3n-Ab/c+d e&f=g"h\\i';
const UNICODE = 'bücher-Ünï-7f3a';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

describe('createRedactor masks every form of a secret', () => {
  // [transformation, secret, the secret's form after it]; the text is "before FORM after".
  it.each<[string, string, (s: string) => string]>([
    ['as written', SECRET, (s) => s],
    ['lower case', SECRET, (s) => s.toLowerCase()],
    ['upper case', SECRET, (s) => s.toUpperCase()],
    ['encodeURIComponent', SECRET, (s) => encodeURIComponent(s)],
    [
      'encodeURIComponent, lower-case hex',
      SECRET,
      (s) => encodeURIComponent(s).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
    ],
    ['form encoding (URLSearchParams)', SECRET, (s) => new URLSearchParams({ t: s }).toString().slice(2)],
    ['encodeURIComponent with + for spaces', SECRET, (s) => encodeURIComponent(s).replace(/%20/g, '+')],
    ['encodeURI', SECRET, (s) => encodeURI(s)],
    ['encoded twice', SECRET, (s) => encodeURIComponent(encodeURIComponent(s))],
    ['JSON-escaped', SECRET, (s) => JSON.stringify(s).slice(1, -1)],
    ['JSON-escaped, lower case', SECRET, (s) => JSON.stringify(s.toLowerCase()).slice(1, -1)],
    ['punycode (url.domainToASCII)', UNICODE, (s) => domainToASCII(s)],
    ['a URL host label', UNICODE, (s) => new URL(`http://${s}.example.com/`).hostname.split('.')[0]!],
    ['base64 (a Basic credential)', SECRET, (s) => b64(s)],
    ['base64 without padding', 'pass-1234', (s) => b64(s).replace(/=+$/, '')],
    ['base64url', SECRET, (s) => Buffer.from(s, 'utf8').toString('base64url')],
  ])('%s', (name, secret, form) => {
    const f = form(secret);
    expect(f === secret).toBe(name === 'as written'); // every other row really transforms it
    expect(createRedactor([secret])(`before ${f} after`)).toBe(`before ${REDACTED} after`);
  });

  it('leaves other text alone, and ignores values under 3 characters', () => {
    const redact = createRedactor(['s3cr3t-value', 'ab']);
    expect(redact('nothing to hide, ab cd')).toBe('nothing to hide, ab cd');
    expect(redact('x S3CR3T-VALUE y')).toBe(`x ${REDACTED} y`);
  });
});

describe('credentialHeaderSecrets', () => {
  it.each<[string, string, string[]]>([
    ['authorization', 'Bearer abc.def', ['Bearer abc.def', 'abc.def']],
    [
      'authorization',
      `Basic ${b64('user:pa55word')}`,
      [`Basic ${b64('user:pa55word')}`, b64('user:pa55word'), 'user:pa55word', 'pa55word'],
    ],
    ['cookie', 'sid=0f3a9c1e77; theme=dark', ['sid=0f3a9c1e77; theme=dark', '0f3a9c1e77']],
    ['x-request-id', 'abc', []],
  ])('%s: %s', (name, value, secrets) => {
    expect(credentialHeaderSecrets(name, value)).toEqual(secrets);
  });

  it('a Basic password echoed decoded is masked', () => {
    const redact = createRedactor(credentialHeaderSecrets('authorization', `Basic ${b64('me:hunter22')}`));
    expect(redact('login me:hunter22 failed; password hunter22')).not.toMatch(/hunter22/);
  });
});
