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
