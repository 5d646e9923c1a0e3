// The `test` every spec imports: Playwright's, with a page that fails its test on any
// uncaught error in the page (a wasm trap, a rejected promise nobody handled), whatever
// the test itself checks. A test that opens a context of its own watches it with
// `pageErrors(context)` and checks the list at its end.
import { test as base, expect } from '@playwright/test';

/** Collects the uncaught errors of a page, or of every page of a context. */
export function pageErrors(target) {
  const errors = [];
  const note = (error) => errors.push(`${error.name}: ${error.message}`);
  if (typeof target.newPage === 'function') {
    target.on('weberror', (webError) => note(webError.error()));
  } else {
    target.on('pageerror', note);
  }
  return errors;
}

export const test = base.extend({
  page: async ({ page }, use) => {
    const errors = pageErrors(page);
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
