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
  /** Longest wait between polls (reached early on, and for tasks stuck far past their estimate). @default 5_000 */
  readonly maxIntervalMs?: number;
  /**
   * Trade-off between requests and detection lag: the interval is `scale / √hazard`. Larger means fewer polls and
   * more lag. The default is tuned in `bench/polling.bench.ts` to beat a fixed 500 ms poller's lag with a
   * third of its requests when BFL reports progress, and 60 % when it does not. @default 7
   */
  readonly scale?: number;
}

/**
 * The default policy. It models the task's duration as log-normal around the model's running estimate (or,
 * once BFL reports progress `p` at elapsed `t`, around `t / p` with a spread that shrinks as `p` grows) and
 * polls at intervals of at most `scale / √hazard`, the hazard taken where the interval ends: the hazard is the chance per ms that the task finishes
 * now, given it has not finished yet. That interval minimises *polls + λ·lag* (the square-root law of optimal
 * inspection), so polls are sparse early, dense around the likely finish, and back off again for a task stuck
 * long past its estimate. Clamped to `[minIntervalMs, maxIntervalMs]`.
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
      if (progress !== undefined && progress >= 0.02 && progress < 1 && elapsedMs > 0) {
        median = Math.max(elapsedMs, elapsedMs / progress);
        sigma = Math.max(0.04, spread * (1 - progress) * 0.6);
      }
      // An interval is judged by the hazard where it lands, not where it starts, so a long early wait cannot jump
      // over the likely finish: the longest w with w ≤ scale / √h(t + w) (bisection; the right side falls as
      // the likely finish nears).
      const ideal = (w: number) =>
        scale / Math.sqrt(Math.max(logNormalHazard(elapsedMs + w, median, sigma), 1e-12));
      if (ideal(max) >= max) return max;
      if (ideal(min) <= min) return min;
      let lo = min;
      let hi = max;
      for (let i = 0; i < 24; i++) {
        const mid = (lo + hi) / 2;
        if (mid >= ideal(mid)) hi = mid;
        else lo = mid;
      }
      const wait = hi;
      return wait;
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
 * FLUX 3 Image (typical 90 s, P99 ≈ 206 s over all sizes, 4k "several minutes": docs/bfl-api-2026h2.md §2.5, §13)
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
