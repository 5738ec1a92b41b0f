import type { FluxError, FluxGenerationStatus, FluxJob, FluxResult } from "@flux-kit/core";

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
  /** Time since submit, in ms. */
  readonly elapsedMs?: number | undefined;
  readonly task?: FluxJob | undefined;
  readonly result?: FluxResult | undefined;
  /** The URL to show (may differ from `result.url`, e.g. a persisted copy). @default result.url */
  readonly imageUrl?: string | undefined;
  readonly expiresAt?: Date | undefined;
  readonly error?: FluxError | undefined;
  readonly cancel?: (() => void) | undefined;
  readonly retry?: (() => unknown) | undefined;
  readonly reset?: (() => void) | undefined;
  readonly resume?: (() => unknown) | undefined;
}
