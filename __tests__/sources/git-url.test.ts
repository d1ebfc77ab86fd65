/**
 * Git repository URLs as Zarf reads them: the folder a clone gets (`<repo>-<crc32>` of the URL up to
 * its @ref), the URL that is cloned, what kind of ref the URL names, and URLs shown without
 * credentials. The CRC values were computed with Python's zlib.crc32 (CRC-32/IEEE), independently.
 */
import { describe, expect, test } from '@jest/globals';
import { gitRef, maskUrls, parseGitUrl, zarfRefBranch } from '../../src/sources/git-url.js';

describe('parseGitUrl', () => {
  test('folder names: the repository name and the CRC-32 of the URL as written, @ref included', () => {
    const cases: Array<[string, string, string, string]> = [
      // written, clone URL, ref, folder
      ['https://github.com/zarf-dev/zarf.git', 'https://github.com/zarf-dev/zarf.git', '', 'zarf-3457133088'],
      ['https://github.com/acme/a.git', 'https://github.com/acme/a.git', '', 'a-3080819088'],
      ['https://github.com/acme/a.git@v1.2.3', 'https://github.com/acme/a.git', 'v1.2.3', 'a-3214419963'],
      ['https://github.com/acme/a.git@refs/heads/release/1.x', 'https://github.com/acme/a.git', 'refs/heads/release/1.x', 'a-703607256'],
      ['git://127.0.0.1:9418/org/demo', 'git://127.0.0.1:9418/org/demo', '', 'demo-3704193141'],
      ['https://github.com/acme/zarf.helm.git', 'https://github.com/acme/zarf.helm.git', '', 'zarf.helm-2170752441']
    ];
    for (const [written, cloneUrl, ref, folder] of cases) expect(parseGitUrl(written)).toEqual({ written, cloneUrl, repo: folder.replace(/-\d+$/, ''), ref, folder });
  });

  test('a trailing slash and a smart-HTTP path are not part of the name', () => {
    const plain = parseGitUrl('https://github.com/acme/a.git');
    expect(parseGitUrl('https://github.com/acme/a.git/')?.folder).toBe(plain?.folder);
    expect(parseGitUrl('https://github.com/acme/a.git/info/refs')?.folder).toBe(plain?.folder);
    expect(parseGitUrl('https://github.com/acme/a.git/git-upload-pack')?.cloneUrl).toBe('https://github.com/acme/a.git');
  });

  test('what Zarf cannot read', () => {
    expect(parseGitUrl('github.com:acme/a.git')).toBeUndefined();
    expect(parseGitUrl('i am not a url')).toBeUndefined();
    expect(parseGitUrl('C:\\Users\\zarf')).toBeUndefined();
  });
});

describe('gitRef', () => {
  test('none, a branch, a tag (written either way), a commit, another ref', () => {
    expect(gitRef('')).toEqual({ kind: 'all' });
    expect(gitRef('refs/heads/main')).toEqual({ kind: 'branch', name: 'main' });
    expect(gitRef('refs/tags/v1')).toEqual({ kind: 'tag', name: 'v1' });
    expect(gitRef('v1')).toEqual({ kind: 'tag', name: 'v1' });
    expect(gitRef('main')).toEqual({ kind: 'tag', name: 'main' });
    expect(gitRef('01a23218923f24194133b5eb11268cf8d73ff1bb')).toEqual({ kind: 'commit', sha: '01a23218923f24194133b5eb11268cf8d73ff1bb' });
    expect(gitRef('01a2321')).toEqual({ kind: 'tag', name: '01a2321' });
    expect(gitRef('refs/pull/1/head')).toEqual({ kind: 'other', name: 'refs/pull/1/head' });
  });

  test('tags and commits are checked out as zarf-ref-<ref>, branches as themselves', () => {
    expect(zarfRefBranch(gitRef('refs/tags/v1'))).toBe('zarf-ref-v1');
    expect(zarfRefBranch(gitRef('v1'))).toBe('zarf-ref-v1');
    expect(zarfRefBranch(gitRef('01a23218923f24194133b5eb11268cf8d73ff1bb'))).toBe('zarf-ref-01a23218923f24194133b5eb11268cf8d73ff1bb');
    expect(zarfRefBranch(gitRef('refs/heads/main'))).toBeUndefined();
    expect(zarfRefBranch(gitRef(''))).toBeUndefined();
  });
});

test('maskUrls drops user:password@ (and a token as user) from every URL in a text', () => {
  expect(maskUrls("fatal: unable to access 'https://alice:s3cret@git.example.com/a.git/': 403")).toBe("fatal: unable to access 'https://git.example.com/a.git/': 403");
  expect(maskUrls('https://ghp_token@github.com/a.git and http://u:p@h/x')).toBe('https://github.com/a.git and http://h/x');
  expect(maskUrls('https://github.com/a.git@v1')).toBe('https://github.com/a.git@v1');
});
