import type { FluxError } from "../errors/FluxError";
import type { PollingPolicy, DurationEstimator } from "./polling";
import type { RetryOptions } from "./retry";
import type { Region } from "./urls";
import type { ModelDefinition } from "../models/types";
import type { TaskStage } from "../schemas/taskStatus";

/** Options of `createFluxClient`. Every option has a safe default. */
export interface FluxClientOptions {
  /**
   * BFL API key, sent as `x-key` — only to the configured API origin and `https://*.bfl.ai`, never to a delivery
   * host or any other host a response names. Server-side only: in a browser, point `baseUrl` at your
   * `@flux-kit/proxy` route and leave this unset.
   * @default undefined (no key sent)
   */
  readonly apiKey?: string | undefined;
  /**
   * Where the API lives: BFL itself, a proxy path on this origin (`"/api/flux"`), or the mock. Wins over `region`.
   * Anything else (`"api/flux"`, `"//host"`, an absolute URL that does not parse) makes `createFluxClient` throw a `TypeError`.
   * @default the `region`'s host
   * @example createFluxClient({ baseUrl: "/api/flux" })
   */
  readonly baseUrl?: string | undefined;
  /** BFL region: `"global"` (`api.bfl.ai`, failover across clusters), `"eu"` or `"us"`. @default "global" */
  readonly region?: Region | undefined;
  /** The fetch to use, looked up at call time (so MSW and test doubles installed later are honoured). @default globalThis.fetch */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /**
   * Extra headers for API calls (e.g. your app's session token for the proxy), or a function returning them per
   * request. Sent only where the key may go (the API origin, `*.bfl.ai`, or same-origin paths), decided by where
   * each URL resolves. @default none
   */
  readonly headers?: HeadersInit | (() => HeadersInit | Promise<HeadersInit>) | undefined;
  /**
   * Retries for reads (polls, downloads, credits) on 429/5xx/408/network errors, or `false`. `wait()` and the
   * watchers also keep a task pending through failed polls until their deadline, backing off with these delays;
   * `false` ends them at the first failure.
   * @default { retries: 4, baseDelayMs: 500, maxDelayMs: 30_000 }
   */
  readonly retry?: RetryOptions | false | undefined;
  /** Polling policy and the overall deadline of `wait()`. */
  readonly poll?: PollOptions | undefined;
  /**
   * How long a BFL delivery URL without an `se=` expiry is taken to live, for `FluxResult.expiresAt`. By default
   * the model's documented lifetime: 1 hour for FLUX 3 Image, 10 minutes for the older models, whose docs say 10
   * minutes though a community client reports about an hour for every model (docs/bfl-api.md, 2026 addendum §12).
   * @default the model's `deliveryLifetimeMs`
   * @example createFluxClient({ deliveryLifetimeMs: 60 * 60 * 1000 }) // trust the hour for every model
   */
  readonly deliveryLifetimeMs?: number | undefined;
  /** Deadline of each single HTTP request, in ms; `0` for none. @default 30_000 */
  readonly timeoutMs?: number | undefined;
  /**
   * Long polls: when `@flux-kit/proxy` says it holds polls (`X-Flux-Long-Poll` on its answers), each poll asks it
   * to wait until the task's status changes (`&wait=…&seen=…`) and the next is sent as soon as it answers, so a
   * 90 s FLUX 3 run takes about 6 polls instead of 40. `false` keeps the adaptive schedule.
   * @default true
   */
  readonly longPolls?: boolean | undefined;
  /**
   * Active tasks (submit → terminal status) allowed at once; BFL's cap is 24 per key (6 for `flux-kontext-max`,
   * which always applies). `Infinity` disables the client-side cap. @default 24
   */
  readonly maxConcurrent?: number | undefined;
  /**
   * Check inputs against the model's schema before sending (a `FluxValidationError` and no request). The check
   * needs the model's definition: one passed to `submit`/`generate` (`flux.generate(flux2Pro, input)`) or listed
   * in `models`. For a model id the client has no definition for, the server checks the body (BFL, or the proxy
   * with the same schemas) and its 422 is the same `FluxValidationError`, with `source: "server"`. @default true
   */
  readonly validate?: boolean | undefined;
  /**
   * Model definitions the client knows by id, so `submit("flux-2-pro", …)` is checked locally. Pass the whole
   * catalogue (`models`) on a server, or only the models a browser bundle uses (`[flux2Pro]`): the client itself
   * carries no model schemas.
   * @example createFluxClient({ apiKey, models }) // import { models } from "@flux-kit/core"
   */
  readonly models?: readonly ModelDefinition[] | Readonly<Record<string, ModelDefinition>> | undefined;
  /**
   * Allow `apiKey` in a browser. Anyone who opens the page can read it, so a browser build does not scrub it from
   * errors either (a server's does): there it is no secret. @default false
   */
  readonly dangerouslyAllowBrowser?: boolean | undefined;
}

export interface PollOptions {
  /** Picks the wait before each poll. @default adaptivePolling() */
  readonly policy?: PollingPolicy | undefined;
  /**
   * How long `wait()` keeps polling before `FluxTimeoutError` (time, not attempts), for every model. A task that
   * reports no progress is not stuck: FLUX 3 runs one to two and a half minutes with none.
   * @default per model: 5 minutes, or six of the model's typical runs when longer (9 minutes for `flux-3-image`);
   * see `defaultWaitTimeoutMs`
   * @example { poll: { timeoutMs: 15 * 60_000 } }
   */
  readonly timeoutMs?: number | undefined;
  /** Running per-model duration estimates; share one between clients to pool what they learn. */
  readonly estimator?: DurationEstimator | undefined;
}

/** What `submit` returns: everything needed to watch the task later, serialisable (e.g. to sessionStorage). */
export interface FluxJob {
  /** BFL's task id. */
  readonly id: string;
  /**
   * Where to poll, as BFL (another cluster host) or the proxy named it, resolved against the base URL;
   * `undefined` for webhook-shaped answers, and for a URL that cannot be resolved (polls then go to
   * `{baseUrl}/v1/get_result`).
   */
  readonly pollingUrl: string | undefined;
  /** The model id it was submitted to. */
  readonly model: string;
  /** Credits charged, when BFL says (FLUX.2). */
  readonly cost: number | null;
  readonly inputMp: number | null;
  readonly outputMp: number | null;
  /** `Date.now()` when the submit was answered. */
  readonly submittedAt: number;
}

/** A failed poll, for `FluxClient.nextPollDelay`: what it threw and how many polls in a row have failed. */
export interface PollFailure {
  /** What the poll threw (normalised with `FluxError.from`). */
  readonly error: unknown;
  /** Failed polls in a row, this one included (1 for the first). */
  readonly failures: number;
}

/** A task to watch: a `FluxJob`, or just its id (and polling URL) from elsewhere (a URL, a webhook, storage). */
export type TaskRef =
  string | (Pick<FluxJob, "id"> & Partial<Pick<FluxJob, "pollingUrl" | "model" | "submittedAt">>);

/** What the task's last poll said. */
export interface FluxTaskSnapshot {
  readonly id: string;
  /**
   * BFL's status, known ones in BFL's spelling: `Pending`, FLUX 3's `Reasoning` and `Generating`, `Ready`, `Error`,
   * `Request Moderated`, `Content Moderated`, `Task not found`; any other string as sent.
   */
  readonly status: string;
  /**
   * The in-flight stage, for a UI's "Reasoning…" / "Generating…": `"pending"`, `"reasoning"` or `"generating"`;
   * `undefined` on a terminal snapshot and for an in-flight status BFL has not documented. See `TaskStage`.
   */
  readonly stage: TaskStage | undefined;
  /** Progress as a 0–1 fraction (BFL sends either a fraction or a percentage), if reported. */
  readonly progress: number | undefined;
  /** The finished result, once `Ready`. */
  readonly result: FluxResult | undefined;
  /** The terminal failure this snapshot means (moderation, generation error, not found), if any. */
  readonly error: FluxError | undefined;
  /** Whether polling should stop. */
  readonly terminal: boolean;
  readonly details: unknown;
  readonly preview: unknown;
}

/** A finished generation. */
export interface FluxResult {
  readonly id: string;
  readonly model: string | undefined;
  /** The signed delivery URL (`result.sample`): valid 10 minutes (1 hour for FLUX 3), no CORS; download or persist it. */
  readonly url: string;
  /**
   * When `url` stops working: its `se=`/`exp=` parameter, else the model's lifetime (10 minutes; 1 hour for FLUX 3;
   * see the client's `deliveryLifetimeMs`) after it was made, for a BFL delivery URL. `undefined` for URLs with no known expiry, e.g. a copy persisted by your server (proxy `onResult`).
   */
  readonly expiresAt: Date | undefined;
  readonly seed: number | undefined;
  /** The prompt BFL used: the upsampled one when prompt upsampling was on. */
  readonly prompt: string | undefined;
  /** BFL-side timing, seconds since the epoch and seconds. */
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  readonly duration: number | undefined;
  /**
   * Credits BFL settled for the task: the top-level `cost` of the `Ready` poll, which FLUX.1 and Kontext send
   * instead of a cost at submit (docs/bfl-api.md, 2026 addendum §8.2); else one in `result`; else `undefined`
   * (FLUX.2 and the tools give theirs at submit: `FluxJob.cost`).
   */
  readonly cost: number | null | undefined;
  /** The `result` object exactly as BFL sent it. */
  readonly raw: Record<string, unknown>;
}

/** Progress of a `wait()`, passed to `onUpdate` after every poll. */
export interface WaitUpdate {
  readonly snapshot: FluxTaskSnapshot;
  /** Milliseconds since submit (or since `wait` began, for a bare id). */
  readonly elapsedMs: number;
  /** Polls made so far. */
  readonly polls: number;
}

export interface RequestOptions {
  /** Aborts the call; a queued submit leaves the queue, a poll loop stops, no timer is left. */
  readonly signal?: AbortSignal | undefined;
}

/**
 * Why a submit is waiting before BFL has its task, and when it tries again: the proxy's limit for this client
 * (`"client"`: its `maxActiveTasksPerClient`), BFL's for the account (`"account"`: 24 active tasks per key), or this
 * client's own cap (`"local"`: `maxConcurrent` and the model's cap, e.g. 6 for `flux-kontext-max`). No task exists
 * yet, so nothing is billed while it waits, and cancelling (its `signal`) is free.
 */
export interface SlotWait {
  readonly scope: "client" | "account" | "local";
  /** `Date.now()` of the next attempt; `undefined` for `"local"`, which goes as soon as a slot frees. */
  readonly retryAt: number | undefined;
  /** What the server said (the proxy's or BFL's `detail`), if anything. */
  readonly detail: string | undefined;
  /** The 429 answers so far (`0` for `"local"`). */
  readonly refusals: number;
}

export interface SubmitOptions extends RequestOptions {
  /**
   * Called each time the submit has to wait for a free slot (see `SlotWait`), so a UI can say so instead of
   * looking hung.
   * @example onWait: (wait) => show(`Waiting for a free slot (${wait.scope})`)
   */
  readonly onWait?: ((wait: SlotWait) => void) | undefined;
  /**
   * How long a rate-limited submit (a 429: certainly no task) keeps trying, counted from the call, e.g. while the
   * same person's other images run and the proxy holds their slots. Without it, a 429 is retried `retry.retries`
   * times.
   * @default undefined
   * @example { slotWaitMs: 10 * 60_000, signal } // a job tray: wait while the others run; cancel = abort
   */
  readonly slotWaitMs?: number | undefined;
}

export interface WaitOptions extends RequestOptions {
  /** Overrides `poll.timeoutMs` for this wait. */
  readonly timeoutMs?: number | undefined;
  readonly onUpdate?: ((update: WaitUpdate) => void) | undefined;
}

export interface GenerateOptions extends WaitOptions, SubmitOptions {
  /** Called once the task exists, with its handle: persist it to resume after a reload. */
  readonly onSubmitted?: ((job: FluxJob) => void) | undefined;
}

/** A downloaded image. */
export interface FluxDownload {
  readonly bytes: Uint8Array;
  readonly contentType: string;
  readonly url: string;
}
