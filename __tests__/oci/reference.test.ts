import { describe, expect, test } from '@jest/globals';
import { Reference } from '../../src/oci/reference.js';
import { OciError } from '../../src/oci/errors.js';

const D = `sha256:${'a'.repeat(64)}`;

describe('Reference.parse', () => {
  test.each([
    ['nginx', 'docker.io/library/nginx:latest', 'registry-1.docker.io'],
    ['nginx:1.25', 'docker.io/library/nginx:1.25', 'registry-1.docker.io'],
    ['bitnami/redis:7', 'docker.io/bitnami/redis:7', 'registry-1.docker.io'],
    ['index.docker.io/library/alpine', 'docker.io/library/alpine:latest', 'registry-1.docker.io'],
    ['ghcr.io/acme/app:1.2.3', 'ghcr.io/acme/app:1.2.3', 'ghcr.io'],
    ['localhost/app', 'localhost/app:latest', 'localhost'],
    ['localhost:5000/a/b/c:v1', 'localhost:5000/a/b/c:v1', 'localhost:5000'],
    ['127.0.0.1:5000/app@' + D, '127.0.0.1:5000/app@' + D, '127.0.0.1:5000'],
    ['ghcr.io/acme/app:1.0@' + D, 'ghcr.io/acme/app:1.0@' + D, 'ghcr.io'],
    ['[::1]:5000/app:x', '[::1]:5000/app:x', '[::1]:5000']
  ])('%s -> %s', (text, normalized, endpoint) => {
    const r = Reference.parse(text);
    expect(r.toString()).toBe(normalized);
    expect(r.endpoint).toBe(endpoint);
    expect(r.original).toBe(text);
  });

  test('digest wins over tag as the selector', () => {
    const r = Reference.parse(`nginx:1.25@${D}`);
    expect(r.tag).toBe('1.25');
    expect(r.selector).toBe(D);
  });

  test.each([
    ['', 'empty'],
    ['Nginx', 'lowercase'],
    ['nginx:', 'not a valid tag'],
    ['nginx@sha256:../../etc/passwd', 'not a valid digest'],
    ['nginx@sha256:ABC', 'not a valid digest'],
    ['nginx@md5:' + 'a'.repeat(32), 'not a valid digest'],
    ['ghcr.io//app', 'not a valid repository'],
    [' nginx', 'whitespace'],
    ['-bad.example.com/app', 'not a valid registry host'],
    ['a/' + 'b'.repeat(300), 'longer than 255']
  ])('rejects %j (%s)', (text, why) => {
    let err: unknown;
    try {
      Reference.parse(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OciError);
    expect((err as OciError).message).toContain(why);
    expect((err as OciError).message).not.toContain('\n');
    expect((err as OciError).hint).toBeTruthy();
  });
});
