import { describe, expect, it } from 'vitest';
import { assertAllowedHost, HostNotAllowedError, isAllowedHost } from '../../../src/driver/allowed-hosts.js';

describe('isAllowedHost', () => {
  it.each([
    // url, allowedHosts, allowed
    ['http://api.example.com/x', ['api.example.com'], true],
    ['https://API.Example.COM', ['api.example.com'], true],
    ['https://api.example.com', ['API.EXAMPLE.COM'], true],
    ['https://api.example.com.', ['api.example.com'], true],
    ['https://api.example.com:8443/x', ['api.example.com'], true],
    ['https://evil.com', ['api.example.com'], false],
    ['https://api.example.com.evil.com', ['api.example.com'], false],
    ['https://xapi.example.com', ['api.example.com'], false],
    ['https://example.com', ['api.example.com'], false],
    ['https://a.example.com', ['*.example.com'], true],
    ['https://a.b.example.com', ['*.example.com'], true],
    ['https://example.com', ['*.example.com'], false],
    ['https://badexample.com', ['*.example.com'], false],
    ['http://localhost:3000', ['localhost:3000'], true],
    ['http://localhost:3001', ['localhost:3000'], false],
    ['http://localhost', ['localhost:80'], true],
    ['https://localhost', ['localhost:80'], false],
    ['https://staging.example.com', ['staging.example.com:443'], true],
    ['http://127.0.0.1:8080', ['127.0.0.1'], true],
    ['http://127.0.0.1:8080', ['127.0.0.2'], false],
    ['http://[::1]:8080/', ['::1'], true],
    ['http://[::1]:8080/', ['[::1]'], true],
    ['http://[::1]:8080/', ['[::1]:8080'], true],
    ['http://[::1]:8081/', ['[::1]:8080'], false],
    ['http://[::1]/', ['0:0:0:0:0:0:0:1'], true],
    ['https://api.example.com', ['https://api.example.com/'], true],
    ['https://api.example.com', [], false],
    ['https://api.example.com', [''], false],
    ['not a url', ['api.example.com'], false],
    ['https://b.example.com', ['a.example.com', '*.example.com'], true],
  ] as const)('%s in %j → %s', (url, hosts, allowed) => {
    expect(isAllowedHost(url, hosts)).toBe(allowed);
  });
});

describe('assertAllowedHost', () => {
  it('throws a HostNotAllowedError naming the host and the list', () => {
    expect(() => assertAllowedHost('https://evil.com:444/x', ['api.example.com'])).toThrow(
      HostNotAllowedError,
    );
    try {
      assertAllowedHost('https://evil.com:444/x', ['api.example.com']);
    } catch (err) {
      expect((err as HostNotAllowedError).host).toBe('evil.com:444');
      expect((err as Error).message).toContain('api.example.com');
    }
  });

  it("allows anything with 'any' (the in-process emulator)", () => {
    expect(() => assertAllowedHost('http://127.0.0.1:1234', 'any')).not.toThrow();
  });
});
