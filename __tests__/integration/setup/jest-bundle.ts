/**
 * Jest setup (setupFilesAfterEnv): a test file that runs the action builds its bundle (setup/bundle.ts)
 * first, in a hook with time for the ncc build, so no test's own timeout pays for it. runAction
 * builds it anyway on first use; this only moves the wait. Files that never run the action build nothing.
 */
import { beforeAll, expect } from '@jest/globals';
import fs from 'node:fs';
import { actionScript } from './action.js';

beforeAll(async () => {
  const file = expect.getState().testPath;
  if (file !== undefined && /\brunAction\(/.test(fs.readFileSync(file, 'utf8'))) await actionScript();
}, 10 * 60_000);
