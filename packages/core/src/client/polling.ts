/** What a polling policy knows when it picks the wait before the next poll. */
export interface PollContext {
  /** Milliseconds since the task was submitted. */
  readonly elapsedMs: number;
  /** Polls made so far for this task. */
  readonly attempt: number;
  /** Latest progress BFL reported, as a 0–1 fraction; `undefined` when it reports none. */
  readonly progress: number | undefined;
  /** The running estimate of this model's median submit → Ready time, in ms. */
  readonly expectedMs: number;
  /** The estimate's spread: σ of the log-duration (0.35 means ±35 % is one σ). */
  readonly spread: number;
}

/** Picks the wait before the next poll. Pure; plug your own into `createFluxClient({ poll: { policy } })`. */
export interface PollingPolicy {
  nextDelay(context: PollContext): number;
}

export interface AdaptivePollingOptions {
  /** Shortest wait between polls. @default 250 */
  readonly minIntervalMs?: number;
  /**
   * Longest wait between polls (reached early in a long run, and for tasks far past their estimate). Never
   * exceeded. @default 5_000
   */
  readonly maxIntervalMs?: number;
  /**
   * Trade-off between requests and detection lag: the interval is `scale / √hazard`. Larger means fewer polls and
   * more lag. The default is tuned in `bench/polling.bench.ts` (figures in `bench/RESULTS.md`): about a third of a
   * fixed 500 ms poller's requests when BFL reports progress and 60 % when it does not, each at a lower mean lag,
   * and under a quarter on FLUX 3's minute-long runs at a mean lag under 1 % of the run. @default 7
   */
  readonly scale?: number;
}

/** Progress below this is no evidence: BFL reports `progress: 0` (or nearly) for a task still in its queue. */
const MIN_EVIDENCE = 0.02;
/** How far `t / p` may be off, relative to the odds `(1 − p) / p`, and its floor (see `adaptivePolling`). */
const PROGRESS_DOUBT = 0.35;
const PROGRESS_SIGMA_FLOOR = 0.02;
/** A task past this many times its estimated median is overdue … */
const OVERDUE = 3;
/** … and then waits at least this share of the time beyond it between polls (capped at `maxIntervalMs`). */
const OVERDUE_SHARE = 0.05;

/**
 * The default policy. It models the task's submit → Ready time as log-normal and polls at intervals of at most
 * `scale / √hazard`, the hazard (the chance per ms that the task finishes now, given it has not yet) taken where
 * the interval ends. That interval minimises *polls + λ·lag* (the square-root law of optimal inspection), so polls
 * are sparse early, dense around the likely finish, and back off again for a task long past its estimate. Clamped
 * to `[minIntervalMs, maxIntervalMs]`.
 *
 * The log-normal is the model's running estimate (`expectedMs`, `spread`) until BFL reports progress. Progress `p`
 * at elapsed `t` says "about `t / p` in all", but only an upper bound: a task that sat in BFL's queue before its
 * progress rose finishes sooner, by the queue time × `(1 − p) / p`. So that reading gets a log-spread of
 * `0.35 · spread · (1 − p) / p` (wide while `p` is small, tight near the end) and is combined with the estimate by
 * precision in log space: early, small progress barely moves the estimate; late progress decides it. Progress
 * under 0.02 (`progress: 0` from a queue, say) is no evidence at all, never `t / 0`. A run that reports nothing
 * (FLUX 3, for its one to two minutes) is polled on the estimate alone; it is never deemed stuck.
 *
 * @example
 * createFluxClient({ poll: { policy: adaptivePolling({ minIntervalMs: 250 }) } })
 */
export function adaptivePolling(options: AdaptivePollingOptions = {}): PollingPolicy {
  const min = options.minIntervalMs ?? 250;
  const max = options.maxIntervalMs ?? 5_000;
  const scale = options.scale ?? 7;
  return {
    nextDelay({ elapsedMs, progress, expectedMs, spread }) {
      let median = Math.max(1, expectedMs);
      let sigma = Math.max(0.05, spread);
      if (progress !== undefined && progress >= MIN_EVIDENCE && progress < 1 && elapsedMs > 0) {
        const reading = Math.log(Math.max(elapsedMs, elapsedMs / progress));
        const doubt = Math.max(PROGRESS_SIGMA_FLOOR, PROGRESS_DOUBT * spread * ((1 - progress) / progress));
        const fromProgress = 1 / doubt ** 2;
        const fromEstimate = 1 / sigma ** 2;
        median = Math.exp(
          (reading * fromProgress + Math.log(median) * fromEstimate) / (fromProgress + fromEstimate),
        );
        sigma = 1 / Math.sqrt(fromProgress + fromEstimate);
      }
      // An interval is judged by the hazard where it lands, not where it starts, so a long early wait cannot jump
      // over the likely finish: the longest w with w ≤ scale / √h(t + w) (bisection; the right side falls as
      // the likely finish nears).
      const ideal = (w: number) =>
        scale / Math.sqrt(Math.max(logNormalHazard(elapsedMs + w, median, sigma), 1e-12));
      if (ideal(max) >= max) return max;
      // Far past the estimate the model is wrong, not the task about to finish (a log-normal's hazard falls only
      // as ln t / t): past OVERDUE × the median, wait at least OVERDUE_SHARE of the time beyond it.
      const floor = Math.min(max, Math.max(min, (elapsedMs - OVERDUE * median) * OVERDUE_SHARE));
      if (ideal(floor) <= floor) return floor;
      let lo = floor;
      let hi = max;
      for (let i = 0; i < 24; i++) {
        const mid = (lo + hi) / 2;
        if (mid >= ideal(mid)) hi = mid;
        else lo = mid;
      }
      return hi;
    },
  };
}

/** The shortest default `wait()` deadline: 5 minutes, the client's deadline for every model before FLUX 3. */
const MIN_DEFAULT_WAIT_MS = 300_000;
/** How many typical runs the default deadline allows. */
const TYPICAL_RUNS_PER_WAIT = 6;

/**
 * The default `wait()` / `generate()` deadline for a model whose median run is `typicalDurationMs`: 5 minutes, or
 * six typical runs when that is longer. Every model before FLUX 3 (typical runs of 1.5–20 s) keeps 5 minutes;
 * FLUX 3 Image (typical 90 s, P99 ≈ 206 s over all sizes, 4k "several minutes": docs/bfl-api.md, 2026 addendum §2.5, §13)
 * gets 9 minutes. Why six: run times are log-normal with σ ≈ 0.35–0.5, so six medians is e^1.8, about 3.6σ past
 * the median at σ = 0.5 (1 run in 6,000 or so) and still 2.8σ for a job half as slow again as the typical figure
 * (a 4k render, say). A deadline is not a verdict on the task: it may still finish (resume the watch), and a task
 * that reports no progress is never treated as stuck before it.
 * @example defaultWaitTimeoutMs(90_000) // 540_000
 */
export function defaultWaitTimeoutMs(typicalDurationMs: number): number {
  const typical = Number.isFinite(typicalDurationMs) && typicalDurationMs > 0 ? typicalDurationMs : 0;
  return Math.max(MIN_DEFAULT_WAIT_MS, TYPICAL_RUNS_PER_WAIT * typical);
}

/**
 * Polls at a fixed interval, as the AI SDK and fal do (500 ms). For comparison and for servers that prefer a
 * predictable rate.
 */
export function fixedPolling(intervalMs = 500): PollingPolicy {
  return { nextDelay: () => intervalMs };
}

/** Hazard rate (per ms) of a log-normal distribution with the given median and σ, at time `t` ms. */
export function logNormalHazard(t: number, median: number, sigma: number): number {
  if (t <= 0) return 0;
  const z = (Math.log(t) - Math.log(median)) / sigma;
  const pdf = Math.exp(-0.5 * z * z) / (t * sigma * Math.sqrt(2 * Math.PI));
  if (z > 6) return z / (t * sigma); // Mills ratio: the survival function underflows past here
  const survival = 0.5 * erfc(z / Math.SQRT2);
  return survival <= 0 ? z / (t * sigma) : pdf / survival;
}

/** Complementary error function (Abramowitz–Stegun 7.1.26, |error| < 1.5e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const r = poly * Math.exp(-z * z);
  return x >= 0 ? r : 2 - r;
}

/**
 * A per-model running estimate of the submit → Ready time (median and log-spread), seeded by each model's
 * `typicalDurationMs`, updated from every finished task as an exponentially weighted mean of log-durations.
 */
export class DurationEstimator {
  readonly #stats = new Map<string, { mean: number; variance: number }>();
  readonly #prior: (model: string) => number;
  readonly #priorSpread: number;
  readonly #weight: number;

  /**
   * @param prior median duration for a model not yet observed (ms)
   * @param priorSpread σ of log-duration before any observation @default 0.35
   * @param weight weight of each new observation @default 0.2
   */
  constructor(prior: (model: string) => number, priorSpread = 0.35, weight = 0.2) {
    this.#prior = prior;
    this.#priorSpread = priorSpread;
    this.#weight = weight;
  }

  estimate(model: string): { expectedMs: number; spread: number } {
    const s = this.#stats.get(model);
    if (!s) return { expectedMs: this.#prior(model), spread: this.#priorSpread };
    return { expectedMs: Math.exp(s.mean), spread: Math.max(0.1, Math.sqrt(s.variance)) };
  }

  observe(model: string, durationMs: number): void {
    if (!(durationMs > 0) || !Number.isFinite(durationMs)) return;
    const x = Math.log(durationMs);
    const s = this.#stats.get(model) ?? {
      mean: Math.log(this.#prior(model)),
      variance: this.#priorSpread ** 2,
    };
    const delta = x - s.mean;
    const mean = s.mean + this.#weight * delta;
    const variance = (1 - this.#weight) * (s.variance + this.#weight * delta * delta);
    this.#stats.set(model, { mean, variance });
  }
}
