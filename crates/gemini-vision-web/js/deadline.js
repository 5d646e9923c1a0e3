// One request's deadline: a signal that fires when the caller's signal fires or when
// `ms` pass, whichever is first, and says afterwards which of the two it was.
export class Deadline {
  constructor(signal, ms) {
    this._controller = new AbortController();
    this._timedOut = false;
    this._signal = signal || undefined;
    this._onAbort = () => this._controller.abort(this._signal.reason);
    if (this._signal) {
      if (this._signal.aborted) this._onAbort();
      else this._signal.addEventListener("abort", this._onAbort, { once: true });
    }
    if (ms !== undefined) {
      this._timer = globalThis.setTimeout(() => {
        this._timedOut = true;
        this._controller.abort(new DOMException("The request timed out.", "TimeoutError"));
      }, ms);
    }
  }
  get signal() { return this._controller.signal; }
  get timedOut() { return this._timedOut; }
  dispose() {
    globalThis.clearTimeout(this._timer);
    if (this._signal) this._signal.removeEventListener("abort", this._onAbort);
  }
}
