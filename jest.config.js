/**
 * Two projects. `unit` (tests/unit) needs neither Neo4j nor the browser bundles: `npm run test:unit`.
 * `live` (tests/integration, tests/e2e) runs against one throw-away Neo4j that its globalSetup starts (and
 * builds the bundles the pages serve). Jest runs a project's globalSetup only when a test of that project
 * is selected, so a run of unit tests alone never starts a JVM; no globalSetup may sit at the top level,
 * where it would run for every project. The live tests share that one Neo4j (Community has a single user
 * database), so files run one at a time (--runInBand).
 */
const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...common,
      displayName: 'live',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts', '<rootDir>/tests/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/tests/support/global-setup.ts',
      globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
    },
  ],
  // Global: jest-circus takes the timeout from the global config only, not from a project's.
  testTimeout: 60_000,
  maxWorkers: 1,
};
