// Jest in ESM mode (run through `node --experimental-vm-modules`), TypeScript
// transpiled per file by ts-jest; type-checking is `npm run typecheck`.
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testEnvironment: 'node',
  // Jest's 5 s default is a timing assertion in effect: several unit tests (10,000 parser
  // mutants, six CLI processes, a second Chromium) take 1–3 s here, 2× from it on a loaded VM.
  // Tests that wait on the toolchain set their own, longer limits.
  testTimeout: 60_000
}

export default {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/__tests__/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/__tests__/integration/**/*.test.ts']
    },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'] },
    // The HTML report in headless Chromium (scripts/setup.sh installs it).
    { ...common, displayName: 'browser', testMatch: ['<rootDir>/__tests__/browser/**/*.test.ts'] }
  ]
}
