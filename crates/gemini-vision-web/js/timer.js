// Sleeping that an AbortSignal cuts short, in a window or a worker (globalThis only).
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const abortError = () =>
      new DOMException("The operation was aborted.", "AbortError");
    if (signal && signal.aborted) {
      reject(abortError());
      return;
    }
    let id;
    const onAbort = () => {
      globalThis.clearTimeout(id);
      reject(abortError());
    };
    id = globalThis.setTimeout(() => {
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
  });
}

// The signal of one request attempt: aborted when the caller's signal fires (with its
// reason) or after `ms` milliseconds (with a DOMException named "TimeoutError" whose
// message is the milliseconds, which the Rust side reads back).
export function attemptSignal(ms, signal) {
  const controller = new AbortController();
  const id = globalThis.setTimeout(
    () => controller.abort(new DOMException(String(ms), "TimeoutError")), ms);
  if (signal) {
    const onAbort = () => {
      globalThis.clearTimeout(id);
      controller.abort(signal.reason);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  }
  return controller.signal;
}
