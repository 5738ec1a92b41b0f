import { FluxAbortError, FluxError, FluxTimeoutError } from "../errors/FluxError";
import type { ModelId } from "../models/catalogue";
import type { ModelDefinition } from "../models/types";
import type { FluxClient } from "../client/createFluxClient";
import type { FluxJob, FluxResult, FluxTaskSnapshot, SubmitOptions, TaskRef } from "../client/types";
import {
  createGenerationPersistence,
  type GenerationPersistence,
  type GenerationPersistenceOptions,
} from "./generationPersistence";
import {
  IDLE_GENERATION,
  reduceGeneration,
  type FluxGenerationState,
  type GenerationEvent,
} from "./generationState";
import { isActiveStatus, isSettledStatus } from "./generationStatus";
import { stableKey } from "./stableKey";
import { pollingWatcher, type TaskWatch, type TaskWatcher } from "./taskWatcher";
import { after, call } from "../client/sleep";
import { createTimers } from "./timers";

/** Callbacks of a generation; the latest ones are used (set them again with `setOptions`). */
export interface GenerationCallbacks {
  /** BFL accepted the task: its handle is persisted already; store it yourself too if you like. */
  readonly onSubmitted?: ((job: FluxJob) => void) | undefined;
  /** The image is ready (the delivery URL lives about 10 minutes: show, download or persist it now). */
  readonly onReady?: ((result: FluxResult) => void) | undefined;
  /** The generation failed, was moderated or timed out (not called for `cancel()`, `reset()` or unmount). */
  readonly onError?: ((error: FluxError) => void) | undefined;
}

/** Options of `createGenerationController`. */
export interface GenerationControllerOptions extends GenerationCallbacks {
  readonly client: FluxClient;
  /**
   * The model `generate(input)` submits to when the call names none (`generate(input, { model })` wins). Not
   * needed to only `watch` tasks.
   * @default undefined (each `generate` must then name its model)
   * @example { model: "flux-2-pro" }
   */
  readonly model?: ModelRef | undefined;
  /** Input fields merged under every `generate(input)` (the call's fields win). @default {} */
  readonly defaults?: Readonly<Record<string, unknown>> | undefined;
  /**
   * How a submit is made; `model` is the call's model, else the `model` option; pass `options` (`onWait`,
   * `slotWaitMs`) on to keep `state.waiting` informed.
   * @default `client.submit(model, input, { signal, onWait, slotWaitMs })`
   */
  readonly submit?:
    | ((
        input: Record<string, unknown>,
        signal: AbortSignal,
        model: ModelRef,
        options: SubmitOptions,
      ) => Promise<FluxJob>)
    | undefined;
  /** How a task is watched. @default pollingWatcher(client) */
  readonly watch?: TaskWatcher | undefined;
  /**
   * Where the pending task (then its result) is kept to survive a reload: a slot's options (its storage key, the
   * storage, the longest age) or a slot of your own; `false`/`undefined` for nowhere.
   * @default undefined
   * @example { persistence: { key: "flux-kit:generation:avatar" } } // sessionStorage
   */
  readonly persistence?: GenerationPersistence | GenerationPersistenceOptions | false | undefined;
  /**
   * How long one watch may last before `timed-out` (one last poll is made first); `resume()` watches again.
   * @default `client.poll.timeoutFor(task.model)`: the client's `poll.timeoutMs`, else a deadline that fits the
   * model (5 minutes; 9 for FLUX 3, whose runs take one to two and a half minutes)
   */
  readonly timeoutMs?: number | undefined;
  /** When a result's image expires (`undefined`: never). @default the result's own `expiresAt` */
  readonly expiresAt?: ((result: FluxResult) => Date | undefined) | undefined;
  /**
   * Persist the image before its URL expires (upload it to your store) and return the permanent URL: `imageUrl`
   * switches to it and the state never turns `expired`. Return nothing to keep the delivery URL.
   * @default undefined (not persisted by the app; the proxy's `onResult` may have done it already)
   * @example persistImage: async (result) => (await fetch("/api/keep", { method: "POST", body: result.url })).text()
   */
  readonly persistImage?:
    | ((result: FluxResult, context: { signal: AbortSignal }) => string | void | Promise<string | void>)
    | undefined;
  /**
   * How long a rate-limited submit keeps trying for a free slot (while `state.waiting` says why), e.g. while the
   * proxy holds this person's slots for their other images; `cancel()` ends the wait, and nothing is billed.
   * @default undefined (the client's retries: a few attempts, then `FluxRateLimitError`)
   * @example { slotWaitMs: 10 * 60_000 }
   */
  readonly slotWaitMs?: number | undefined;
  /** Refresh `elapsedMs` this often while active (each refresh is a state change); `0` for only on changes. @default 0 */
  readonly tickMs?: number | undefined;
}

/** A model id (`"flux-2-pro"`) or a model definition (a catalogue one or your own `defineModel`). */
type ModelRef = string | ModelDefinition;

/** The framework-agnostic generation: state machine, submit-once, watch, persistence, expiry. */
export interface GenerationController {
  getState: () => FluxGenerationState;
  /** Called after every distinct state change. */
  subscribe: (listener: () => void) => () => void;
  /**
   * Submits `{ ...defaults, ...input }` to `call.model` (default: the `model` option) and watches the task. The
   * same input to the same model again while it is still submitting or pending returns the same promise (double
   * clicks, StrictMode effects): it never submits twice. Another input or model starts another task; the state
   * follows the latest and the earlier promise still settles. The promise never causes an unhandled rejection;
   * the failure is also in `state.error`. The persisted handle records the model the task was submitted to.
   * @example gen.generate({ prompt: "a red fox" }, { model: "flux-2-klein-4b" })
   */
  generate: (
    input?: Readonly<Record<string, unknown>>,
    call?: { readonly model?: ModelRef | undefined },
  ) => Promise<FluxResult>;
  /** Watches an existing task (an id from a URL, a webhook, another tab). */
  watch: (task: TaskRef) => Promise<FluxResult>;
  /** Stops watching (BFL has no cancel: the task may still finish and be billed). `resume()` watches again. */
  cancel: () => void;
  /**
   * After a settled generation: submits the last input to the same model again (a new, billed task). After a
   * failed *watch* (a poll that failed on the network), watches the same task again instead, since it may still
   * finish.
   */
  retry: () => Promise<FluxResult>;
  /** Watches the current task again after `cancel()`, a time-out or a failed poll. */
  resume: () => Promise<FluxResult>;
  /** Back to `idle`: stops watching and forgets the persisted task. */
  reset: () => void;
  /**
   * Attaches a user (a mounted component): the first one resumes a persisted task. Returns the detach function; the
   * last detach tears everything down a microtask later, so a StrictMode remount keeps the running generation.
   */
  connect: () => () => void;
  /** Tears down at once: no timer, watch or request is left. Promises in flight reject with `FluxAbortError`. */
  stop: () => void;
  /** Replaces the options (e.g. fresh callbacks on every render). */
  setOptions: (options: GenerationControllerOptions) => void;
}

interface Run {
  readonly key: string | undefined;
  readonly input: Record<string, unknown> | undefined;
  /** The model `input` was (or is to be) submitted to. */
  readonly model: ModelRef | undefined;
  job: FluxJob | undefined;
  readonly abort: AbortController;
  watch: TaskWatch | undefined;
  /** Clears the wait's deadline, while it is armed. */
  deadline: (() => void) | undefined;
  settled: boolean;
  /** A poll (not BFL) failed: the task may still finish. */
  watchFailed: boolean;
  readonly promise: Promise<FluxResult>;
  resolve(result: FluxResult): void;
  reject(error: FluxError): void;
}

/**
 * Creates the generation state machine that `useFluxGeneration` / `useFluxResult` render, usable without React.
 *
 * @example
 * const gen = createGenerationController({ client, model: "flux-2-pro" });
 * gen.subscribe(() => console.log(gen.getState().status));
 * const result = await gen.generate({ prompt: "a red fox in snow" });
 */
export function createGenerationController(initial: GenerationControllerOptions): GenerationController {
  let options = initial;
  let state = IDLE_GENERATION;
  let current: Run | undefined;
  let users = 0;
  let live = true;
  let life = new AbortController();
  const runs = new Set<Run>();
  const listeners = new Set<() => void>();
  const timers = createTimers();

  const dispatch = (event: GenerationEvent) => {
    const next = reduceGeneration(state, event);
    if (next === state) return;
    state = next;
    syncTimers();
    for (const listener of [...listeners]) listener();
  };

  /** Expiry and tick timers follow the state; none while stopped. */
  const syncTimers = () => {
    const expiresAt = state.status === "ready" && live ? state.expiresAt?.getTime() : undefined;
    timers.set("expire", expiresAt, () => dispatch({ type: "expire", at: Date.now() }));
    const tickMs = options.tickMs ?? 0;
    const ticking = live && tickMs > 0 && isActiveStatus(state.status);
    timers.every("tick", ticking ? tickMs : undefined, () => dispatch({ type: "tick", at: Date.now() }));
  };

  const persistence = () => {
    const slot = options.persistence;
    return !slot ? undefined : "load" in slot ? slot : createGenerationPersistence(slot);
  };

  const newRun = (
    key: string | undefined,
    input: Record<string, unknown> | undefined,
    model: ModelRef | undefined,
  ): Run => {
    let resolve!: (result: FluxResult) => void;
    let reject!: (error: FluxError) => void;
    const promise = new Promise<FluxResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    promise.catch(() => undefined); // the failure is in state.error; callers that await still get it
    const run: Run = {
      key,
      input,
      model,
      job: undefined,
      abort: new AbortController(),
      watch: undefined,
      deadline: undefined,
      settled: false,
      watchFailed: false,
      promise,
      resolve,
      reject,
    };
    runs.add(run);
    current = run;
    return run;
  };

  const detach = (run: Run) => {
    run.watch?.stop();
    run.watch = undefined;
    run.deadline?.();
    run.deadline = undefined;
  };

  const finish = (run: Run, outcome: FluxResult | FluxError) => {
    if (run.settled) return false;
    run.settled = true;
    detach(run);
    run.abort.abort();
    runs.delete(run);
    if (outcome instanceof FluxError) run.reject(outcome);
    else run.resolve(outcome);
    return true;
  };

  const fail = (run: Run, error: FluxError, notify: boolean) => {
    if (!finish(run, error)) return;
    if (run === current) {
      dispatch({ type: "fail", at: Date.now(), error });
      if (!run.watchFailed) persistence()?.clear();
    }
    if (notify) call(options.onError, error);
  };

  const onReady = (run: Run, job: FluxJob, result: FluxResult) => {
    if (!finish(run, result)) return;
    if (run === current) {
      const expiresAt = state.expiresAt;
      persistence()?.save({ job, savedAt: Date.now(), result, imageUrl: result.url, expiresAt });
      keepImage(run, job, result);
    }
    call(options.onReady, result);
  };

  const keepImage = (run: Run, job: FluxJob, result: FluxResult) => {
    const persist = options.persistImage;
    if (!persist) return;
    const signal = life.signal;
    void Promise.resolve()
      .then(() => persist(result, { signal }))
      .then((url) => {
        if (typeof url !== "string" || url === "" || run !== current || signal.aborted) return;
        dispatch({ type: "image", at: Date.now(), url });
        persistence()?.save({ job, savedAt: Date.now(), result, imageUrl: url, expiresAt: undefined });
      })
      .catch((error: unknown) => call(options.onError, FluxError.from(error)));
  };

  const onSnapshot = (run: Run, job: FluxJob, snapshot: FluxTaskSnapshot) => {
    if (run.settled) return;
    if (run === current) {
      const expiresAt =
        snapshot.result && (options.expiresAt ?? ((r: FluxResult) => r.expiresAt))(snapshot.result);
      dispatch({ type: "snapshot", at: Date.now(), snapshot, expiresAt });
    }
    if (snapshot.result) onReady(run, job, snapshot.result);
    else if (snapshot.error) {
      if (!finish(run, snapshot.error)) return;
      if (run === current) persistence()?.clear();
      call(options.onError, snapshot.error);
    }
  };

  const attach = (run: Run, job: FluxJob) => {
    if (!live || run.settled) return;
    const watcher = options.watch ?? pollingWatcher(options.client);
    run.watch = watcher(job, {
      snapshot: (snapshot) => onSnapshot(run, job, snapshot),
      error: (error) => {
        run.watchFailed = true;
        fail(run, withTask(error, job.id), true);
      },
    });
    const timeoutMs = options.timeoutMs ?? options.client.poll.timeoutFor(job.model || undefined);
    run.deadline = after(timeoutMs, () => {
      run.deadline = undefined;
      void (async () => {
        const last = await run.watch?.refresh().catch(() => undefined);
        if (last) onSnapshot(run, job, last);
        if (run.settled) return;
        run.watchFailed = true;
        fail(run, new FluxTimeoutError("wait", undefined, { taskId: job.id }), true);
      })();
    });
  };

  const startWatch = (
    job: FluxJob,
    input?: Record<string, unknown>,
    model?: ModelRef,
  ): Promise<FluxResult> => {
    const run = newRun(undefined, input, model);
    run.job = job;
    dispatch({ type: "watch", at: Date.now(), job });
    attach(run, job);
    return run.promise;
  };

  const submit = (
    input: Record<string, unknown>,
    model: ModelRef | undefined,
    key = stableKey([idOf(model), input]),
  ): Promise<FluxResult> => {
    const run = newRun(key, input, model);
    dispatch({ type: "submit", at: Date.now() });
    const client = options.client;
    const send =
      options.submit ??
      ((body: Record<string, unknown>, signal: AbortSignal, to: ModelRef, opts: SubmitOptions) =>
        client.submit(to as ModelId, body as never, opts));
    const submitOptions: SubmitOptions = {
      signal: run.abort.signal,
      slotWaitMs: options.slotWaitMs,
      onWait: (wait) => {
        if (run === current && !run.settled) dispatch({ type: "wait", at: Date.now(), wait });
      },
    };
    Promise.resolve()
      .then(() => {
        if (model === undefined)
          throw new TypeError(
            "generate() needs a model: set the `model` option or call generate(input, { model }).",
          );
        return send(input, run.abort.signal, model, submitOptions);
      })
      .then(
        (answer) => {
          if (run.settled) return;
          // the record names the model the task went to, so a resume polls (and schedules) it as that model
          const job = answer.model ? answer : { ...answer, model: idOf(model) ?? "" };
          run.job = job;
          if (run === current) {
            persistence()?.save({ job, savedAt: Date.now() });
            dispatch({ type: "submitted", at: Date.now(), job });
          }
          call(options.onSubmitted, job);
          attach(run, job);
        },
        (error: unknown) => {
          const failure = FluxError.from(error);
          fail(run, failure, !(failure instanceof FluxAbortError));
        },
      );
    return run.promise;
  };

  const rejectWith = (message: string) => {
    const p = Promise.reject(new TypeError(message));
    p.catch(() => undefined);
    return p;
  };

  const start = () => {
    live = true;
    if (life.signal.aborted) life = new AbortController();
    syncTimers();
    const run = current;
    if (run && !run.settled) {
      if (run.job && !run.watch) attach(run, run.job);
      return;
    }
    if (state.status === "pending" && state.task) {
      void startWatch(state.task, run?.input, run?.model);
      return;
    }
    if (state.status !== "idle") return;
    const record = persistence()?.load();
    if (!record) return;
    if (record.result && record.imageUrl) {
      const at = Date.now();
      const { job, result, imageUrl, expiresAt } = record;
      dispatch({ type: "restore", at, job, result, imageUrl, expiresAt });
      dispatch({ type: "expire", at });
      return;
    }
    void startWatch(record.job);
  };

  const stop = () => {
    live = false;
    life.abort();
    for (const run of [...runs]) {
      run.abort.abort();
      const submitting = run === current && state.status === "submitting";
      if (submitting) fail(run, new FluxAbortError(UNMOUNTED_SUBMIT), false);
      else finish(run, new FluxAbortError(UNMOUNTED));
    }
    timers.clearAll();
  };

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    generate(input = {}, call = {}) {
      const model = call.model ?? options.model;
      const body = { ...options.defaults, ...input };
      const key = stableKey([idOf(model), body]);
      if (current && !current.settled && current.key === key) return current.promise;
      return submit(body, model, key);
    },
    watch(task) {
      const job = toJob(task);
      if (current && !current.settled && current.job?.id === job.id) return current.promise;
      // watching another task replaces this one (unlike generate(), whose earlier tasks finish in the background)
      if (current && !current.settled) finish(current, new FluxAbortError(UNMOUNTED));
      return startWatch(job);
    },
    cancel() {
      const run = current;
      if (!run || run.settled || !isActiveStatus(state.status)) return;
      const message = run.job
        ? `Stopped watching task ${run.job.id}. BFL has no cancel endpoint: the task may still finish and be billed. resume() watches it again.`
        : // before the next try, no request is in flight: certainly no task
          (state.waiting?.retryAt ?? 0) > Date.now()
          ? "Cancelled while waiting for a free slot: no task was created, so nothing is billed."
          : "Cancelled during submit: if the request had already reached BFL, the task may still run and be billed.";
      run.abort.abort();
      fail(run, new FluxAbortError(message, { taskId: run.job?.id }), false);
    },
    retry() {
      const run = current;
      if (!run || !isSettledStatus(state.status))
        return rejectWith("retry(): there is no settled generation.");
      if (run.watchFailed && run.job) return startWatch(run.job, run.input, run.model);
      if (run.input) return submit(run.input, run.model ?? options.model);
      // a task that answered (failed, moderated) gives the same answer again: only a cancelled watch resumes
      if (run.job && state.status === "cancelled") return startWatch(run.job);
      return rejectWith(
        "retry(): the input of this generation is unknown (it was resumed); call generate(input).",
      );
    },
    resume() {
      const run = current;
      if (run && !run.settled && run.job) return run.promise;
      const job = state.task;
      const resumable =
        state.status === "cancelled" || state.status === "timed-out" || state.status === "failed";
      if (!job || !resumable || (state.status === "failed" && run && !run.watchFailed))
        return rejectWith("resume(): no cancelled, timed-out or unreachable task to watch again.");
      persistence()?.save({ job, savedAt: Date.now() });
      return startWatch(job, run?.input, run?.model);
    },
    reset() {
      const run = current;
      current = undefined;
      if (run) finish(run, new FluxAbortError("Reset: stopped watching; the task may still finish at BFL."));
      persistence()?.clear();
      dispatch({ type: "reset" });
    },
    connect() {
      users++;
      if (users === 1) start();
      let connected = true;
      return () => {
        if (!connected) return;
        connected = false;
        users--;
        queueMicrotask(() => {
          if (users === 0 && live) stop();
        });
      };
    },
    stop,
    setOptions(next) {
      const tickChanged = (next.tickMs ?? 0) !== (options.tickMs ?? 0);
      options = next;
      if (tickChanged) syncTimers();
    },
  };
}

const UNMOUNTED = "Stopped watching: the component unmounted. The task may still finish at BFL.";
const UNMOUNTED_SUBMIT =
  "The component unmounted during the submit: if the request had reached BFL, the task may still run and be billed.";

function idOf(model: ModelRef | undefined): string | undefined {
  return typeof model === "object" ? model.id : model;
}

/** A `FluxJob` for a task known only by id (or a partial handle). */
export function toJob(task: TaskRef, now: number = Date.now()): FluxJob {
  if (typeof task === "string") {
    return {
      id: task,
      pollingUrl: undefined,
      model: "",
      cost: null,
      inputMp: null,
      outputMp: null,
      submittedAt: now,
    };
  }
  return {
    cost: null,
    inputMp: null,
    outputMp: null,
    ...task,
    pollingUrl: task.pollingUrl,
    model: task.model ?? "",
    submittedAt: task.submittedAt ?? now,
  };
}

function withTask(error: FluxError, taskId: string): FluxError {
  return error.taskId === undefined ? Object.assign(error, { taskId }) : error;
}
