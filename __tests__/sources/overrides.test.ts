/** registry-override: which override a reference takes and what it is pulled as (Zarf's rules). */
import { describe, expect, test } from '@jest/globals';
import { Reference } from '../../src/oci/reference.js';
import { RegistryOverrides } from '../../src/sources/overrides.js';

const pulled = (o: RegistryOverrides, ref: string): string | undefined => o.redirect(Reference.parse(ref))?.ref.toString();

describe('RegistryOverrides', () => {
  const o = RegistryOverrides.parse('docker.io=mirror.example.com/hub\ndocker.io/library=mirror.example.com/official/\nghcr.io=localhost:5000');

  test('matched against the normalized reference; the longest source wins whatever the line order', () => {
    expect(pulled(o, 'nginx')).toBe('mirror.example.com/official/nginx:latest');
    expect(pulled(o, 'index.docker.io/bitnami/redis:7')).toBe('mirror.example.com/hub/bitnami/redis:7');
    expect(pulled(o, 'ghcr.io/acme/app:1@sha256:' + 'a'.repeat(64))).toBe(`localhost:5000/acme/app:1@sha256:${'a'.repeat(64)}`);
    expect(pulled(o, 'quay.io/acme/app:1')).toBeUndefined();
  });

  test('build.registryOverrides holds the mapping as written; unused ones are reported by line', () => {
    expect(o.record()).toEqual({ 'docker.io': 'mirror.example.com/hub', 'docker.io/library': 'mirror.example.com/official/', 'ghcr.io': 'localhost:5000' });
    const fresh = RegistryOverrides.parse('docker.io=a.example.com\n\nquay.io=b.example.com');
    fresh.redirect(Reference.parse('nginx:1'));
    expect(fresh.unused().map((u) => [u.source, u.line])).toEqual([['quay.io', 3]]);
  });

  test.each([
    ['docker.io', 'line 1 "docker.io": there is no "="'],
    ['docker.io= ', 'the replacement (right of "=") is empty'],
    ['docker.io=mirror', 'is not a registry host'],
    ['docker.io=mirror.example.com/Hub', 'not a lowercase repository path'],
    ['docker.io=oci://mirror.example.com', 'has a scheme']
  ])('%s is refused', (line, why) => {
    expect(() => RegistryOverrides.parse(line)).toThrow(why);
  });
});
