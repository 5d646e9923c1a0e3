// Measures the time from clicking Detect on an example to the overlay drawn, against the
// emulator, in headless Chromium: the median of 5 runs (after one warm-up). Prints the
// numbers; asserts nothing (a measurement, not a test).
// Needs DEMO_URL and EMULATOR_URL (scripts/suites/e2e.sh sets them).
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './playwright.config.mjs';
import { resetAll } from './support/emulator.mjs';

const RUNS = 5;
const demo = process.env.DEMO_URL;
const emulator = process.env.EMULATOR_URL;
const example = process.argv[2] ?? 'cupcakes.png';

await resetAll();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${demo}/?emulator=${encodeURIComponent(emulator)}`);
  await page.getByRole('button', { name: `Add example ${example}` }).click();
  await page.getByRole('list', { name: 'Added files' }).getByText(example).waitFor();
  const times = [];
  for (let run = 0; run <= RUNS; run++) {
    // Click and time inside the page, so Playwright's own round trips do not count.
    const millis = await page.evaluate(async () => {
      const before = new Set(performance.getEntriesByType('mark').map((m) => m.name));
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Detect');
      const start = performance.now();
      button.click();
      for (;;) {
        const mark = performance.getEntriesByType('mark').find((m) => m.name.startsWith('gv:overlay-drawn:') && !before.has(m.name));
        if (mark) return mark.startTime - start;
        if (performance.now() - start > 60_000) throw new Error('no overlay within 60 s');
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    });
    if (run > 0) times.push(millis);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`Detect on ${example} -> overlay drawn (emulator, ${RUNS} runs): median ${median.toFixed(1)} ms; all: ${times.map((t) => t.toFixed(1)).join(', ')} ms`);
} finally {
  await browser.close();
}
