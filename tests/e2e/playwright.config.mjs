// Playwright configuration for the demo's end-to-end tests. scripts/suites/e2e.sh builds
// the demo, starts the emulators and a static server, and passes their URLs in DEMO_URL,
// EMULATOR_URL and KEYED_EMULATOR_URL. Debian's Chromium is used; nothing is downloaded.
import { defineConfig } from '@playwright/test';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.mjs',
  // The tests share one emulator whose faults and files are global: one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 180_000,
  expect: { timeout: 30_000 },
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON ?? 'test-results/results.json' }]],
  use: {
    baseURL: process.env.DEMO_URL,
    viewport: { width: 1280, height: 900 },
    launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
