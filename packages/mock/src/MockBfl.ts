import type { Fault, InjectFaultOptions, MockRoute } from "./faults";
import type { ScriptedOutcome } from "./options";
import type { MockOutcome } from "./responses";
import type { MockTaskInfo } from "./tasks";
import type { WebhookAttempt } from "./webhooks";

/** One request the mock served, from `mock.requests` (the API key is never recorded). */
export interface MockRequestLog {
  /** Clock time, ms since the epoch. */
  readonly at: number;
  readonly method: string;
  readonly url: string;
  readonly route: MockRoute | "unknown";
  /** HTTP status sent, or `0` for a dropped connection. */
  readonly status: number;
  /** Whether an `x-key` header was present. */
  readonly hadKey: boolean;
  readonly model?: string;
  readonly taskId?: string;
  /** The fault injected into this request, if any. */
  readonly fault?: Fault["kind"];
}

/** Per-call options of `mock.handle`. */
export interface HandleOptions {
  /** Path prefix the BFL routes are mounted under (e.g. `/api/flux` behind MSW). @default "" */
  readonly basePath?: string;
  /** Overrides the `pollingOrigin` option for this request (used by `startMockServer`'s extra listener). */
  readonly pollingOrigin?: string;
  /** Overrides the `deliveryOrigin` option for this request. */
  readonly deliveryOrigin?: string;
}

/** The in-process BFL simulator returned by {@link createMockBfl}. */
export interface MockBfl {
  /**
   * A `fetch` that answers like api.bfl.ai (pass it to any client as its `fetch`). A scripted connection reset
   * rejects with a `TypeError`, as `fetch` does. Bound: pass `mock.fetch` around freely.
   */
  readonly fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /** Lower level: the decision for one request, a response or a dropped connection (used by the server and MSW). */
  handle(request: Request, options?: HandleOptions): Promise<MockOutcome>;
  /** Every task still held, as seen at the current clock time (oldest first). */
  readonly tasks: readonly MockTaskInfo[];
  /** One task, or `undefined` when unknown or evicted. */
  task(id: string): MockTaskInfo | undefined;
  /** The most recent requests (capped by `maxRequestLog`). */
  readonly requests: readonly MockRequestLog[];
  /** Webhook delivery attempts, in order. */
  readonly webhooks: readonly WebhookAttempt[];
  /** Sets the credit balance of one key (default: every key). */
  setCredits(credits: number, apiKey?: string): void;
  /** The credit balance of a key (default: the first). */
  getCredits(apiKey?: string): number;
  /** Makes the next submit(s) end this way, ahead of markers and the `outcome` option. */
  queueOutcome(outcome: ScriptedOutcome, times?: number): void;
  /** Scripts a fault (or a burst, with `times`) for the next matching request(s). */
  injectFault(fault: Fault, options?: InjectFaultOptions): void;
  /** Current clock time, ms since the epoch. */
  now(): number;
  /** Moves a manual clock forward, firing due webhook retries and completions. Throws on a real clock. */
  advance(ms: number): Promise<void>;
  /** Forgets tasks, requests, webhooks, scripted outcomes and faults; restores credits; clears every timer. */
  reset(): void;
  /** Clears every timer (webhook retries, latency). State stays readable. */
  close(): void;
  /** The resolved settings, for adapters (`startMockServer`, MSW). */
  readonly settings: { readonly apiKeys: readonly string[]; readonly deliveryOrigin: string | undefined };
}
