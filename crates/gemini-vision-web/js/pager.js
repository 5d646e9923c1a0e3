// The Pager that list methods resolve to, behaving as @google/genai's: the first page is
// fetched before it is returned; `page`, `pageLength`, `getItem(i)`, `hasNextPage()`,
// `nextPage()`, `params` (with `config.pageToken` set to the next token) and
// `for await (const item of pager)` across pages.

export class Pager {
  constructor(name, request, response, params) {
    this._request = request;
    this._load(name, response, params);
  }

  _load(name, response, params) {
    this._name = name;
    this._page = (response && response[name]) || [];
    this._sdkHttpResponse = response ? response.sdkHttpResponse : undefined;
    this._index = 0;
    const next = params && typeof params === "object" && Object.keys(params).length > 0
      ? { ...params }
      : { config: {} };
    if (next.config) {
      next.config = { ...next.config, pageToken: response ? response.nextPageToken : undefined };
    }
    this._params = next;
    const size = next.config ? next.config.pageSize : undefined;
    this._pageSize = size ?? this._page.length;
  }

  get page() { return this._page; }
  get name() { return this._name; }
  get pageSize() { return this._pageSize; }
  get sdkHttpResponse() { return this._sdkHttpResponse; }
  get params() { return this._params; }
  get pageLength() { return this._page.length; }
  getItem(index) { return this._page[index]; }

  hasNextPage() {
    return this._params.config !== undefined && this._params.config.pageToken !== undefined;
  }

  async nextPage() {
    if (!this.hasNextPage()) throw new Error("No more pages to fetch.");
    const response = await this._request(this._params);
    this._load(this._name, response, this._params);
    return this._page;
  }

  [Symbol.asyncIterator]() {
    return {
      next: async () => {
        if (this._index >= this.pageLength) {
          if (!this.hasNextPage()) return { value: undefined, done: true };
          await this.nextPage();
        }
        const value = this.getItem(this._index);
        this._index += 1;
        return { value, done: false };
      },
      return: async () => ({ value: undefined, done: true }),
    };
  }
}

/** For the Rust side: a pager over `request(params) -> Promise<response>`. */
export function makePager(name, request, response, params) {
  return new Pager(name, request, response, params);
}
