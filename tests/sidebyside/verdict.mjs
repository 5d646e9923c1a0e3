// The verdict on one scenario from its two runs: both ran to the end, the normalised
// requests are the same, and the results are equal (or, for a deliberate difference,
// each side shows what `differences.mjs` says it must).
import { compareRequests, deepDiff, describeRequest, normaliseRun } from "./compare.mjs";
import { DELIBERATE, RESULT_NORMALISATIONS } from "./differences.mjs";

/**
 * `runs` is `{sdk, ours}`, each `{outcome, records}`. With `asSdk` the "ours" side is the
 * SDK itself (control and self-check runs): the SDK's rules apply to it and no deliberate
 * difference is expected. Returns `{passed, detail, notes, deliberate}`.
 */
export function judge(id, runs, asSdk) {
  for (const side of ["sdk", "ours"]) {
    const outcome = runs[side]?.outcome;
    if (!outcome) return { passed: false, detail: `${side}: did not run` };
    if (!outcome.ok) return { passed: false, detail: `${side}: ${outcome.stage}: ${outcome.error}` };
  }
  const deliberate = asSdk ? undefined : DELIBERATE[id];
  const sdk = normaliseRun(runs.sdk.records, runs.sdk.outcome.result, "sdk");
  const ours = normaliseRun(runs.ours.records, runs.ours.outcome.result, asSdk ? "sdk" : "ours");
  if (deliberate?.attempts === false) {
    for (const request of [...sdk.requests, ...ours.requests]) request.attempts = "‹not compared›";
  }
  const notes = [];
  for (const normalisation of RESULT_NORMALISATIONS) {
    const outcome = normalisation.apply(sdk.result, ours.result, sdk.requests);
    ours.result = outcome.ours;
    notes.push(...outcome.notes);
  }
  const diffs = [...sdk.problems.map((p) => `sdk: ${p}`), ...ours.problems.map((p) => `ours: ${p}`)];
  const requests = deliberate?.requests === false ? { diffs: [], notes: [] }
    : compareRequests(sdk.requests, ours.requests);
  diffs.push(...requests.diffs);
  if (deliberate) {
    for (const side of ["sdk", "ours"]) {
      const verdict = deliberate[side]((side === "sdk" ? sdk : ours).result,
        runs[side].records.map(describeRequest));
      if (verdict !== true) diffs.push(`${side}: ${verdict}`);
    }
    for (const key of deliberate.compare ?? []) {
      diffs.push(...deepDiff(sdk.result[key], ours.result[key], `/${key}`).map((line) => `result ${line}`));
    }
  } else {
    diffs.push(...deepDiff(sdk.result, ours.result).map((line) => `result ${line}`));
  }
  return { passed: diffs.length === 0, detail: diffs.join("; "), notes: [...notes, ...requests.notes],
    deliberate: Boolean(deliberate) };
}
