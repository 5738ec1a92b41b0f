import type {
  FluxError,
  FluxGenerationStatus,
  FluxJob,
  FluxResult,
  SlotWait,
  TaskRef,
  TaskStage,
} from "@flux-kit/core";
import type { BoxRow } from "@flux-kit/core/boxes";
import type { FirstLoadLabels, FluxLabels } from "./labels";

/** Every state a generation can be in: core's `FluxGenerationStatus`. */
export type GenerationStatus = FluxGenerationStatus;

/**
 * What `ResultViewer` reads: the object `useFluxGeneration()` returns satisfies it, and so does a plain object
 * (for stories, tests, or a generation driven by something else).
 * @example <ResultViewer generation={useFluxGeneration({ model: "flux-2-pro" })} />
 */
export interface GenerationView {
  readonly status: GenerationStatus;
  /** 0–1, when BFL reports it. */
  readonly progress?: number | undefined;
  /**
   * While pending: `"pending"`, or FLUX 3's `"reasoning"` then `"generating"` (`useFluxGeneration`'s `stage`), shown
   * instead of progress, which FLUX 3 does not report.
   */
  readonly stage?: TaskStage | undefined;
  /** Time since submit, in ms. */
  readonly elapsedMs?: number | undefined;
  readonly task?: FluxJob | undefined;
  /** While submitting: why it waits for a free slot (`useFluxGeneration`'s `waiting`); the viewer offers cancel. */
  readonly waiting?: SlotWait | undefined;
  /** Other generations of this person running meanwhile, for the waiting message. @default 0 */
  readonly running?: number | undefined;
  readonly result?: FluxResult | undefined;
  /** The URL to show (may differ from `result.url`, e.g. a persisted copy). @default result.url */
  readonly imageUrl?: string | undefined;
  readonly expiresAt?: Date | undefined;
  readonly error?: FluxError | undefined;
  readonly cancel?: (() => void) | undefined;
  readonly retry?: (() => unknown) | undefined;
  readonly reset?: (() => void) | undefined;
  readonly resume?: (() => unknown) | undefined;
  /** Offered beside a finished image: a variation (the same request, a new seed). */
  readonly vary?: (() => unknown) | undefined;
  /** Offered beside a finished image: edit it (it becomes the form's reference image). */
  readonly edit?: (() => unknown) | undefined;
  /**
   * Offered when BFL rewrote the prompt (FLUX 3 expands every prompt; FLUX.2 [pro]/[max] upsample by default):
   * puts the prompt it rendered into the form, its caption and, for FLUX 3, its box rows.
   */
  readonly adoptPrompt?: ((prompt: string, boxes: readonly BoxRow[]) => unknown) | undefined;
  /**
   * Watches a task by id (`useFluxGeneration`'s `watch`): the uncertain-submit view uses it to look the task up
   * before anyone pays twice.
   */
  readonly watch?: ((task: TaskRef) => unknown) | undefined;
}

/**
 * Every string `ResultViewer` shows: `FluxLabels` and the few only the viewer uses. Pass any of them in the
 * viewer's `labels` to reword or translate them.
 */
export interface ViewerLabels extends FluxLabels {
  /** Announced while a finished image is still loading. @default "Loading your image…" */
  imageLoadingStatus: string;
  /** Heading when the finished image fails to load. @default "The image could not be loaded" */
  imageFailedTitle: string;
  /** What may have happened and what to do. */
  imageFailedMessage: string;
  /** Requests the same image again. @default "Load again" */
  reloadImage: string;
  /** Loads the image from its other source (a persisted copy, the delivery URL or the proxy's route). */
  loadOtherCopy: string;
}

/** The viewer's labels as its first load has them (see `FirstLoadLabels`). */
export type FirstLoadViewerLabels = FirstLoadLabels & Omit<ViewerLabels, keyof FluxLabels>;
