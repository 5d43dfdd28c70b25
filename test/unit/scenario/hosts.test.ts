// Host matching: exact after one normalisation of both sides (README, Safety), subdomains only
// through an explicit wildcard.
import { describe, expect, it } from 'vitest';
import { isAllowedHost } from '../../../src/scenario/hosts.js';

describe('isAllowedHost', () => {
  it.each<[string, string[], boolean]>([
    // exact names, case, trailing dot
    ['https://api.example.com/v1', ['api.example.com'], true],
    ['https://API.Example.com/v1', ['api.example.com'], true],
    ['https://api.example.com/v1', ['API.EXAMPLE.COM'], true],
    ['http://LOCALHOST:3000/', ['localhost'], true],
    ['http://localhost.:3000/', ['localhost'], true],
    ['http://localhost:3000/', ['localhost.'], true],
    ['http://localhost..:3000/', ['localhost'], false],
    // a name never allows its subdomains, nor look-alikes
    ['http://a.localhost:3000/', ['localhost'], false],
    ['http://A.LOCALHOST.:3000/', ['localhost'], false],
    ['https://a.api.example.com/', ['api.example.com'], false],
    ['https://api.example.com.evil.net/', ['api.example.com'], false],
    ['https://evil.net/?h=api.example.com', ['api.example.com'], false],
    ['https://api.example.com@evil.net/', ['api.example.com'], false],
    // wildcards: any depth below the name, never the name itself
    ['https://a.example.com/', ['*.example.com'], true],
    ['https://a.b.example.com/', ['*.example.com'], true],
    ['https://A.Example.COM./', ['*.example.com'], true],
    ['https://example.com/', ['*.example.com'], false],
    ['https://notexample.com/', ['*.example.com'], false],
    ['http://a.localhost/', ['*.localhost'], true],
    ['http://localhost/', ['*.localhost'], false],
    // IPv4 literal forms (WHATWG URL parsing), on either side
    ['http://2130706433/', ['127.0.0.1'], true],
    ['http://0x7f.1/', ['127.0.0.1'], true],
    ['http://127.1/', ['127.0.0.1'], true],
    ['http://0177.0.0.1/', ['127.0.0.1'], true],
    ['http://127.0.0.1/', ['2130706433'], true],
    ['http://127.0.0.1/', ['127.1'], true],
    ['http://2130706434/', ['127.0.0.1'], false],
    ['http://127.0.0.2/', ['127.0.0.1'], false],
    // IPv6 forms, and IPv4-mapped IPv6 = its IPv4
    ['http://[::1]:3000/', ['::1'], true],
    ['http://[::1]:3000/', ['[::1]'], true],
    ['http://[0:0:0:0:0:0:0:1]/', ['::1'], true],
    ['http://[::ffff:127.0.0.1]/', ['127.0.0.1'], true],
    ['http://[::ffff:7f00:1]/', ['127.0.0.1'], true],
    ['http://127.0.0.1/', ['::ffff:127.0.0.1'], true],
    ['http://[::ffff:127.0.0.2]/', ['127.0.0.1'], false],
    ['http://[::1]/', ['127.0.0.1'], false],
    // IDN: punycode and Unicode are the same name
    ['https://xn--bcher-kva.example/', ['bücher.example'], true],
    ['https://bücher.example/', ['xn--bcher-kva.example'], true],
    ['https://BÜCHER.example/', ['bücher.example'], true],
    ['https://bucher.example/', ['bücher.example'], false],
    // ports only when written
    ['http://127.0.0.1:8080/', ['127.0.0.1'], true],
    ['http://127.0.0.1:8080/', ['127.0.0.1:8080'], true],
    ['http://127.0.0.1:9090/', ['127.0.0.1:8080'], false],
    ['https://api.example.com/', ['api.example.com:443'], true],
    ['http://2130706433:8080/', ['127.1:8080'], true],
    // nothing allowed
    ['not a url', ['api.example.com'], false],
    ['https://api.example.com/', [], false],
    ['https://api.example.com/', ['*'], false],
    ['https://api.example.com/', ['*.'], false],
  ])('%s with %j → %s', (url, allowed, ok) => expect(isAllowedHost(url, allowed)).toBe(ok));
});
