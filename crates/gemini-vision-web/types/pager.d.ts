// The SDK's Pager: the first page is fetched before it is returned.
export declare class Pager<T> implements AsyncIterable<T> {
  /** The items of the current page. */
  get page(): T[];
  /** What the items are (`"models"`, `"files"`, ...). */
  get name(): string;
  get pageSize(): number;
  get pageLength(): number;
  get sdkHttpResponse(): import("./responses.js").HttpResponse | undefined;
  /** The parameters of the next request (`config.pageToken` set). */
  get params(): Record<string, unknown>;
  getItem(index: number): T;
  hasNextPage(): boolean;
  /** Fetches the next page and returns its items. */
  nextPage(): Promise<T[]>;
  [Symbol.asyncIterator](): AsyncIterator<T>;
}
