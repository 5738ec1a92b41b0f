import type { WebhookScheme } from "@flux-kit/core";
import type { ApiKeyFormat } from "./apiKeyFormat";
import type { FaultSpec } from "./faults";
import type { PriceTable } from "./pricing";

/** A terminal (or never-terminal) result the mock can be told to produce for a task. */
export type OutcomeKind = "ready" | "request-moderated" | "content-moderated" | "error" | "stuck" | "slow";

/** A scripted outcome, as a bare kind or with details. */
export type ScriptedOutcome =
  | OutcomeKind
  | {
      readonly kind: OutcomeKind;
      /** Moderation reasons for `details["Moderation Reasons"]` (moderated outcomes). */
      readonly reasons?: readonly string[];
      /** `details` for an `error` outcome. */
      readonly details?: unknown;
      /** Overrides the drawn generation time (ms of simulated time, before `speed`). */
      readonly durationMs?: number;
    };

/** What a scripting hook sees about a submit. */
export interface SubmitInfo {
  readonly model: string;
  readonly prompt: string;
  readonly input: Readonly<Record<string, unknown>>;
}

/** Webhook delivery settings. BFL's payload and signature are unverified (reference §7): both versions exist. */
export interface MockWebhookOptions {
  /**
   * Preset: `"field"` = `{task_id, status:"SUCCESS"|"FAILED", result, error?}` signed with `X-Webhook-Secret`;
   * `"skill"` = `{id, status:"Ready"|…, result, timestamp}` signed with `X-BFL-Signature: sha256=<hmac>`.
   * @default "field"
   * @example { version: "skill" }
   */
  readonly version?: "field" | "skill";
  /** Overrides the preset's payload shape. @default the preset's */
  readonly payload?: "field" | "skill";
  /** Overrides the preset's signature scheme. @default the preset's */
  readonly signature?: WebhookScheme;
  /**
   * Delays before each retry after a failed delivery (non-2xx or network error), in ms.
   * @default [1000, 5000, 30000]
   */
  readonly retryDelaysMs?: readonly number[];
  /** The fetch used to deliver. @default globalThis.fetch */
  readonly fetch?: (input: Request) => Promise<Response>;
  /**
   * Shape of a submit response when `webhook_url` is set: `"polling"` = the normal `{id, polling_url, …}`;
   * `"webhook"` = OpenAPI's `AsyncWebhookResponse` `{id, status, webhook_url, …}` (no `polling_url`);
   * `"both"` = the union of the two.
   * @default "polling"
   */
  readonly submitResponse?: "polling" | "webhook" | "both";
}

/** Options of {@link createMockBfl}. Every default follows docs/bfl-api.md's best guess. */
export interface MockBflOptions {
  /**
   * API keys the mock accepts in `x-key`. Never use a real `bfl_` key here.
   * @default ["mock-key"]
   * @example { apiKeys: ["test-key-1", "test-key-2"] }
   */
  readonly apiKeys?: readonly string[];
  /**
   * The format check a key must pass before it is looked up: a malformed key gets 422
   * `{"detail":"Invalid API key format"}`, a well-formed unknown key 403 (docs/bfl-api.md Part II §9). A pattern
   * the whole key must match, a predicate, or `false` for no check. Keys in `apiKeys` always pass.
   * @default 1–128 of `A-Z a-z 0-9 . _ -`, not 64 hex digits (`DEFAULT_API_KEY_FORMAT`)
   * @example { apiKeyFormat: /^bfl_[A-Za-z0-9]{32}$/ }
   */
  readonly apiKeyFormat?: ApiKeyFormat;
  /**
   * FastAPI ≥ 0.132's `strict_content_type`: a submit body without a `Content-Type` header is kept as bytes
   * and answered 422, instead of being parsed as JSON (FastAPI < 0.132). BFL's FastAPI version is unknown
   * (docs/bfl-api.md Part II §10). A `text/plain` or form body is 422 either way.
   * @default false
   * @example { strictContentType: true }
   */
  readonly strictContentType?: boolean;
  /** Require `x-key` on submit and credits (polls never need it, as at BFL). @default true */
  readonly requireAuth?: boolean;
  /** Starting credits of each key. @default 10000 */
  readonly credits?: number;
  /**
   * Credits per model, overriding core's price table (the one `estimateCost` reads): core's `Price` shapes or the
   * legacy `{ base, perOutputMp, perInputMp }` formula. @default core's table, so the mock charges what
   * `estimateCost` predicts
   * @example { pricing: { "flux-2-pro": { kind: "flat", credits: 10 } } }
   */
  readonly pricing?: Partial<PriceTable>;
  /**
   * Where the price is reported (credits are charged at submit either way). `"bfl"`: as BFL does since 2026
   * (docs/bfl-api.md Part II §8.2): FLUX.2, FLUX 3 and the tools send `cost`/`input_mp`/`output_mp` on the
   * submit; FLUX.1-era and Kontext models send `null` there and a top-level settled `cost` on the Ready poll.
   * `"flux-2"`: FLUX.2 submits only, nothing settled (the mock before 2026). `"all"`: every submit. `"none"`:
   * nowhere.
   * @default "bfl"
   * @example { reportCost: "all" }
   */
  readonly reportCost?: "bfl" | "flux-2" | "all" | "none";
  /** Active-task cap per key across all models. @default 24 */
  readonly maxActiveTasks?: number;
  /** Active-task caps per model, on top of the total. @default each model's `maxConcurrent` (6 for kontext-max) */
  readonly maxActiveTasksPerModel?: Readonly<Record<string, number>>;
  /**
   * `Retry-After` on 429 (BFL's headers are unverified): `false` for none, `"estimate"` for the seconds until
   * the next active task finishes, or a fixed number of seconds.
   * @default false
   */
  readonly retryAfter?: false | "estimate" | number;
  /** `"real"` follows `Date.now()`; `"manual"` moves only on `advance(ms)`. @default "real" */
  readonly clock?: "real" | "manual";
  /** Start time of a manual clock, ms since the epoch. @default Date.now() at creation */
  readonly startTime?: number;
  /**
   * Divides every generation time: `speed: 10` makes a 5 s task take 0.5 s. Delivery expiry and
   * retention are not scaled. @default 1
   */
  readonly speed?: number;
  /**
   * Generation time in ms before `speed`: a number, a `[min, max]` uniform range, or a function. By default
   * a seeded lognormal around the model's `typicalDurationMs`.
   * @example { durationMs: [2000, 8000] }
   */
  readonly durationMs?: number | readonly [number, number] | ((model: string) => number);
  /** How much longer a `slow` task takes. @default 10 */
  readonly slowFactor?: number;
  /** Seed of every random draw (ids, durations, seeds, fault rates). @default a random seed */
  readonly seed?: number | string;
  /**
   * The HTTP status of a poll on a failed task (`status: "Error"`). BFL usually answers 200, but a failed task's
   * poll was seen answering 422 (and FLUX 3's docs name 503) with the same task body (docs/bfl-api.md Part II
   * §2.4, §8.3): clients must read `status` before treating it as a transport failure. @default 200
   * @example { errorPollStatus: 422 }
   */
  readonly errorPollStatus?: number;
  /** `progress` while Pending: a 0–1 fraction, a 0–100 percent, or always null. @default "fraction" */
  readonly progress?: "fraction" | "percent" | "null";
  /**
   * Finished tasks are forgotten this long after they finish (then a poll says `Task not found`): BFL keeps
   * results about an hour (docs/bfl-api.md Part II §8.3). Not scaled by `speed`.
   * @default 3600000 (1 hour)
   * @example { retentionMs: 60_000 }
   */
  readonly retentionMs?: number;
  /** Most tasks kept in memory; the oldest are evicted first. @default 10000 */
  readonly maxTasks?: number;
  /** Most requests kept in `mock.requests`. @default 1000 */
  readonly maxRequestLog?: number;
  /**
   * Origin (`https://host:port`) used in `polling_url`, like BFL's cluster hosts. @default the request's origin
   * @example { pollingOrigin: "http://127.0.0.1:4011" }
   */
  readonly pollingOrigin?: string;
  /**
   * What a poll gets when it reaches an origin other than the polling one (`pollingOrigin`, or
   * `startMockServer`'s `pollingPort`): `true` = HTTP 404 `{"detail":"Task not found"}`, as BFL's regional
   * clusters answer (docs/bfl-api.md Part II §8.3; the body is inferred); `"task-not-found"` = HTTP 200
   * `Task not found` (the mock's answer before 2026); `false` = served on any origin. Without a separate
   * polling origin every poll is served.
   * @default true
   * @example { pollingOrigin: "http://127.0.0.1:4012", strictPollingOrigin: false }
   */
  readonly strictPollingOrigin?: boolean | "task-not-found";
  /** Origin of `result.sample` URLs. @default the request's origin */
  readonly deliveryOrigin?: string;
  /** How long a delivery URL stays valid. @default 600000 (10 min) */
  readonly deliveryTtlMs?: number;
  /** Secret that signs delivery URLs. @default random per mock */
  readonly deliverySecret?: string;
  /** What `output_format: "webp"` is served as (no WebP encoder is bundled). @default "png" */
  readonly webpFallback?: "png" | "jpeg";
  /** JPEG quality 1–100. @default 85 */
  readonly jpegQuality?: number;
  /** Rendered images kept in memory (they are re-rendered on demand). @default 32 */
  readonly imageCacheSize?: number;
  /**
   * Decides a task's outcome from its submit (after prompt markers, which win). Return `undefined` for the
   * default (`ready`).
   * @example { outcome: ({ prompt }) => (prompt.includes("cat") ? "content-moderated" : undefined) }
   */
  readonly outcome?: (info: SubmitInfo) => ScriptedOutcome | undefined;
  /** Honour `[mock:…]` markers in prompts. @default true */
  readonly markers?: boolean;
  /** Random upstream faults for reliability tests. @default none */
  readonly faults?: FaultSpec;
  /** Webhook delivery. */
  readonly webhooks?: MockWebhookOptions;
}
