/**
 * One Jest run for api, worker, workflows, prisma, libs and deploy (the web app tests with Vitest).
 * Unit tests (`*.spec.ts`) sit beside the code; integration ("medium") tests (`*.medium.spec.ts`) sit in
 * their package's test/ folder and share the real PostgreSQL, Temporal and MinIO that
 * libs/testing/src/global-setup.ts starts on free ports for the whole run.
 */
const packages = {
  '@reelrank/config': 'libs/config/src',
  '@reelrank/stack': 'libs/stack/src',
  '@reelrank/storage': 'libs/storage/src',
  '@reelrank/tracing': 'libs/tracing/src',
  '@reelrank/recommender': 'libs/recommender/src',
  '@reelrank/prisma': 'prisma/src',
  '@reelrank/workflows': 'workflows/src',
  '@reelrank/testing': 'libs/testing/src',
};

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/prisma', '<rootDir>/workflows', '<rootDir>/worker', '<rootDir>/api', '<rootDir>/deploy'],
  testMatch: ['**/*.spec.ts'],
  // The default-retrain measurement runs only as `npm run bench:retrain`.
  testPathIgnorePatterns: [
    '/node_modules/',
    '/dist/',
    ...(process.env.RETRAIN_BENCH ? [] : ['<rootDir>/worker/test/training/default-retrain']),
  ],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: Object.fromEntries(Object.entries(packages).map(([name, dir]) => [`^${name}$`, `<rootDir>/${dir}`])),
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
  testTimeout: 60_000,
};
