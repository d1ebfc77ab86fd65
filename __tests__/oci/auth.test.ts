import { describe, expect, test } from '@jest/globals';
import { parseChallenges } from '../../src/oci/auth.js';

describe('WWW-Authenticate', () => {
  test('bearer with quoted params containing commas', () => {
    const c = parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull,push"');
    expect(c).toEqual([{ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull,push' } }]);
  });
  test('basic, and several challenges', () => {
    expect(parseChallenges('Basic realm="Registry Realm"')).toEqual([{ scheme: 'basic', params: { realm: 'Registry Realm' } }]);
    const two = parseChallenges(['Basic realm="x"', 'Bearer realm="https://t",service=s']);
    expect(two.map((c) => c.scheme)).toEqual(['basic', 'bearer']);
    expect(two[1]?.params.service).toBe('s');
  });
  test('absent header', () => {
    expect(parseChallenges(undefined)).toEqual([]);
  });
});
