import type { ChildProcess } from "node:child_process";
import type { BrowserContext } from "playwright-core";

/** One response the browser received: where from, its headers and its body as text (binary as latin1). */
export interface RecordedResponse {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly headers: string;
  readonly body: string;
}

/** What a browser context sent and received. */
export interface Traffic {
  /** Every request URL (with its method) any page of the context sent. */
  readonly requests: { readonly method: string; readonly url: string }[];
  /** Every response any page of the context received, bodies included (await `settled()` first). */
  readonly responses: RecordedResponse[];
  /** Waits until every response body seen so far has been read. */
  readonly settled: () => Promise<void>;
}

export declare function recordTraffic(context: BrowserContext): Traffic;
export declare function stopChild(child: ChildProcess): Promise<void>;
