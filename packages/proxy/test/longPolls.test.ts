// Long polls (`get_result?…&wait=20&seen=Pending`): the proxy holds a poll until the task's status changes or
// the wait ends, with one poll at a time reaching BFL however many wait. The proxy's timers and the stand-in
// BFL both run on vitest's fake time here, so a 90 s run takes no real time.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFluxProxy, type FluxProxyOptions } from "../src/index";

const APP = "https://app.example/api/flux";
const SECRET = "whsec-long-polls-0123456789";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * A BFL stand-in whose tasks end on the fake clock, FLUX 3 Image's through its stages (Pending, Reasoning from
 * 5 % of the run, Generating from 35 %, then Ready), answering synchronously: fake time then decides every outcome (the
 * mock signs its delivery URLs with WebCrypto, whose real-time work would race the fake clock).
 */
function stagedBfl(durationMs: number, progress: "none" | "linear" | "stalls" = "none") {
  const tasks = new Map<string, { createdAt: number; stuck: boolean; staged: boolean }>();
  let next = 0;
  const polls: string[] = [];
  const statusAt = (task: { createdAt: number; stuck: boolean; staged: boolean }) => {
    const elapsed = Date.now() - task.createdAt;
    if (task.stuck) return "Pending";
    if (elapsed >= durationMs) return "Ready";
    // FLUX 3 Image's stages; other models stay Pending until Ready
    if (!task.staged || elapsed < durationMs * 0.05) return "Pending";
    return elapsed < durationMs * 0.35 ? "Reasoning" : "Generating";
  };
  const answer = (input: RequestInfo | URL, init?: RequestInit): Response => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname === "/v1/get_result") {
      const id = url.searchParams.get("id")!;
      polls.push(id);
      const task = tasks.get(id);
      if (!task) return Response.json({ id, status: "Task not found" });
      const status = statusAt(task);
      const result = status === "Ready" ? { sample: `https://delivery-eu.bfl.ai/${id}.jpg`, seed: 1 } : null;
      const share = Math.min(1, (Date.now() - task.createdAt) / durationMs);
      // BFL's progress while Pending, as a percentage: growing with the run, or stuck at half way
      const reported =
        progress === "linear" ? share * 100 : progress === "stalls" ? Math.min(share, 0.5) * 100 : null;
      return Response.json({
        id,
        status,
        result,
        progress: status === "Pending" ? reported : null,
        details: null,
        preview: null,
      });
    }
    const id = `task-${++next}`;
    const body = JSON.parse(init?.body as string) as { prompt?: string };
    tasks.set(id, {
      createdAt: Date.now(),
      stuck: body.prompt?.includes("[stuck]") ?? false,
      staged: url.pathname === "/v1/flux-3-image",
    });
    return Response.json({ id, polling_url: `https://api.bfl.ai/v1/get_result?id=${id}`, cost: 1 });
  };
  const fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise.resolve(answer(input, init));
  return { fetch, polls };
}

function rig(
  options: Partial<FluxProxyOptions> = {},
  durationMs = 90_000,
  progress: Parameters<typeof stagedBfl>[1] = "none",
) {
  const bfl = stagedBfl(durationMs, progress);
  const proxy = createFluxProxy({
    apiKey: "bfl-test-key",
    allowAnonymous: true,
    fetch: bfl.fetch,
    clientId: () => "u",
    ...options,
  });
  const submit = async (model = "flux-3-image", prompt = "a fox") => {
    const answer = await proxy(
      new Request(`${APP}/v1/${model}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt }),
      }),
    );
    return {
      header: answer.headers.get("x-flux-long-poll"),
      ...((await answer.json()) as { id: string; polling_url: string }),
    };
  };
  const upstreamPolls = () => bfl.polls.length;
  return { proxy, submit, upstreamPolls };
}

/** Moves fake time in steps until `pending` settles; resolves with its value and the fake time it took. */
async function settle<T>(pending: Promise<T>, stepMs = 250): Promise<{ value: T; tookMs: number }> {
  const started = Date.now();
  let done = false;
  let value!: T;
  void pending.then((v) => {
    done = true;
    value = v;
  });
  for (let i = 0; i < 4_000 && !done; i++) await vi.advanceTimersByTimeAsync(stepMs);
  if (!done) throw new Error("the request never answered");
  return { value, tookMs: Date.now() - started };
}

const waitUrl = (pollingUrl: string, seen: string, wait = 20) =>
  `${pollingUrl}&wait=${wait}&seen=${encodeURIComponent(seen)}`;

const statusOf = async (response: Response) => ((await response.json()) as { status: string }).status;

describe("long polls", () => {
  it("follow a 90 s FLUX 3 run in 6 requests: held until the stage changes, then answered as BFL would", async () => {
    const { proxy, submit, upstreamPolls } = rig();
    const task = await submit();
    // submits and polls say how long a poll may wait
    expect(task.header).toBe("20");
    const heard: string[] = [];
    let seen = "Pending";
    for (let i = 0; i < 20 && !["Ready", "Error"].includes(seen); i++) {
      const { value } = await settle(proxy(new Request(waitUrl(task.polling_url, seen))));
      expect(value.headers.get("x-flux-long-poll")).toBe("20");
      seen = await statusOf(value);
      heard.push(seen);
    }
    // Reasoning at 4.5 s, Generating at 31.5 s, Ready at 90 s; each wait ends at a change or after 20 s
    expect(heard).toEqual(["Reasoning", "Reasoning", "Generating", "Generating", "Generating", "Ready"]);
    // BFL was polled about every 1–3 s meanwhile, once per turn
    expect(upstreamPolls()).toBeGreaterThan(20);
    expect(upstreamPolls()).toBeLessThan(60);
  });

  it("share one upstream poll however many requests wait on the task", async () => {
    const { proxy, submit, upstreamPolls } = rig({}, 12_000);
    const task = await submit("flux-2-pro");
    const waits = Array.from({ length: 8 }, () => proxy(new Request(waitUrl(task.polling_url, "Pending"))));
    const { value: answers } = await settle(Promise.all(waits));
    const statuses = await Promise.all(answers.map(statusOf));
    expect(statuses).toEqual(Array.from({ length: 8 }, () => "Ready"));
    // 12 s of polling every 1 s growing to 3 s: about ten polls for all eight, not eight times that
    expect(upstreamPolls()).toBeLessThanOrEqual(11);
  });

  it("poll BFL when its progress says the task ends: seen within 150 ms of its end, in few polls", async () => {
    const { proxy, submit, upstreamPolls } = rig({}, 12_000, "linear");
    const task = await submit("flux-2-pro");
    const submittedAt = Date.now();
    const { value } = await settle(proxy(new Request(waitUrl(task.polling_url, "Pending"))), 10);
    expect(await statusOf(value)).toBe("Ready");
    const lagMs = Date.now() - (submittedAt + 12_000);
    expect(lagMs).toBeGreaterThanOrEqual(0);
    expect(lagMs).toBeLessThanOrEqual(150);
    expect(upstreamPolls()).toBeLessThanOrEqual(12);
  });

  it("poll a task whose progress stalls on the interval, not every 100 ms", async () => {
    const { proxy, submit, upstreamPolls } = rig({}, 12_000, "stalls");
    const task = await submit("flux-2-pro", "a fox [stuck]");
    // stuck: Pending for ever, its progress rising to 50 % and no further
    await settle(proxy(new Request(waitUrl(task.polling_url, "Pending"))), 10);
    // 20 s of waiting: about nine polls at 1 s growing to 3 s (the readings foretell no end)
    expect(upstreamPolls()).toBeLessThanOrEqual(12);
  });

  it("end after their wait with the task's latest answer, leaving no timer behind", async () => {
    const { proxy, submit } = rig();
    const task = await submit("flux-2-pro", "a fox [stuck]");
    const timersBefore = vi.getTimerCount();
    const { value, tookMs } = await settle(proxy(new Request(waitUrl(task.polling_url, "Pending", 8))));
    expect(await statusOf(value)).toBe("Pending");
    expect(tookMs).toBeGreaterThanOrEqual(8_000);
    expect(tookMs).toBeLessThan(8_500);
    expect(vi.getTimerCount()).toBe(timersBefore);
  });

  it("stop waiting, and polling BFL, when the client leaves", async () => {
    const { proxy, submit, upstreamPolls } = rig();
    const task = await submit("flux-2-pro", "a fox [stuck]");
    const timersBefore = vi.getTimerCount();
    const leave = new AbortController();
    const pending = proxy(new Request(waitUrl(task.polling_url, "Pending"), { signal: leave.signal }));
    await vi.advanceTimersByTimeAsync(3_000);
    const polled = upstreamPolls();
    expect(polled).toBeGreaterThan(0);
    leave.abort();
    expect((await pending).status).toBe(499);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(upstreamPolls()).toBe(polled);
    expect(vi.getTimerCount()).toBe(timersBefore);
  });

  it("answer at once when the status the client saw is not the task's any more", async () => {
    const { proxy, submit } = rig({}, 12_000);
    const task = await submit("flux-2-pro");
    await vi.advanceTimersByTimeAsync(13_000);
    const { value, tookMs } = await settle(proxy(new Request(waitUrl(task.polling_url, "Pending"))), 10);
    expect(await statusOf(value)).toBe("Ready");
    expect(tookMs).toBeLessThanOrEqual(10);
  });

  it("with webhooks, wait for the delivery with no poll to BFL, and answer as it arrives", async () => {
    const { proxy, submit, upstreamPolls } = rig({
      webhooks: { publicUrl: `${APP}/v1/webhook`, secret: SECRET },
    });
    const task = await submit("flux-2-pro");
    let answeredAt: number | undefined;
    const pending = proxy(new Request(waitUrl(task.polling_url, "Pending"))).then((r) => {
      answeredAt = Date.now();
      return r;
    });
    await vi.advanceTimersByTimeAsync(12_000);
    expect(answeredAt).toBeUndefined();
    // BFL delivers (the shared-secret scheme: nothing to compute), and the delivery itself wakes the wait
    const deliveredAt = Date.now();
    const delivery = await proxy(
      new Request(`${APP}/v1/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-webhook-secret": SECRET },
        body: JSON.stringify({
          task_id: task.id,
          status: "SUCCESS",
          result: { sample: `https://delivery-eu.bfl.ai/${task.id}.jpg` },
        }),
      }),
    );
    expect(delivery.status).toBe(200);
    const answer = await pending;
    expect(await statusOf(answer)).toBe("Ready");
    expect(answeredAt).toBe(deliveredAt);
    expect(upstreamPolls()).toBe(0);
  });

  it("are off with `longPolls: false`: a wait is ignored, as BFL ignores it, and no header offers it", async () => {
    const { proxy, submit, upstreamPolls } = rig({ longPolls: false });
    const task = await submit("flux-2-pro");
    expect(task.header).toBeNull();
    const answer = await proxy(new Request(waitUrl(task.polling_url, "Pending")));
    expect(await statusOf(answer)).toBe("Pending");
    expect(upstreamPolls()).toBe(1);
  });

  it("end on time while BFL is slow to answer, with the stage the client saw and no second poll of BFL", async () => {
    // BFL takes 3.5 s to answer each poll; the proxy holds a poll at most 2 s
    const bfl = stagedBfl(90_000);
    let asking = 0;
    let mostAtOnce = 0;
    const slow: typeof fetch = async (input, init) => {
      if (!String(input instanceof Request ? input.url : input).includes("/get_result")) {
        return bfl.fetch(input, init);
      }
      mostAtOnce = Math.max(mostAtOnce, ++asking);
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      asking--;
      return bfl.fetch(input, init);
    };
    const { proxy, submit } = rig({ fetch: slow, longPolls: { maxWaitMs: 2_000 } });
    const task = await submit("flux-3-image");
    // a client's long polls, each sent as soon as the last was answered (as core's client does after a held one)
    for (const seen of ["Pending", "Pending", "Generating"]) {
      const { value, tookMs } = await settle(proxy(new Request(waitUrl(task.polling_url, seen, 2))), 100);
      expect(tookMs).toBeGreaterThanOrEqual(2_000);
      expect(tookMs).toBeLessThan(2_200);
      expect(await statusOf(value)).toBe(seen);
    }
    expect(mostAtOnce).toBe(1);
    // the polls in flight finish and nothing is left polling
    await vi.advanceTimersByTimeAsync(10_000);
    expect(asking).toBe(0);
    const polled = bfl.polls.length;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(bfl.polls.length).toBe(polled);
  });

  it("cap the wait at `longPolls.maxWaitMs`", async () => {
    const { proxy, submit } = rig({ longPolls: { maxWaitMs: 5_000 } });
    const task = await submit("flux-2-pro", "a fox [stuck]");
    expect(task.header).toBe("5");
    const { tookMs } = await settle(proxy(new Request(waitUrl(task.polling_url, "Pending", 60))));
    expect(tookMs).toBeGreaterThanOrEqual(5_000);
    expect(tookMs).toBeLessThan(5_500);
  });
});
