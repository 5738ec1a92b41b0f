import { FluxExpiredError, type FluxError } from "../errors/FluxError";
import type { FluxJob, FluxResult, FluxTaskSnapshot, SlotWait } from "../client/types";
import type { TaskStage } from "../schemas/taskStatus";
import { isActiveStatus, statusOfError, type FluxGenerationStatus } from "./generationStatus";

/** Everything a UI shows about one generation. Replaced (never mutated) on every distinct change. */
export interface FluxGenerationState {
  readonly status: FluxGenerationStatus;
  /** The submitted task's handle (serialisable), once BFL accepted it. */
  readonly task: FluxJob | undefined;
  /** BFL's progress as a 0–1 fraction, when it reports one. */
  readonly progress: number | undefined;
  /**
   * While `pending`, the stage BFL's latest poll named: `"pending"` (also from the moment the task exists until a
   * poll names another), or FLUX 3's `"reasoning"` then `"generating"` (a UI shows "Reasoning…", "Generating…").
   * `undefined` for an in-flight status BFL has not documented, and whenever the generation is not pending. FLUX 3
   * reports no `progress`, so this is what moves during its one to two minutes.
   * @example state.stage === "reasoning" ? "Reasoning…" : state.stage === "generating" ? "Generating…" : "Waiting…"
   */
  readonly stage: TaskStage | undefined;
  /**
   * While `submitting`, why the submit is waiting for a free slot (the proxy's limit for this person, BFL's for the
   * account, or the client's own cap) and when it tries again; no task exists yet, so `cancel()` costs nothing.
   * `undefined` otherwise.
   * @example state.waiting ? `Waiting for a free slot, next try ${when(state.waiting.retryAt)}` : "Sending…"
   */
  readonly waiting: SlotWait | undefined;
  /** The finished result, once `ready` (kept when it later turns `expired`). */
  readonly result: FluxResult | undefined;
  /** The image to show: the delivery URL, or the persisted copy's URL. */
  readonly imageUrl: string | undefined;
  /** When `imageUrl` stops working; `undefined` when it does not expire (a persisted copy). */
  readonly expiresAt: Date | undefined;
  /** Why it failed, was moderated, cancelled, timed out or expired. */
  readonly error: FluxError | undefined;
  /** `Date.now()` when the generation (or the watch of a given task) began. */
  readonly startedAt: number | undefined;
  /** Milliseconds from `startedAt` to the latest change (to the end, once settled). */
  readonly elapsedMs: number;
}

/** The state before anything happened. */
export const IDLE_GENERATION: FluxGenerationState = /* @__PURE__ */ Object.freeze({
  status: "idle",
  task: undefined,
  progress: undefined,
  stage: undefined,
  waiting: undefined,
  result: undefined,
  imageUrl: undefined,
  expiresAt: undefined,
  error: undefined,
  startedAt: undefined,
  elapsedMs: 0,
});

/** What can happen to a generation; `at` is `Date.now()` when it happened. */
export type GenerationEvent =
  | { readonly type: "submit"; readonly at: number }
  | { readonly type: "wait"; readonly at: number; readonly wait: SlotWait }
  | { readonly type: "submitted"; readonly at: number; readonly job: FluxJob }
  | { readonly type: "watch"; readonly at: number; readonly job: FluxJob }
  | {
      readonly type: "snapshot";
      readonly at: number;
      readonly snapshot: FluxTaskSnapshot;
      /** When the result's image expires (the result's `expiresAt`); ignored unless the snapshot is `Ready`. */
      readonly expiresAt?: Date | undefined;
    }
  | { readonly type: "fail"; readonly at: number; readonly error: FluxError }
  | {
      readonly type: "restore";
      readonly at: number;
      readonly job: FluxJob;
      readonly result: FluxResult;
      readonly imageUrl: string;
      readonly expiresAt: Date | undefined;
    }
  | { readonly type: "image"; readonly at: number; readonly url: string }
  | { readonly type: "expire"; readonly at: number }
  | { readonly type: "tick"; readonly at: number }
  | { readonly type: "reset" };

/**
 * The generation state machine. Pure: returns `state` itself when the event changes nothing (a poll with the same
 * progress and stage, a late event for a settled generation), so subscribers can skip re-rendering on identity.
 *
 * @example
 * let s = reduceGeneration(IDLE_GENERATION, { type: "submit", at: Date.now() }); // status "submitting"
 */
export function reduceGeneration(state: FluxGenerationState, event: GenerationEvent): FluxGenerationState {
  const active = isActiveStatus(state.status);
  switch (event.type) {
    case "submit":
      return { ...IDLE_GENERATION, status: "submitting", startedAt: event.at };
    case "wait":
      if (state.status !== "submitting") return state;
      return { ...state, waiting: event.wait, elapsedMs: since(state, event.at) };
    case "submitted":
      if (state.status !== "submitting") return state;
      return {
        ...state,
        status: "pending",
        stage: "pending",
        waiting: undefined,
        task: event.job,
        elapsedMs: since(state, event.at),
      };
    case "watch": {
      // a resumed task's time counts from its submit (after a reload, after "keep waiting"), not from now
      const submitted = event.job.submittedAt;
      const startedAt = Number.isFinite(submitted) ? Math.min(submitted, event.at) : event.at;
      return {
        ...IDLE_GENERATION,
        status: "pending",
        stage: "pending",
        task: event.job,
        startedAt,
        elapsedMs: event.at - startedAt,
      };
    }
    case "snapshot": {
      if (state.status !== "pending") return state;
      const { snapshot, at } = event;
      if (snapshot.result) {
        return {
          ...state,
          status: "ready",
          progress: 1,
          stage: undefined,
          result: snapshot.result,
          imageUrl: snapshot.result.url,
          expiresAt: event.expiresAt,
          error: undefined,
          elapsedMs: since(state, at),
        };
      }
      if (snapshot.error) {
        const status = statusOfError(snapshot.error);
        return { ...state, status, stage: undefined, error: snapshot.error, elapsedMs: since(state, at) };
      }
      // a poll without progress keeps the last one; the stage is always the latest poll's
      const progress = snapshot.progress ?? state.progress;
      if (progress === state.progress && snapshot.stage === state.stage) return state;
      return { ...state, progress, stage: snapshot.stage, elapsedMs: since(state, at) };
    }
    case "fail":
      if (!active) return state;
      return {
        ...state,
        status: statusOfError(event.error),
        stage: undefined,
        waiting: undefined,
        error: event.error,
        elapsedMs: since(state, event.at),
      };
    case "restore":
      return {
        ...IDLE_GENERATION,
        status: "ready",
        task: event.job,
        progress: 1,
        result: event.result,
        imageUrl: event.imageUrl,
        expiresAt: event.expiresAt,
        startedAt: event.job.submittedAt,
        elapsedMs: event.result.duration === undefined ? 0 : Math.round(event.result.duration * 1000),
      };
    case "image":
      if ((state.status !== "ready" && state.status !== "expired") || state.imageUrl === event.url)
        return state;
      return { ...state, status: "ready", imageUrl: event.url, expiresAt: undefined, error: undefined };
    case "expire":
      if (state.status !== "ready" || !state.expiresAt || event.at < state.expiresAt.getTime()) return state;
      return {
        ...state,
        status: "expired",
        error: new FluxExpiredError(state.expiresAt, { taskId: state.task?.id }),
      };
    case "tick": {
      if (!active) return state;
      const elapsedMs = since(state, event.at);
      return elapsedMs === state.elapsedMs ? state : { ...state, elapsedMs };
    }
    case "reset":
      return state === IDLE_GENERATION ? state : IDLE_GENERATION;
  }
}

function since(state: FluxGenerationState, at: number): number {
  return state.startedAt === undefined ? 0 : Math.max(0, at - state.startedAt);
}
