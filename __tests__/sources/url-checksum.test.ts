import { describe, expect, test } from '@jest/globals';
import { splitUrlChecksum } from '../../src/sources/url-checksum.js';

describe('splitUrlChecksum (as Zarf parseChecksum reads a URL)', () => {
  test('everything after the last @ is the checksum, unless the only @ ends the user info', () => {
    expect(splitUrlChecksum('https://example.com/tool.sh')).toEqual({ url: 'https://example.com/tool.sh' });
    expect(splitUrlChecksum('https://example.com/tool.sh@abc')).toEqual({ url: 'https://example.com/tool.sh', checksum: 'abc' });
    expect(splitUrlChecksum('https://user:pw@example.com/tool.sh')).toEqual({ url: 'https://user:pw@example.com/tool.sh' });
    expect(splitUrlChecksum('https://user:pw@example.com/tool.sh@abc')).toEqual({ url: 'https://user:pw@example.com/tool.sh', checksum: 'abc' });
    expect(splitUrlChecksum('https://example.com/a@b/tool.sh@abc')).toEqual({ url: 'https://example.com/a@b/tool.sh', checksum: 'abc' });
  });
});
