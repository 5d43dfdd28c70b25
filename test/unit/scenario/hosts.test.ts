import { describe, expect, it } from 'vitest';
import { isAllowedHost } from '../../../src/scenario/hosts.js';

describe('isAllowedHost', () => {
  it.each<[string, string[], boolean]>([
    ['https://api.example.com/v1', ['api.example.com'], true],
    ['https://API.Example.com/v1', ['api.example.com'], true],
    ['https://api.example.com.evil.net/', ['api.example.com'], false],
    ['https://evil.net/?h=api.example.com', ['api.example.com'], false],
    ['https://a.b.example.com/', ['*.example.com'], true],
    ['https://example.com/', ['*.example.com'], false],
    ['https://notexample.com/', ['*.example.com'], false],
    ['http://127.0.0.1:8080/', ['127.0.0.1'], true],
    ['http://127.0.0.1:8080/', ['127.0.0.1:8080'], true],
    ['http://127.0.0.1:9090/', ['127.0.0.1:8080'], false],
    ['https://api.example.com/', ['api.example.com:443'], true],
    ['http://[::1]:3000/', ['::1'], true],
    ['not a url', ['api.example.com'], false],
    ['https://api.example.com/', [], false],
  ])('%s with %j → %s', (url, allowed, ok) => expect(isAllowedHost(url, allowed)).toBe(ok));
});
