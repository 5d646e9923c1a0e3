// The async iterable that generateContentStream (and sendMessageStream) resolve to, as
// the SDK's async generator behaves: `next()` gives the next chunk, `return()` stops
// reading, `throw()` stops and rethrows. `next` is the Rust side's: a promise of the
// next chunk, or undefined at the end. Calls are chained so that they never overlap.
export function makeStream(next, cancel) {
  let last = Promise.resolve();
  let finished = false;
  const stop = () => {
    if (!finished) {
      finished = true;
      cancel();
    }
  };
  return {
    next() {
      const step = last.then(async () => {
        if (finished) return { done: true, value: undefined };
        try {
          const value = await next();
          if (value === undefined) {
            finished = true;
            return { done: true, value: undefined };
          }
          return { done: false, value };
        } catch (error) {
          finished = true;
          throw error;
        }
      });
      last = step.catch(() => {});
      return step;
    },
    return(value) {
      stop();
      return Promise.resolve({ done: true, value });
    },
    throw(error) {
      stop();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    // `await using stream = ...` stops reading, as an async generator does.
    ...(Symbol.asyncDispose ? { [Symbol.asyncDispose]() { stop(); return Promise.resolve(); } } : {}),
  };
}
