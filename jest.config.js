/** Jest in ESM mode: ts-jest transpiles TypeScript to ES modules, Node runs them with --experimental-vm-modules. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }]
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // Files that run the action first build it from src/ as it is (into a temp dir; dist/ is untouched).
  setupFilesAfterEnv: ['<rootDir>/__tests__/integration/setup/jest-bundle.ts'],
  testTimeout: 60000,
  maxWorkers: 2
};
