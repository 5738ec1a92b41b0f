// At the account's cap (`limits.maxActiveTasks`) a submit waits in line (`limits.queueWaitMs`) instead of
// getting a 429 at once: places go to waiting submits in arrival order as polls see tasks end, BFL never sees a
// task over the cap, and a submit whose wait runs out, or whose client leaves, holds no place in line. The
// proxy's timers run on fake time; the stand-in BFL answers synchronously and ends a task when told to.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFluxProxy, createMemoryStore, type FluxProxyOptions, type ProxyStore } from "../src/index";

const APP = "https://app.example/api/flux";

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** A BFL stand-in: every task is Pending until `finish(prompt)`; it records the prompts submitted, in order. */
function standInBfl() {
  const ready = new Set<string>();
  const prompts = new Map<string, string>();
  const submitted: string[] = [];
  let active = 0;
  let mostActive = 0;
  const fetch = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname === "/v1/get_result") {
      const id = url.searchParams.get("id")!;
      const done = ready.has(prompts.get(id)!);
      return Promise.resolve(
        Response.json({ id, status: done ? "Ready" : "Pending", result: done ? { sample: null } : null }),
      );
    }
    const { prompt } = JSON.parse(init?.body as string) as { prompt: string };
    const id = `task-${submitted.push(prompt)}`;
    prompts.set(id, prompt);
    mostActive = Math.max(mostActive, ++active);
    return Promise.resolve(
      Response.json({ id, polling_url: `https://api.bfl.ai/v1/get_result?id=${id}`, cost: 1 }),
    );
  };
  return {
    fetch,
    submitted,
    mostActive: () => mostActive,
    finish(prompt: string) {
      ready.add(prompt);
      active--;
    },
  };
}

function rig(options: Partial<FluxProxyOptions> = {}) {
  const bfl = standInBfl();
  const proxy = createFluxProxy({
    apiKey: "bfl-test-key",
    allowAnonymous: true,
    fetch: bfl.fetch,
    clientId: (request) => request.headers.get("x-user") ?? "anyone",
    ...options,
    limits: { maxActiveTasks: 2, maxActiveTasksPerClient: Infinity, ...options.limits },
  });
  const polling = new Map<string, string>();
  const submit = (prompt: string, signal?: AbortSignal) =>
    proxy(
      new Request(`${APP}/v1/flux-2-pro`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-user": prompt },
        body: JSON.stringify({ prompt }),
        signal: signal ?? null,
      }),
    ).then(async (answer) => {
      const body =
        answer.status === 200 ? ((await answer.clone().json()) as { polling_url: string }) : undefined;
      if (body) polling.set(prompt, body.polling_url);
      return answer;
    });
  /** BFL ends the task, and the browser's next poll sees it: its place is freed. */
  const end = async (prompt: string) => {
    bfl.finish(prompt);
    const poll = await proxy(new Request(polling.get(prompt)!, { headers: { "x-user": prompt } }));
    expect(((await poll.json()) as { status: string }).status).toBe("Ready");
  };
  return { proxy, bfl, submit, end };
}

/** Whether `pending` has settled, after the microtasks and timers due now have run. */
async function settled(pending: Promise<unknown>): Promise<boolean> {
  let done = false;
  void pending.then(
    () => (done = true),
    () => (done = true),
  );
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe("the account's line", () => {
  it("holds a submit over the cap and forwards it when a poll sees a task end", async () => {
    const { bfl, submit, end } = rig();
    expect((await submit("a")).status).toBe(200);
    expect((await submit("b")).status).toBe(200);
    const third = submit("c");
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await settled(third)).toBe(false);
    expect(bfl.submitted).toEqual(["a", "b"]);

    await end("a");
    expect((await third).status).toBe(200);
    expect(bfl.submitted).toEqual(["a", "b", "c"]);
    expect(bfl.mostActive()).toBe(2);
  });

  it("gives freed places to waiting submits in the order they came", async () => {
    const { bfl, submit, end } = rig();
    await submit("a");
    await submit("b");
    const waiting = ["c", "d", "e"].map((prompt) => submit(prompt));
    await vi.advanceTimersByTimeAsync(1_500);
    await end("b");
    expect((await waiting[0]!).status).toBe(200);
    await end("a");
    expect((await waiting[1]!).status).toBe(200);
    expect(await settled(waiting[2]!)).toBe(false);
    await end("c");
    expect((await waiting[2]!).status).toBe(200);
    expect(bfl.submitted).toEqual(["a", "b", "c", "d", "e"]);
    expect(bfl.mostActive()).toBe(2);
  });

  it("answers the proxy's 429 when the wait runs out, and the submit that gave up holds no place in line", async () => {
    const { bfl, submit, end } = rig({ limits: { queueWaitMs: 4_000 } });
    await submit("a");
    await submit("b");
    const late = submit("c");
    await vi.advanceTimersByTimeAsync(4_000);
    const refused = await late;
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("5");
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/limit of 2 active tasks/);
    expect(bfl.submitted).toEqual(["a", "b"]);

    const next = submit("d");
    await vi.advanceTimersByTimeAsync(10);
    await end("a");
    expect((await next).status).toBe(200);
    expect(bfl.submitted).toEqual(["a", "b", "d"]);
  });

  it("drops a submit whose client leaves while it waits: nothing reaches BFL, and the next in line moves up", async () => {
    const { bfl, submit, end } = rig();
    await submit("a");
    await submit("b");
    const leave = new AbortController();
    const gone = submit("c", leave.signal);
    const next = submit("d");
    await vi.advanceTimersByTimeAsync(1_000);
    leave.abort();
    expect((await gone).status).toBe(499);
    await end("a");
    expect((await next).status).toBe(200);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(bfl.submitted).toEqual(["a", "b", "d"]);
  });

  it("leaves no timer behind once the line is empty", async () => {
    const { submit, end } = rig();
    await submit("a");
    await submit("b");
    const before = vi.getTimerCount();
    const third = submit("c");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(vi.getTimerCount()).toBeGreaterThan(before);
    await end("a");
    await third;
    expect(vi.getTimerCount()).toBe(before);
  });

  it("holds at most 10,000 submits in line on one instance: the next is refused at once", async () => {
    const { bfl, submit } = rig({ limits: { maxActiveTasks: 1, queueWaitMs: 60_000 } });
    await submit("first");
    const leaving = Array.from({ length: 10_000 }, () => new AbortController());
    const held = leaving.map((leave, i) => submit(`waiting ${i}`, leave.signal));
    await vi.advanceTimersByTimeAsync(10);
    const refused = await submit("one too many");
    expect(refused.status).toBe(429);
    expect(bfl.submitted).toEqual(["first"]);
    for (const leave of leaving) leave.abort();
    expect(new Set((await Promise.all(held)).map((a) => a.status))).toEqual(new Set([499]));
  });

  it("is off with `queueWaitMs: 0`: the 429 comes at once", async () => {
    const { bfl, submit } = rig({ limits: { queueWaitMs: 0 } });
    await submit("a");
    await submit("b");
    const refused = await submit("c");
    expect(refused.status).toBe(429);
    expect(bfl.submitted).toEqual(["a", "b"]);
  });

  it("answers 503 when the store fails while a submit waits, and forwards nothing", async () => {
    const memory = createMemoryStore();
    let failing = false;
    const store: ProxyStore = {
      ...memory,
      reserveSlot: (...args) =>
        failing ? Promise.reject(new Error("store down")) : memory.reserveSlot(...args),
    };
    const errors: unknown[] = [];
    const { bfl, submit } = rig({ store, onError: ({ error }) => errors.push(error) });
    await submit("a");
    await submit("b");
    const third = submit("c");
    await vi.advanceTimersByTimeAsync(10);
    failing = true;
    await vi.advanceTimersByTimeAsync(1_000);
    const answer = await third;
    expect(answer.status).toBe(503);
    expect(errors).toContainEqual(expect.objectContaining({ message: "store down" }));
    expect(bfl.submitted).toEqual(["a", "b"]);
  });

  it("refuses a wait that is not 0 or a finite number of ms", () => {
    for (const queueWaitMs of [-1, Number.NaN, Infinity]) {
      expect(() =>
        createFluxProxy({ allowAnonymous: true, limits: { maxActiveTasks: 2, queueWaitMs } }),
      ).toThrow(/queueWaitMs/);
    }
  });
});
