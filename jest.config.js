// Jest in ESM mode (run through `node --experimental-vm-modules`), TypeScript
// transpiled per file by ts-jest; type-checking is `npm run typecheck`.
const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testEnvironment: 'node'
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
