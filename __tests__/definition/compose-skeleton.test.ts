/**
 * A skeleton import (`import.url`) through loadPackage with a stand-in for the registry: the
 * published zarf.yaml is read without recursion, its components filtered by flavor there, and the
 * paths rebased onto the folder the component's content was extracted to.
 * Fixture: __tests__/fixtures/compose/skeleton/ (published.yaml stands for the skeleton's zarf.yaml).
 */
import { describe, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { LadingError } from '../../src/errors.js';
import { loadPackage, type Package } from '../../src/definition/index.js';
import { COMPOSE_FIXTURES, component, type Obj } from './compose-helpers.js';

const DIR = path.join(COMPOSE_FIXTURES, 'skeleton');

async function loadWithSkeleton(flavor: string): Promise<Package> {
  const zarfYaml = await readFile(path.join(DIR, 'published.yaml'), 'utf8');
  return loadPackage({
    definition: 'skeleton',
    workspace: COMPOSE_FIXTURES,
    architecture: 'amd64',
    flavor,
    openSkeleton: async (url) => ({ reference: url, zarfYaml, componentDir: async (name) => path.join(DIR, 'cache', name) })
  });
}

describe('skeleton imports', () => {
  test('the variant for the flavor is taken, its paths rebased onto the extracted content', async () => {
    const blue = await loadWithSkeleton('blue');
    expect(component(blue.config as unknown as Obj, 'sel')['files']).toEqual([{ source: 'cache/sel/files/s.txt', target: '/s.txt' }]);
    const green = await loadWithSkeleton('green');
    expect(component(green.config as unknown as Obj, 'sel')['images']).toEqual(['ghcr.io/acme/sel-green:1.0.0']);
  });

  test('no variant for the flavor is an error at the url', async () => {
    const thrown = await loadWithSkeleton('').catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(LadingError);
    const e = thrown as LadingError;
    expect([e?.position?.file, e?.position?.line, e?.message]).toEqual(['skeleton/zarf.yaml', 7, 'no compatible component named "sel" found in oci://registry.example/acme/parts:1.0.0 (no flavor, architecture amd64)']);
  });
});
