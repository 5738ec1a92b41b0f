import { readFile } from "node:fs/promises";
import {
  FluxError,
  FluxGenerationError,
  FluxModerationError,
  type FluxClient,
  type FluxResult,
  type TaskRef,
} from "@flux-kit/core";
import { writeAtomically } from "./createGallery";

/** A task the server is following, as the gallery API shows it. */
export interface PendingTask {
  readonly id: string;
  readonly model: string;
  readonly submittedAt: number;
  /** Last reported progress, 0–1. */
  readonly progress: number | undefined;
}

/** A task that ended without an image (moderated, failed, not found, timed out). */
export interface FailedTask {
  readonly id: string;
  readonly model: string;
  /** `FluxError.code`: `"moderated"`, `"generation_failed"`, `"task_not_found"`, `"timeout"`, … */
  readonly code: string;
  readonly message: string;
  /** Moderation reasons BFL gave (e.g. `"Violence"`), empty for other failures. */
  readonly reasons: readonly string[];
  /** What BFL said about a failed generation (`details.error`), if anything. */
  readonly detail?: string | undefined;
  readonly submittedAt: number;
  /** The prompt it was submitted with (cut to 500 characters), so the card says which generation this was. */
  readonly prompt?: string | undefined;
  /** When it ended, ms since the epoch. */
  readonly at: number;
}

/** A failure as kept on the server: with the session it belongs to (never in an answer). */
interface StoredFailure extends FailedTask {
  readonly owner: string | undefined;
}

interface StoredJob {
  readonly id: string;
  /** The demo session that submitted it (its cookie's id); `undefined` for jobs saved before sessions. */
  readonly owner: string | undefined;
  readonly pollingUrl: string | undefined;
  readonly model: string;
  readonly submittedAt: number;
  /** The submitted prompt, from the proxy's `onSubmit` (cut to 500 characters). */
  readonly prompt?: string | undefined;
}

export interface TaskWatcherOptions {
  readonly client: FluxClient;
  /** Saves a finished task's image (the same call the proxy's `onResult` makes; it must be idempotent). */
  readonly onReady: (job: StoredJob, result: FluxResult) => Promise<unknown>;
  /** Where the watched jobs are kept, so a restarted server watches them again. */
  readonly file: string;
  /** Where recent failures are kept, so their outcome outlives a restart. */
  readonly failedFile: string;
  /** How long one task is followed before giving up. @default 1_800_000 (30 min) */
  readonly timeoutMs?: number;
}

export interface TaskWatcher {
  /** Follows a task the proxy just submitted until it ends, then persists its image. */
  watch(job: StoredJob): void;
  /** The job of a watched task (its model), if any. */
  job(id: string): StoredJob | undefined;
  /** The session that submitted a task watched now or recently (the last 1,000 ended), if known. */
  owner(id: string): string | undefined;
  /** The session's tasks still running. */
  pending(owner: string): readonly PendingTask[];
  /** The session's recent tasks that ended without an image, newest first (at most 20 per session). */
  failed(owner: string): readonly FailedTask[];
  /** Stops every poll (the jobs stay on disk). */
  close(): Promise<void>;
}

const MAX_FAILED = 20;
/** Ended tasks whose session is remembered, for a browser's poll that reaches Ready after the watcher's. */
const MAX_ENDED_OWNERS = 1000;
/** Failures kept in all, across sessions. */
const MAX_STORED_FAILED = 1000;

/**
 * Follows every submitted task on the server, with the server's own keyed client, so a result is persisted even
 * when no browser is polling (the tab was closed mid-generation). Jobs are saved to `file` and watched again
 * after a restart. Each job and failure belongs to the session that submitted it, and is listed to it only.
 *
 * @example
 * const watcher = await createTaskWatcher({ client, file: ".data/pending.json", onReady: persist });
 * watcher.watch({ id, owner: sessionId, pollingUrl, model, submittedAt: Date.now() });
 */
export async function createTaskWatcher(options: TaskWatcherOptions): Promise<TaskWatcher> {
  const jobs = new Map<string, { job: StoredJob; progress: number | undefined; abort: AbortController }>();
  let failures: StoredFailure[] = await readFailures(options.failedFile);
  const running = new Set<Promise<void>>();
  let closed = false;
  let saving: Promise<void> = Promise.resolve();
  const save = (file: string, data: unknown) => {
    const snapshot = JSON.stringify(data);
    saving = saving.then(() => writeAtomically(file, snapshot)).catch(() => undefined);
  };
  const saveJobs = () =>
    save(
      options.file,
      [...jobs.values()].map((entry) => entry.job),
    );

  const watch = (job: StoredJob, store = true) => {
    if (closed || jobs.has(job.id)) return;
    const entry = { job, progress: undefined as number | undefined, abort: new AbortController() };
    jobs.set(job.id, entry);
    if (store) saveJobs();
    const ref: TaskRef = {
      id: job.id,
      pollingUrl: job.pollingUrl,
      model: job.model,
      submittedAt: job.submittedAt,
    };
    const run = options.client
      .wait(ref, {
        signal: entry.abort.signal,
        timeoutMs: options.timeoutMs ?? 30 * 60_000,
        onUpdate: ({ snapshot }) => {
          entry.progress = snapshot.progress;
        },
      })
      .then((result) => options.onReady(job, result))
      .then(
        () => finish(job.id),
        (error: unknown) => {
          if (entry.abort.signal.aborted) return;
          const e = FluxError.from(error);
          const failure: StoredFailure = {
            id: job.id,
            owner: job.owner,
            model: job.model,
            code: e.code,
            message: e.message,
            reasons: e instanceof FluxModerationError ? e.reasons : [],
            detail: e instanceof FluxGenerationError ? detailText(e.details) : undefined,
            submittedAt: job.submittedAt,
            prompt: job.prompt,
            at: Date.now(),
          };
          // newest first: at most MAX_FAILED of this session's, and MAX_STORED_FAILED in all
          const overflow = new Set(failures.filter((f) => f.owner === job.owner).slice(MAX_FAILED - 1));
          failures = [failure, ...failures.filter((f) => !overflow.has(f))].slice(0, MAX_STORED_FAILED);
          save(options.failedFile, failures);
          finish(job.id);
        },
      );
    running.add(run);
    void run.finally(() => running.delete(run));
  };
  const endedOwners = new Map<string, string>();
  const finish = (id: string) => {
    const owner = jobs.get(id)?.job.owner;
    if (owner !== undefined) endedOwners.set(id, owner);
    if (endedOwners.size > MAX_ENDED_OWNERS) endedOwners.delete(endedOwners.keys().next().value!);
    jobs.delete(id);
    saveJobs();
  };

  for (const job of await readJobs(options.file)) watch(job, false);

  return {
    watch: (job) => watch(job),
    job: (id) => jobs.get(id)?.job,
    owner: (id) => jobs.get(id)?.job.owner ?? endedOwners.get(id),
    pending: (owner) =>
      [...jobs.values()]
        .filter(({ job }) => job.owner !== undefined && job.owner === owner)
        .map(({ job, progress }) => ({
          id: job.id,
          model: job.model,
          submittedAt: job.submittedAt,
          progress,
        })),
    failed: (owner) =>
      failures
        .filter((f) => f.owner !== undefined && f.owner === owner)
        .map(({ owner: _owner, ...failure }) => failure),
    async close() {
      closed = true;
      for (const entry of jobs.values()) entry.abort.abort();
      await Promise.allSettled([...running]);
      await saving;
    },
  };
}

async function readJobs(file: string): Promise<StoredJob[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter(
        (j): j is StoredJob =>
          typeof j === "object" &&
          j !== null &&
          typeof (j as StoredJob).id === "string" &&
          typeof (j as StoredJob).model === "string" &&
          typeof (j as StoredJob).submittedAt === "number",
      )
      .map((j) => ({ ...j, owner: typeof j.owner === "string" ? j.owner : undefined }));
  } catch {
    return [];
  }
}

async function readFailures(file: string): Promise<StoredFailure[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter(
        (f): f is StoredFailure =>
          typeof f === "object" &&
          f !== null &&
          typeof (f as FailedTask).id === "string" &&
          typeof (f as FailedTask).code === "string" &&
          typeof (f as FailedTask).at === "number",
      )
      .map((f) => ({
        ...f,
        owner: typeof f.owner === "string" ? f.owner : undefined,
        reasons: Array.isArray(f.reasons) ? f.reasons : [],
      }))
      .slice(0, MAX_STORED_FAILED);
  } catch {
    return [];
  }
}

function detailText(details: unknown): string | undefined {
  if (typeof details === "string") return details || undefined;
  const error = (details as { error?: unknown } | null | undefined)?.error;
  return typeof error === "string" && error ? error : undefined;
}
