import type { Random } from "./random";

/** The kinds of request the mock serves, for targeting faults. */
export type MockRoute = "submit" | "poll" | "credits" | "delivery";

/** One upstream fault, as BFL's edge or the network might produce it. */
export type Fault =
  /** Answer with this HTTP status (default body `{"detail":"Internal Server Error"}` / `"Service Unavailable"`). */
  | { readonly kind: "status"; readonly status: number; readonly body?: unknown }
  /**
   * Drop the connection. `"before"` (default): nothing was processed. `"after"`: the request was processed
   * (a submit created and billed a task) and then the connection died before the response.
   */
  | { readonly kind: "reset"; readonly when?: "before" | "after" }
  /** Wait this long (clock time) before answering normally. */
  | { readonly kind: "latency"; readonly ms: number }
  /** Process normally (a submit creates its task) but send a truncated, unparseable JSON body with status 200. */
  | { readonly kind: "malformed-json" };

/** Random faults, each drawn per request from the seeded PRNG. */
export interface FaultSpec {
  /** Added latency per request: fixed ms or a `[min, max]` range. @default 0 */
  readonly latencyMs?: number | readonly [number, number];
  /** Probability (0–1) of a 500. @default 0 */
  readonly status500Rate?: number;
  /** Probability (0–1) of a 503. @default 0 */
  readonly status503Rate?: number;
  /** Probability (0–1) of a connection reset before processing. @default 0 */
  readonly resetRate?: number;
  /** Probability (0–1) of a 200 with malformed JSON. @default 0 */
  readonly malformedJsonRate?: number;
  /** Routes the random faults apply to. @default ["submit", "poll", "credits"] */
  readonly routes?: readonly MockRoute[];
}

/** Options of `mock.injectFault`. */
export interface InjectFaultOptions {
  /** How many consecutive matching requests get the fault (a burst). @default 1 */
  readonly times?: number;
  /** Which route it applies to. @default "any" */
  readonly route?: MockRoute | "any";
}

interface QueuedFault {
  readonly fault: Fault;
  readonly route: MockRoute | "any";
  remaining: number;
}

/** Picks the faults for each request: scripted ones first (in order), then random ones. */
export class FaultPlan {
  private queue: QueuedFault[] = [];

  constructor(
    private readonly spec: FaultSpec | undefined,
    private readonly random: Random,
  ) {}

  inject(fault: Fault, options: InjectFaultOptions = {}): void {
    this.queue.push({ fault, route: options.route ?? "any", remaining: Math.max(1, options.times ?? 1) });
  }

  clear(): void {
    this.queue = [];
  }

  /** The faults for one request, in the order to apply them (latency first). */
  take(route: MockRoute): Fault[] {
    const out: Fault[] = [];
    const queued = this.queue.find((q) => q.route === "any" || q.route === route);
    if (queued) {
      out.push(queued.fault);
      queued.remaining -= 1;
      if (queued.remaining <= 0) this.queue.splice(this.queue.indexOf(queued), 1);
    }
    const spec = this.spec;
    if (!spec || !(spec.routes ?? ["submit", "poll", "credits"]).includes(route)) return out;
    const latency = spec.latencyMs;
    if (latency !== undefined) {
      const ms =
        typeof latency === "number" ? latency : latency[0] + this.random.next() * (latency[1] - latency[0]);
      if (ms > 0) out.unshift({ kind: "latency", ms });
    }
    if (out.some((f) => f.kind !== "latency")) return out;
    const roll = (rate: number | undefined) => rate !== undefined && rate > 0 && this.random.next() < rate;
    if (roll(spec.resetRate)) out.push({ kind: "reset" });
    else if (roll(spec.status500Rate)) out.push({ kind: "status", status: 500 });
    else if (roll(spec.status503Rate)) out.push({ kind: "status", status: 503 });
    else if (roll(spec.malformedJsonRate)) out.push({ kind: "malformed-json" });
    return out;
  }
}
