/**
 * The pure parts of kustomizations, extracted files and data injections: Zarf's names
 * (`manifests/kustomization-<name>-<k>.yaml`, `data/<i>/<base>`), the folders an extraction leaves
 * behind, and the built kustomization bytes handed to a later scan for images.
 */
import { describe, expect, test } from '@jest/globals';
import { dataInjectionPath } from '../../src/package/components/data-injections.js';
import { leftoverFolders } from '../../src/package/components/files.js';
import { kustomizationFileName, kustomizedManifests } from '../../src/package/components/kustomizations.js';
import type { ComponentContent } from '../../src/package/components/content.js';

describe("Zarf's names", () => {
  test('kustomizations and data injections', () => {
    expect(kustomizationFileName('web', 0)).toBe('manifests/kustomization-web-0.yaml');
    expect(dataInjectionPath(2, '/usr/share/nginx/html/')).toBe('data/2/html');
    expect(dataInjectionPath(0, 'seed.db')).toBe('data/0/seed.db');
  });
});

describe('leftoverFolders', () => {
  test("the folders of extractPath stay when the entry is renamed away; none when it lands on the target's name", () => {
    expect(leftoverFolders('linux-amd64/helm', 'files/0/helm')).toEqual(['files/0/linux-amd64']);
    expect(leftoverFolders('a/b/tool', 'files/3/tool')).toEqual(['files/3/a', 'files/3/a/b']);
    expect(leftoverFolders('helm', 'files/0/helm')).toEqual([]);
    expect(leftoverFolders('./helm', 'files/0/helm')).toEqual([]);
    expect(leftoverFolders('helm', 'files/0/kubectl-helm')).toEqual([]);
    // A folder named like the target: Zarf's rename fails; the task refuses it.
    expect(leftoverFolders('tool/tool', 'files/0/tool')).toContain('files/0/tool');
  });
});

describe('kustomizedManifests', () => {
  test('the built bytes of each kustomization, by component; other content is left out', () => {
    const yaml = Buffer.from('apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: ghcr.io/acme/app:1.0\n');
    const content: ComponentContent = {
      entries: {
        app: [
          { path: 'manifests/kustomization-web-0.yaml', type: 'file', content: yaml },
          { path: 'manifests/web-0.yaml', type: 'file', content: Buffer.from('a: 1\n') }
        ]
      },
      items: {
        app: [
          { kind: 'kustomization', path: 'manifests/kustomization-web-0.yaml', source: 'kustomize/overlay', size: yaml.length },
          { kind: 'manifest', path: 'manifests/web-0.yaml', source: 'm.yaml', size: 5 }
        ]
      },
      blobs: []
    };
    expect(kustomizedManifests(content)).toEqual([{ component: 'app', path: 'manifests/kustomization-web-0.yaml', source: 'kustomize/overlay', bytes: yaml }]);
  });
});
