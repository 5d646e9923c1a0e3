// The emulator's admin API (crates/fake-gemini/README.md): reset, faults, config, report.

export const EMULATOR_URL = process.env.EMULATOR_URL;
export const KEYED_EMULATOR_URL = process.env.KEYED_EMULATOR_URL;
/** The only key the keyed emulator accepts. */
export const KEYED_EMULATOR_KEY = process.env.KEYED_EMULATOR_KEY ?? 'e2e-right-key';

async function admin(method, path, body, base = EMULATOR_URL) {
  const response = await fetch(`${base}/__fake/${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /__fake/${path}: HTTP ${response.status}`);
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Forgets faults, files, sessions and the report. */
export const reset = (base) => admin('POST', 'reset', undefined, base);
/** Arms one fault or an array of faults. */
export const armFaults = (faults) => admin('POST', 'faults', faults);
/** Changes run-time settings (camelCase fields). */
export const configure = (patch) => admin('PATCH', 'config', patch);
/** What the emulator received. */
export const report = () => admin('GET', 'report');

/** Fails unless every fault armed since the last reset fired as often as it was armed for. */
export async function expectFaultsFired() {
  const { faults } = await report();
  if (!faults?.length) throw new Error('no fault was armed');
  for (const fault of faults) {
    const wanted = fault.spec.sticky ? 1 : fault.spec.times;
    if (fault.fired < wanted) {
      throw new Error(`fault ${JSON.stringify(fault.spec)} fired ${fault.fired} of ${wanted} times`);
    }
  }
}

/** The settings every test starts from. */
export const DEFAULT_CONFIG = { latencyMs: 0, maxRequestBytes: 20_971_520, processingMs: 1500 };

/** Forgets everything and restores the default settings. */
export async function resetAll() {
  await reset();
  await configure(DEFAULT_CONFIG);
}
