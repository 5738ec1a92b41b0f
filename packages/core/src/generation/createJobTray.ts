import type { FluxResult, TaskRef } from "../client/types";
import type { FluxError } from "../errors/FluxError";
import type { ModelDefinition } from "../models/types";
import {
  createGenerationController,
  type GenerationController,
  type GenerationControllerOptions,
} from "./createGenerationController";
import {
  createGenerationPersistence,
  storageAttempt,
  type GenerationPersistenceOptions,
} from "./generationPersistence";
import type { FluxGenerationState } from "./generationState";
import { isActiveStatus, isSettledStatus } from "./generationStatus";
import { stableKey } from "./stableKey";

/** One generation in a `JobTray`. Replaced (never mutated) on every change of its state. */
export interface TrayJob<Meta = unknown> {
  /** The tray's own id for it (not BFL's task id, which is `state.task?.id` once it exists). */
  readonly id: string;
  /** The model id it was submitted to. */
  readonly model: string;
  /** What was submitted; `undefined` after a reload when it was too large to keep (reference images). */
  readonly input: Readonly<Record<string, unknown>> | undefined;
  /** What the app attached to it (`generate(input, { meta })`), e.g. the form's request; kept across reloads. */
  readonly meta: Meta | undefined;
  /** `Date.now()` when it was added. */
  readonly createdAt: number;
  readonly state: FluxGenerationState;
}

/** Options of `createJobTray`: those of each job's generation controller, and where the tray is kept. */
export interface JobTrayOptions<Meta = unknown> extends Omit<
  GenerationControllerOptions,
  "model" | "defaults" | "persistence" | "onSubmitted" | "onReady" | "onError"
> {
  /**
   * Where the jobs (their tasks, results, inputs and `meta`) survive a reload; `false` for nowhere. Running jobs
   * resume on `connect()`, finished ones come back as they ended.
   * @default false
   * @example { key: "flux-kit:studio" } // sessionStorage
   */
  readonly persist?: Omit<GenerationPersistenceOptions, "maxAgeMs"> | false | undefined;
  /** Jobs kept: past this, the oldest finished ones are dropped. Active jobs are never dropped. @default 24 */
  readonly maxJobs?: number | undefined;
  /** A job's image is ready. */
  readonly onReady?: ((result: FluxResult, job: TrayJob<Meta>) => void) | undefined;
  /** A job failed, was moderated or timed out (not for `cancel`, `remove` or unmount). */
  readonly onError?: ((error: FluxError, job: TrayJob<Meta>) => void) | undefined;
}

/** Several generations at once, each with its own state, cancel and retry: a studio's job tray. */
export interface JobTray<Meta = unknown> {
  /** Newest first; a new array after every change, the same one otherwise. */
  getJobs: () => readonly TrayJob<Meta>[];
  subscribe: (listener: () => void) => () => void;
  /**
   * Adds a job submitting `input` to `call.model`. The same input to the same model while an earlier job with it
   * is still active is that job (a double click never pays twice), unless `call.another` asks for one more.
   * @example const { id, promise } = tray.generate({ prompt: "a fox" }, { model: "flux-2-pro", meta: request })
   */
  generate: (
    input: Readonly<Record<string, unknown>>,
    call: {
      readonly model: string | ModelDefinition;
      readonly meta?: Meta | undefined;
      /**
       * A job of its own even while the same input to the same model is active: a deliberate variation of a model
       * with no seed to vary (FLUX 3 Image: each run of one request differs), billed like any submit.
       * @default false
       */
      readonly another?: boolean | undefined;
    },
  ) => { readonly id: string; readonly promise: Promise<FluxResult> };
  /** Adds a job that watches an existing task. */
  watch: (
    task: TaskRef,
    call?: { readonly meta?: Meta | undefined },
  ) => { readonly id: string; readonly promise: Promise<FluxResult> };
  /** Stops a job: a submit waiting for a slot leaves the queue (no task made); a running task is no longer watched. */
  cancel: (id: string) => void;
  /** Watches a cancelled, timed-out or unreachable job's task again. */
  resume: (id: string) => Promise<FluxResult>;
  /** A settled job again: its task watched again after a failed poll, else its input submitted again (billed). */
  retry: (id: string) => Promise<FluxResult>;
  /** Forgets a job (stopping it first); BFL may still finish a running task. */
  remove: (id: string) => void;
  /** Attaches a user: the first one restores the kept jobs and resumes the running ones. Returns the detach. */
  connect: () => () => void;
  /** Tears every job down at once: no timer, watch or request is left. */
  stop: () => void;
  setOptions: (options: JobTrayOptions<Meta>) => void;
}

interface Entry<Meta> {
  job: TrayJob<Meta>;
  readonly key: string;
  readonly controller: GenerationController;
  disconnect: (() => void) | undefined;
}

/** What the tray's index keeps of a job. */
interface KeptJob {
  readonly id: string;
  readonly model: string;
  readonly input?: Record<string, unknown> | undefined;
  readonly meta?: unknown;
  readonly createdAt: number;
}

/** Inputs larger than this (reference images as data URLs) are not kept: sessionStorage holds about 5 MB. */
const MAX_KEPT_INPUT = 16_384;

/**
 * Creates a tray of generations that run side by side, each a `createGenerationController` of its own (its own
 * watch, deadline, cancel and persisted record), usable without React.
 *
 * @example
 * const tray = createJobTray({ client, slotWaitMs: 600_000, persist: { key: "studio" } });
 * tray.subscribe(() => render(tray.getJobs()));
 * tray.generate({ prompt: "a fox" }, { model: "flux-2-pro" });
 */
export function createJobTray<Meta = unknown>(initial: JobTrayOptions<Meta>): JobTray<Meta> {
  let options = initial;
  let entries: Entry<Meta>[] = [];
  let jobs: readonly TrayJob<Meta>[] = [];
  let users = 0;
  let restored = false;
  let counter = 0;
  const listeners = new Set<() => void>();

  const find = (id: string) => entries.find((e) => e.job.id === id);
  const keep = () => {
    const persist = options.persist;
    if (!persist) return;
    const kept: KeptJob[] = entries.map(({ job }) => {
      const input = job.input && JSON.stringify(job.input).length <= MAX_KEPT_INPUT ? job.input : undefined;
      return { id: job.id, model: job.model, input, meta: job.meta, createdAt: job.createdAt };
    });
    storageAttempt(persist.storage)((s) => s.setItem(persist.key, JSON.stringify({ v: 1, jobs: kept })));
  };
  const publish = () => {
    jobs = entries.map((entry) => entry.job);
    for (const listener of [...listeners]) listener();
  };
  const slotOf = (id: string) => {
    const persist = options.persist;
    return persist
      ? createGenerationPersistence({ key: `${persist.key}:${id}`, storage: persist.storage })
      : undefined;
  };
  const controllerOptions = (
    entry: () => Entry<Meta> | undefined,
    id: string,
  ): GenerationControllerOptions => {
    const { persist: _persist, maxJobs: _max, onReady, onError, ...rest } = options;
    return {
      ...rest,
      persistence: slotOf(id),
      onReady: (result) => {
        const e = entry();
        if (e) onReady?.(result, e.job);
      },
      onError: (error) => {
        const e = entry();
        if (e) onError?.(error, e.job);
      },
    };
  };

  const add = (
    id: string,
    model: string,
    input: Readonly<Record<string, unknown>> | undefined,
    meta: Meta | undefined,
    createdAt: number,
  ): Entry<Meta> => {
    const controller = createGenerationController(controllerOptions(() => find(id), id));
    const entry: Entry<Meta> = {
      job: { id, model, input, meta, createdAt, state: controller.getState() },
      key: stableKey([model, input]),
      controller,
      disconnect: undefined,
    };
    controller.subscribe(() => {
      const state = controller.getState();
      if (state === entry.job.state || !entries.includes(entry)) return;
      entry.job = { ...entry.job, state };
      publish();
    });
    entries = [entry, ...entries];
    trim();
    if (users > 0) entry.disconnect = controller.connect();
    return entry;
  };

  /** Drops the oldest settled jobs past `maxJobs`. */
  const trim = () => {
    const max = options.maxJobs ?? 24;
    let count = entries.length;
    for (let i = entries.length - 1; i >= 0 && count > max; i--) {
      const entry = entries[i]!;
      if (isActiveStatus(entry.controller.getState().status)) continue;
      drop(entry);
      count--;
    }
  };
  const drop = (entry: Entry<Meta>) => {
    entries = entries.filter((e) => e !== entry);
    entry.controller.reset(); // forgets its persisted record
    entry.disconnect?.();
    entry.controller.stop();
  };

  const restore = () => {
    restored = true;
    const persist = options.persist;
    if (!persist) return;
    const text = storageAttempt(persist.storage)((s) => s.getItem(persist.key));
    let kept: KeptJob[] = [];
    try {
      const raw = JSON.parse(text ?? "null") as { v?: unknown; jobs?: unknown } | null;
      if (raw?.v === 1 && Array.isArray(raw.jobs)) kept = raw.jobs.filter(isKeptJob);
    } catch {
      // a corrupt index is no index
    }
    for (const k of kept.reverse()) {
      counter = Math.max(counter, Number(/^j(\d+)-/.exec(k.id)?.[1] ?? 0));
      // connected as it is added: its controller resumes the task (or restores the result) from its own record;
      // one whose record is gone (it failed, or the page closed mid-submit) has nothing to show
      const entry = add(k.id, k.model, k.input, k.meta as Meta, k.createdAt);
      if (entry.controller.getState().status === "idle") drop(entry);
      else entry.job = { ...entry.job, state: entry.controller.getState() };
    }
    keep();
  };

  const none = (action: string, id: string) => {
    const p = Promise.reject(new TypeError(`${action}(): no job "${id}" in the tray.`));
    p.catch(() => undefined);
    return p;
  };
  const newId = () => `j${++counter}-${Date.now().toString(36)}`;

  return {
    getJobs: () => jobs,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    generate(input, call) {
      const model = typeof call.model === "object" ? call.model.id : call.model;
      const key = stableKey([model, input]);
      const same = call.another
        ? undefined
        : entries.find((e) => e.key === key && isActiveStatus(e.controller.getState().status));
      if (same) return { id: same.job.id, promise: same.controller.generate(input, { model: call.model }) };
      const entry = add(newId(), model, input, call.meta, Date.now());
      const promise = entry.controller.generate(input, { model: call.model });
      keep();
      publish();
      return { id: entry.job.id, promise };
    },
    watch(task, call = {}) {
      const model = typeof task === "string" ? "" : (task.model ?? "");
      const entry = add(newId(), model, undefined, call.meta, Date.now());
      const promise = entry.controller.watch(task);
      keep();
      publish();
      return { id: entry.job.id, promise };
    },
    cancel: (id) => find(id)?.controller.cancel(),
    resume: (id) => find(id)?.controller.resume() ?? none("resume", id),
    retry(id) {
      const entry = find(id);
      if (!entry) return none("retry", id);
      const { controller, job } = entry;
      // after a reload the controller does not know a settled job's input; the tray does (unless it was too large
      // to keep). A job still running is refused as the controller refuses it: its task may be billed already.
      const again = controller.retry().catch((error: unknown) => {
        const settled = isSettledStatus(controller.getState().status);
        if (!(error instanceof TypeError) || !job.input || !settled) throw error;
        return controller.generate(job.input, { model: job.model });
      });
      again.catch(() => undefined); // the failure is in the job's state; callers that await still get it
      return again;
    },
    remove(id) {
      const entry = find(id);
      if (!entry) return;
      drop(entry);
      keep();
      publish();
    },
    connect() {
      users++;
      if (users === 1) {
        if (!restored) restore();
        for (const entry of entries) entry.disconnect ??= entry.controller.connect();
        publish();
      }
      let connected = true;
      return () => {
        if (!connected) return;
        connected = false;
        users--;
        queueMicrotask(() => {
          if (users > 0) return;
          for (const entry of entries) {
            entry.disconnect?.();
            entry.disconnect = undefined;
          }
        });
      };
    },
    stop() {
      for (const entry of entries) {
        entry.disconnect = undefined;
        entry.controller.stop();
      }
    },
    setOptions(next) {
      options = next;
      for (const entry of entries) entry.controller.setOptions(controllerOptions(() => entry, entry.job.id));
    },
  };
}

function isKeptJob(value: unknown): value is KeptJob {
  const k = value as KeptJob | null;
  return (
    typeof k === "object" &&
    k !== null &&
    typeof k.id === "string" &&
    typeof k.model === "string" &&
    typeof k.createdAt === "number" &&
    (k.input === undefined || (typeof k.input === "object" && k.input !== null))
  );
}
