import { Accounts } from "./Accounts";
import { createManualClock, createRealClock, type Clock } from "./clock";
import { DeliverySigner } from "./delivery";
import { FaultPlan } from "./faults";
import { ImageCache } from "./image/ImageCache";
import { MockTimers } from "./MockTimers";
import type { MockBflOptions, ScriptedOutcome } from "./options";
import { createRandom, type Random } from "./random";
import { RequestLog } from "./RequestLog";
import { TaskStore } from "./TaskStore";
import { WebhookDispatcher } from "./webhooks";

/** What every part of the simulator shares: its options, clock, seeded PRNG and state. */
export interface MockContext {
  readonly options: MockBflOptions;
  readonly clock: Clock;
  /** Ids, durations and seeds (faults and the delivery secret draw from their own streams). */
  readonly random: Random;
  readonly accounts: Accounts;
  readonly tasks: TaskStore;
  readonly images: ImageCache;
  readonly signer: DeliverySigner;
  readonly faults: FaultPlan;
  readonly webhooks: WebhookDispatcher;
  readonly timers: MockTimers;
  readonly requests: RequestLog;
  /** Outcomes scripted by `queueOutcome`, next first. */
  readonly outcomeQueue: ScriptedOutcome[];
}

/** Where one request's URLs point: its mount path and the polling and delivery origins. */
export interface RequestOrigins {
  readonly basePath: string;
  readonly pollingOrigin: string | undefined;
  readonly deliveryOrigin: string | undefined;
}

export function createMockContext(options: MockBflOptions): MockContext {
  const clock =
    options.clock === "manual" ? createManualClock(options.startTime ?? Date.now()) : createRealClock();
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  const version = options.webhooks?.version ?? "field";
  const images = new ImageCache({
    capacity: options.imageCacheSize ?? 32,
    jpegQuality: options.jpegQuality ?? 85,
    webpFallback: options.webpFallback ?? "png",
  });
  return {
    options,
    clock,
    random: createRandom(seed),
    accounts: new Accounts(options),
    tasks: new TaskStore(options, clock, images),
    images,
    signer: new DeliverySigner(options.deliverySecret ?? createRandom(`${seed}:delivery`).hex(32)),
    faults: new FaultPlan(options.faults, createRandom(`${seed}:faults`)),
    webhooks: new WebhookDispatcher(clock, {
      payload: options.webhooks?.payload ?? version,
      signature: options.webhooks?.signature ?? (version === "skill" ? "hmac-sha256" : "shared-secret"),
      retryDelaysMs: options.webhooks?.retryDelaysMs ?? [1000, 5000, 30000],
      fetch: options.webhooks?.fetch,
    }),
    timers: new MockTimers(clock),
    requests: new RequestLog(options),
    outcomeQueue: [],
  };
}
