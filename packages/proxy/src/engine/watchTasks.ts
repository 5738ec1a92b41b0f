import type { ProxyStore } from "../store/ProxyStore";
import { normalizeProgress, statusOutcome } from "./coreBridge";
import type { UpstreamJson } from "./types";

// Long polls (`get_result?…&wait=20`): requests wait on a task until its status changes. However many wait,
// and on however many instances, one poll at a time reaches BFL for a task: each poll's turn is a claim in the
// store that lasts one interval, and what it hears is published to every instance's waiters.

/** One answer for a task (from BFL, or its webhook), as every waiter hears it. */
export interface Heard {
  readonly status: number;
  readonly text: string;
  /** BFL's `Retry-After`, kept for a 429 or 503 passed on. */
  readonly retryAfter?: string | undefined;
}

export interface WaitOptions {
  /** The status the client saw last (`seen`): an answer with another one ends the wait at once. */
  readonly seen: string | undefined;
  readonly waitMs: number;
  /** Polls the task's own host; `undefined` when BFL is not to be polled (the task's webhook is awaited). */
  readonly poll: (() => Promise<UpstreamJson>) | undefined;
  /** Fires when the client leaves. */
  readonly signal: AbortSignal | undefined;
  /**
   * Reads the task's answer from the store once the wait listens (a webhook's outcome that arrived between the
   * poll's first look and its subscription would otherwise go unheard).
   */
  readonly recheck?: (() => Promise<Heard | undefined>) | undefined;
}

/**
 * How a wait ended: with a changed answer, or the latest heard when its time ran out (`undefined`: none), or the
 * client gone. `asking`: nothing was heard, but a poll of BFL for the task is still in flight (BFL is slow).
 */
export type WaitOutcome =
  | { readonly gone: true }
  | { readonly gone: false; readonly heard: Heard | undefined; readonly asking?: boolean };

export interface TaskWatches {
  wait(taskId: string, options: WaitOptions): Promise<WaitOutcome>;
  /** Tells every waiter on `taskId`, on every instance sharing the store, of an answer (a webhook's outcome). */
  announce(taskId: string, heard: Heard): Promise<void>;
  /** Requests waiting now, on this instance. */
  readonly waiting: number;
}

/** The first wait between two polls of one task, then ×1.25 while nothing changes, up to `MAX_INTERVAL_MS`. */
const FIRST_INTERVAL_MS = 1_000;
const MAX_INTERVAL_MS = 3_000;
/**
 * The shortest wait between two polls. While BFL reports progress, the next poll goes when the rate between two
 * readings says the task ends (if that is sooner than the interval), plus `ETA_MARGIN_MS`.
 */
const MIN_INTERVAL_MS = 100;
const ETA_MARGIN_MS = 25;
/** Most requests waiting at once on one instance; past it a long poll is answered as a plain poll. */
const MAX_WAITERS = 10_000;

const GONE: WaitOutcome = { gone: true };

interface Waiter {
  readonly seen: string | undefined;
  end(outcome: WaitOutcome): void;
}

interface Watch {
  readonly waiters: Set<Waiter>;
  latest: Heard | undefined;
  poll: (() => Promise<UpstreamJson>) | undefined;
  timer: ReturnType<typeof setTimeout> | undefined;
  intervalMs: number;
  /** The last progress BFL reported while the status stayed the same, and when it was heard. */
  reading: { readonly at: number; readonly progress: number } | undefined;
  /** When the task should end, from the rate of its progress; `undefined` without two readings. */
  endsAt: number | undefined;
  unsubscribe: Promise<(() => void) | undefined> | undefined;
  stopped: boolean;
}

/** The status an answer carries, or `undefined` when it is not a 200 with a status (an error ends every wait). */
function statusOf(heard: Heard): string | undefined {
  return read(heard).status;
}

/** The status and the progress (a fraction, normalised as core's client reads it) of a 200 answer. */
function read(heard: Heard): { status?: string; progress?: number | undefined } {
  if (heard.status !== 200) return {};
  try {
    const body = JSON.parse(heard.text) as { status?: unknown; progress?: unknown } | null;
    if (typeof body?.status !== "string") return {};
    return { status: body.status, progress: normalizeProgress(body.progress) };
  } catch {
    return {};
  }
}

/** Whether `heard` ends a wait that saw `seen` last. */
const ends = (heard: Heard, seen: string | undefined): boolean => {
  const status = statusOf(heard);
  return status === undefined || statusOutcome(status) !== "pending" || status !== seen;
};

export function createTaskWatches(
  store: ProxyStore,
  report: (error: unknown, taskId: string) => void,
): TaskWatches {
  const watches = new Map<string, Watch>();
  /**
   * Tasks with a poll of BFL in flight from this instance. Kept apart from the watches: a wait that ends while
   * its poll is in flight may stop its watch, and the next wait's must not poll again meanwhile (the answer is
   * heard by whichever watch the task has then).
   */
  const asking = new Set<string>();
  let waiting = 0;
  const shared = typeof store.publish === "function" && typeof store.subscribe === "function";
  const channel = (taskId: string) => `task:${taskId}`;

  const hear = (taskId: string, heard: Heard): void => {
    const watch = watches.get(taskId);
    if (!watch) return;
    const before = watch.latest && statusOf(watch.latest);
    watch.latest = heard;
    const { status, progress } = read(heard);
    if (status !== before) {
      watch.intervalMs = FIRST_INTERVAL_MS;
      watch.reading = undefined;
      watch.endsAt = undefined;
    }
    if (progress !== undefined && progress < 1) {
      const now = Date.now();
      const last = watch.reading;
      // the rate between two readings says when the task ends (as a client that reads progress would poll)
      if (last && progress > last.progress && now > last.at) {
        watch.endsAt = now + ((1 - progress) * (now - last.at)) / (progress - last.progress);
      }
      watch.reading = { at: now, progress };
    }
    // a client that did not say what it saw (`seen`) is answered the first answer heard
    for (const waiter of [...watch.waiters]) if (ends(heard, waiter.seen)) waiter.end({ gone: false, heard });
  };

  const stop = (taskId: string, watch: Watch): void => {
    watch.stopped = true;
    clearTimeout(watch.timer);
    void watch.unsubscribe?.then((off) => off?.());
    if (watches.get(taskId) === watch) watches.delete(taskId);
  };

  /** One poll's turn: taken in the store by one instance per interval (by this one alone without pub/sub). */
  const tick = async (taskId: string, watch: Watch): Promise<void> => {
    watch.timer = undefined;
    if (watch.stopped || !watch.poll) return;
    let mine = true;
    if (shared) {
      try {
        // a turn lasts until the next poll is due: with progress reported, that may be the shortest wait
        const turnMs = watch.reading === undefined ? watch.intervalMs : MIN_INTERVAL_MS;
        mine = (await store.claim(`poll:${taskId}`, "poller", turnMs)) === undefined;
      } catch (error) {
        // the store is down: this instance polls for its own waiters
        report(error, taskId);
      }
    }
    if (mine && !watch.stopped && !asking.has(taskId)) {
      asking.add(taskId);
      try {
        const answer = await watch.poll();
        const heard: Heard = {
          status: answer.status,
          text: answer.text,
          retryAfter: answer.header("retry-after"),
        };
        hear(taskId, heard);
        if (shared)
          await store.publish!(channel(taskId), JSON.stringify(heard)).catch((e: unknown) =>
            report(e, taskId),
          );
      } catch (error) {
        // BFL unreachable or slow: the next turn tries again, and a wait that heard nothing polls once itself
        report(error, taskId);
      } finally {
        asking.delete(taskId);
      }
    }
    if (watch.stopped) return;
    const untilEnd = watch.endsAt === undefined ? Infinity : watch.endsAt - Date.now() + ETA_MARGIN_MS;
    const delay = Math.max(MIN_INTERVAL_MS, Math.min(watch.intervalMs, untilEnd));
    // each foretold end is used once: only progress heard since may foretell another (a stalled task is polled
    // on the interval, not every 100 ms)
    watch.endsAt = undefined;
    watch.intervalMs = Math.min(MAX_INTERVAL_MS, Math.round(watch.intervalMs * 1.25));
    watch.timer = setTimeout(() => void tick(taskId, watch), delay);
  };

  const open = (taskId: string): Watch => {
    let watch = watches.get(taskId);
    if (watch) return watch;
    const made: Watch = {
      waiters: new Set(),
      latest: undefined,
      poll: undefined,
      timer: undefined,
      intervalMs: FIRST_INTERVAL_MS,
      reading: undefined,
      endsAt: undefined,
      unsubscribe: undefined,
      stopped: false,
    };
    watch = made;
    watches.set(taskId, made);
    if (shared) {
      made.unsubscribe = store.subscribe!(channel(taskId), (message) => {
        try {
          const heard = JSON.parse(message) as Heard;
          if (typeof heard?.text === "string" && typeof heard.status === "number") hear(taskId, heard);
        } catch {
          // not one of ours
        }
      }).catch((error: unknown) => {
        report(error, taskId);
        return undefined;
      });
    }
    return made;
  };

  return {
    get waiting() {
      return waiting;
    },
    async wait(taskId, { seen, waitMs, poll, signal, recheck }) {
      if (signal?.aborted) return GONE;
      if (waiting >= MAX_WAITERS) return { gone: false, heard: undefined };
      const watch = open(taskId);
      return new Promise<WaitOutcome>((resolve) => {
        const onGone = () => waiter.end(GONE);
        const waiter: Waiter = {
          seen,
          end(outcome) {
            if (!watch.waiters.delete(waiter)) return;
            waiting -= 1;
            clearTimeout(timer);
            signal?.removeEventListener("abort", onGone);
            if (watch.waiters.size === 0) stop(taskId, watch);
            resolve(outcome);
          },
        };
        watch.waiters.add(waiter);
        waiting += 1;
        const timer = setTimeout(
          () => waiter.end({ gone: false, heard: watch.latest, asking: asking.has(taskId) }),
          waitMs,
        );
        signal?.addEventListener("abort", onGone, { once: true });
        if (watch.latest && ends(watch.latest, seen)) return waiter.end({ gone: false, heard: watch.latest });
        if (poll && !watch.poll) {
          watch.poll = poll;
          if (watch.timer === undefined) void tick(taskId, watch);
        }
        if (recheck) {
          void Promise.resolve(watch.unsubscribe)
            .then(recheck)
            .then(
              (heard) => heard && hear(taskId, heard),
              (error: unknown) => report(error, taskId),
            );
        }
      });
    },
    async announce(taskId, heard) {
      hear(taskId, heard);
      if (shared) await store.publish!(channel(taskId), JSON.stringify(heard));
    },
  };
}
