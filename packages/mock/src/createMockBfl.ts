import type { Fault, InjectFaultOptions } from "./faults";
import { handleRequest } from "./handleRequest";
import type { HandleOptions, MockBfl } from "./MockBfl";
import { createMockContext } from "./MockContext";
import type { MockBflOptions, ScriptedOutcome } from "./options";
import { describeTask } from "./tasks";

export type { HandleOptions, MockBfl, MockRequestLog } from "./MockBfl";

/**
 * Creates an in-process BFL simulator: same routes, statuses, error bodies, limits, expiring signed delivery
 * URLs, webhooks and real image bytes as api.bfl.ai (docs/bfl-api.md), with scripting and inspection.
 *
 * @example
 * const mock = createMockBfl({ clock: "manual", seed: 1 });
 * const client = createFluxClient({ apiKey: "mock-key", baseUrl: "https://api.bfl.ai", fetch: mock.fetch });
 */
export function createMockBfl(options: MockBflOptions = {}): MockBfl {
  const ctx = createMockContext(options);
  const { clock, accounts, tasks } = ctx;
  const handle = (request: Request, handleOptions?: HandleOptions) =>
    handleRequest(ctx, request, handleOptions);
  const close = () => {
    ctx.timers.cancelAll();
    ctx.webhooks.cancelAll();
    clock.clearAll();
  };

  return {
    async fetch(input, init) {
      const request = input instanceof Request && init === undefined ? input : new Request(input, init);
      const outcome = await handle(request);
      if (outcome.kind === "reset") {
        throw new TypeError("fetch failed", {
          cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
        });
      }
      return outcome.response;
    },
    handle,
    get tasks() {
      const now = clock.now();
      return tasks.all().map((task) => describeTask(task, now));
    },
    task(id: string) {
      const record = tasks.get(id);
      return record && describeTask(record, clock.now());
    },
    get requests() {
      return ctx.requests.entries;
    },
    get webhooks() {
      return ctx.webhooks.attempts;
    },
    setCredits: (credits: number, apiKey?: string) => accounts.setCredits(credits, apiKey),
    getCredits: (apiKey?: string) => accounts.getCredits(apiKey),
    queueOutcome(outcome: ScriptedOutcome, times = 1) {
      for (let i = 0; i < times; i++) ctx.outcomeQueue.push(outcome);
    },
    injectFault: (fault: Fault, faultOptions?: InjectFaultOptions) => ctx.faults.inject(fault, faultOptions),
    now: () => clock.now(),
    advance: (ms: number) => clock.advance(ms),
    reset() {
      close();
      tasks.clear();
      ctx.requests.clear();
      ctx.outcomeQueue.length = 0;
      ctx.faults.clear();
      accounts.restore();
    },
    close,
    settings: { apiKeys: accounts.apiKeys, deliveryOrigin: options.deliveryOrigin },
  };
}
