import type {
  FluxError,
  FluxGenerationStatus,
  FluxJob,
  FluxResult,
  FluxStorage,
  ModelId,
  ModelInput,
} from "@flux-kit/core";

export type { FluxGenerationStatus } from "@flux-kit/core";

/** Fields given in `defaults` become optional in `generate(input)`. */
export type GenerateInput<M extends ModelId, D = NoDefaults> = [keyof D] extends [never]
  ? ModelInput<M>
  : Simplify<
      Omit<ModelInput<M>, keyof D> & Partial<Pick<ModelInput<M>, Extract<keyof D, keyof ModelInput<M>>>>
    >;

/** `D`, with any field the model does not take turned into an error (`aspect_ratio` on FLUX.2, say). */
export type ExactDefaults<M extends ModelId, D> = D & {
  readonly [K in Exclude<keyof D, keyof ModelInput<M>>]: never;
};

/** The type of "no `defaults` given". */
export type NoDefaults = Record<never, never>;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** Where a generation's pending task is kept between page loads. */
export interface FluxPersistOptions {
  /**
   * Storage key; hooks that share a key share (and resume) one task.
   * @default `flux-kit:generation:${model}`
   * @example { key: "avatar-generator" }
   */
  readonly key?: string | undefined;
  /**
   * Where to keep it, or a function returning it (called only in the browser, after mount).
   * @default sessionStorage (per tab, survives reloads)
   * @example { storage: () => localStorage }
   */
  readonly storage?: FluxStorage | (() => FluxStorage | undefined) | undefined;
  /** Records older than this are dropped. @default 86_400_000 (24 h) */
  readonly maxAgeMs?: number | undefined;
}

/** Options shared by `useFluxGeneration` and `useFluxResult`. */
export interface FluxWatchOptions {
  /** Called when the image is ready (its URL lives about 10 minutes: show, download or persist it). */
  readonly onReady?: ((result: FluxResult) => void) | undefined;
  /** Called when it failed, was moderated or timed out (not for `cancel()`, `reset()` or unmount). */
  readonly onError?: ((error: FluxError) => void) | undefined;
  /**
   * Keep polling while the tab is hidden. When `false`, polling pauses in a hidden tab and catches up on focus.
   * @default false
   */
  readonly pollWhileHidden?: boolean | undefined;
  /**
   * How long one watch lasts before `timed-out` (one last poll is made first). `resume()` watches again.
   * @default the client's `poll.timeoutMs` (5 minutes)
   * @example { timeoutMs: 120_000 }
   */
  readonly timeoutMs?: number | undefined;
  /**
   * Persist the image in your own store before its URL expires and return the permanent URL: `imageUrl` switches to
   * it and the state never turns `expired`. Not needed when the proxy's `onResult` already replaced the URL.
   * @default undefined
   * @example persistImage: async (result) => (await upload(result.url)).url
   */
  readonly persistImage?:
    | ((result: FluxResult, context: { signal: AbortSignal }) => string | void | Promise<string | void>)
    | undefined;
  /**
   * When a result's image expires; `undefined` for never.
   * @default BFL delivery URLs (and proxied ones) expire at their signed time (~10 min); other URLs never
   */
  readonly imageExpiresAt?: ((result: FluxResult) => Date | undefined) | undefined;
  /**
   * Re-render this often while active so `elapsedMs` counts up live; `0` updates it only on real changes.
   * @default 0
   * @example { tickMs: 1000 }
   */
  readonly tickMs?: number | undefined;
}

/** Options of `useFluxGeneration`. */
export interface UseFluxGenerationOptions<
  M extends ModelId = ModelId,
  D = NoDefaults,
> extends FluxWatchOptions {
  /** The model to generate with; its id types `generate(input)`. @example { model: "flux-2-pro" } */
  readonly model: M;
  /**
   * Input fields used by every `generate(input)` (the call's fields win); they become optional there.
   * @default {}
   * @example { defaults: { width: 1024, height: 768, output_format: "png" } }
   */
  readonly defaults?: ExactDefaults<M, D> | undefined;
  /** Called once BFL accepted the task (its handle is already persisted). */
  readonly onSubmitted?: ((job: FluxJob) => void) | undefined;
  /**
   * Keep the pending task across reloads and resume it on mount; `false` to turn off.
   * @default true (sessionStorage, key `flux-kit:generation:${model}`)
   * @example { persist: { key: "hero-image", storage: () => localStorage } }
   */
  readonly persist?: boolean | FluxPersistOptions | undefined;
}

/** What a generation shows. */
export interface FluxGenerationView {
  /** `idle | submitting | pending | ready | failed | moderated | cancelled | timed-out | expired`. */
  readonly status: FluxGenerationStatus;
  /** The submitted task (serialisable: id, polling URL, model, cost…), once BFL accepted it. */
  readonly task: FluxJob | undefined;
  /** BFL's progress, 0–1, when reported. */
  readonly progress: number | undefined;
  /** Milliseconds since the generation started, as of the latest change (live with `tickMs`). */
  readonly elapsedMs: number;
  /** The finished result (seed, prompt, cost, timings, raw). */
  readonly result: FluxResult | undefined;
  /** The image to show (the delivery URL, or the persisted copy's). */
  readonly imageUrl: string | undefined;
  /** When `imageUrl` stops working; `undefined` if it does not expire. */
  readonly expiresAt: Date | undefined;
  /** Why it failed / was moderated / cancelled / timed out / expired: branch on `error.code` or `instanceof`. */
  readonly error: FluxError | undefined;
}

/** Actions on a watched task. */
export interface FluxWatchActions {
  /** Stops watching. BFL has no cancel endpoint: the task may still finish and be billed (`error` says so). */
  cancel: () => void;
  /** Watches the task again after `cancel()`, a time-out or a failed poll. */
  resume: () => Promise<FluxResult>;
  /** Back to `idle`, forgetting the persisted task. */
  reset: () => void;
}

/** What `useFluxGeneration` returns. */
export interface UseFluxGenerationResult<M extends ModelId = ModelId, D = NoDefaults>
  extends FluxGenerationView, FluxWatchActions {
  /**
   * Submits `{ ...defaults, ...input }` and watches the task; resolves with the result. The same input again while
   * it runs returns the same promise (never submits twice). Rejections are never unhandled: the failure is also
   * in `error`.
   */
  generate: (input: GenerateInput<M, D>) => Promise<FluxResult>;
  /**
   * A new, explicit submit of the last input (billed again). After a failed *poll* it watches the same task again
   * instead, since the task may still finish.
   */
  retry: () => Promise<FluxResult>;
}

/** Options of `useFluxResult`. */
export interface UseFluxResultOptions extends FluxWatchOptions {
  /** Watch only when `true`. @default true */
  readonly enabled?: boolean | undefined;
  /** The task's model, when known: it tunes the polling schedule. @default unknown */
  readonly model?: ModelId | undefined;
}

/** What `useFluxResult` returns. */
export interface UseFluxResultResult extends FluxGenerationView, FluxWatchActions {
  /** Watches the same task again (after a cancel, a time-out or a failed poll). */
  retry: () => Promise<FluxResult>;
}
