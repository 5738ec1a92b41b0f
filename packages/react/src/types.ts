import type {
  DefinitionInput,
  FluxError,
  FluxGenerationStatus,
  FluxJob,
  FluxResult,
  FluxStorage,
  ModelDefinition,
  ModelId,
  ModelInput,
  SlotWait,
  TaskRef,
  TaskStage,
} from "@flux-kit/core";

export type { FluxGenerationStatus } from "@flux-kit/core";

/** Fields given in `defaults` become optional in `generate(input)`. */
export type GenerateInput<M extends ModelId, D = NoDefaults> = WithDefaults<ModelInput<M>, D>;

/** `I` with the fields given in `D` optional; each member of a union of inputs on its own. */
type WithDefaults<I, D> = [keyof D] extends [never]
  ? I
  : I extends unknown
    ? Simplify<Omit<I, keyof D> & Partial<Pick<I, Extract<keyof D, keyof I>>>>
    : never;

/** Nothing when every field of `defaults` is one the model takes; else a property the call lacks (the error). */
type DefaultsFit<I, D> = [Exclude<keyof D, keyof I>] extends [never]
  ? unknown
  : { readonly "defaults has fields this model does not take": Exclude<keyof D, keyof I> };

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
   * @default the client's deadline for the task's model: `poll.timeoutMs`, else 5 minutes (9 for FLUX 3)
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

/** The second argument of `generate(input, options)`. */
export interface FluxGenerateOptions<N extends ModelId | ModelDefinition = ModelId | ModelDefinition> {
  /**
   * The model this input goes to, instead of the hook's `model`: a catalogue id, or a model definition (a
   * catalogue one such as `flux2Pro`, or your own from `defineModel`). It types `input`; the task, its persisted
   * handle and `retry()` keep it.
   * @default the hook's `model`
   * @example generate({ prompt: "a red fox" }, { model: "flux-2-klein-4b" })
   */
  readonly model?: N | undefined;
}

/**
 * `generate(input, options?)`: submits `{ ...defaults, ...input }` to `options.model`, else to the hook's `model`,
 * with `input` typed by that model (fields given in `defaults` optional; `defaults` the model does not take are an
 * error).
 */
export interface FluxGenerate<M extends ModelId, D = NoDefaults> {
  /** To another catalogue model, by id. */
  <N extends ModelId>(
    input: GenerateInput<N, D>,
    options: { readonly model: N } & DefaultsFit<ModelInput<N>, D>,
  ): Promise<FluxResult>;
  /** To a model definition (its schema types `input` and checks it locally). */
  <Def extends ModelDefinition>(
    input: WithDefaults<DefinitionInput<Def>, D>,
    options: { readonly model: Def } & DefaultsFit<DefinitionInput<Def>, D>,
  ): Promise<FluxResult>;
  /** To the hook's `model`. */
  (input: GenerateInput<M, D>, options?: FluxGenerateOptions<M>): Promise<FluxResult>;
}

/** Options of `useFluxGeneration`. */
export interface UseFluxGenerationOptions<
  M extends ModelId = ModelId,
  D = NoDefaults,
> extends FluxWatchOptions {
  /**
   * The model to generate with when `generate(input)` names none; its id types `generate(input)`. A call can name
   * another: `generate(input, { model })`.
   * @example { model: "flux-2-pro" }
   */
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
   * How long a rate-limited submit keeps trying for a free slot (`waiting` says why meanwhile); `cancel()` ends it.
   * @default undefined (the client's retries, then a `FluxRateLimitError`)
   * @example { slotWaitMs: 10 * 60_000 } // wait while this person's other images hold the proxy's slots
   */
  readonly slotWaitMs?: number | undefined;
  /**
   * Keep the pending task across reloads and resume it on mount; `false` to turn off. The handle names the model
   * the task went to (the call's, with `generate(input, { model })`), so a resumed task polls as that model.
   * @default true (sessionStorage, key `flux-kit:generation:${model}`, with the hook's `model`)
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
  /**
   * While `pending`: `"pending"`, or FLUX 3's `"reasoning"` then `"generating"`; `undefined` otherwise (see core's
   * `FluxGenerationState.stage`). FLUX 3 reports no progress: show this instead.
   * @example {gen.stage === "reasoning" && <p>Reasoning…</p>}
   */
  readonly stage: TaskStage | undefined;
  /**
   * While `submitting`: why the submit waits for a free slot (the proxy's limit for this person, BFL's for the
   * account, or the client's own cap), the server's words and the next try; `undefined` otherwise. No task
   * exists yet: `cancel()` is free.
   * @example {gen.waiting && <p>Waiting for a free slot… <button onClick={gen.cancel}>Cancel</button></p>}
   */
  readonly waiting: SlotWait | undefined;
  /** Milliseconds since the task was submitted (also after a reload), as of the latest change (live with `tickMs`). */
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
   * Submits `{ ...defaults, ...input }` to `options.model` (default: the hook's `model`) and watches the task;
   * resolves with the result. The same input to the same model again while it runs returns the same promise
   * (never submits twice); another input or model starts another task, the state follows the latest and the
   * earlier promise still resolves. Rejections are never unhandled: the failure is also in `error`.
   * @example
   * gen.generate({ prompt: "a red fox" }); // the hook's model
   * gen.generate({ prompt: "a red fox" }, { model: "flux-2-klein-4b" }); // input typed as klein's
   */
  generate: FluxGenerate<M, D>;
  /**
   * A new, explicit submit of the last input to the same model (billed again). After a failed *poll* it watches the
   * same task again instead, since the task may still finish.
   */
  retry: () => Promise<FluxResult>;
  /**
   * Watches a task that was submitted elsewhere (or whose submit answer was lost) by id, without submitting:
   * the state follows it like a submit's. An uncertain submit's view uses it to look the task up before anyone
   * pays twice; a task BFL does not know ends `failed` with `task_not_found`.
   * @example gen.watch({ id: "3f2b…", pollingUrl: "https://api.eu.bfl.ai/v1/get_result?id=3f2b…" })
   */
  watch: (task: TaskRef) => Promise<FluxResult>;
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
