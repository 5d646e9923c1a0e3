// An async iterable over a Rust ContentStream whose next() resolves to a chunk, or
// undefined at the end. Calls are chained so that they never overlap.
export function toAsyncIterable(stream) {
  let last = Promise.resolve();
  let finished = false;
  const iterator = {
    next() {
      const step = last.then(async () => {
        if (finished) return { done: true, value: undefined };
        try {
          const value = await stream.next();
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
      finished = true;
      stream.cancel();
      return Promise.resolve({ done: true, value });
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return iterator;
}
