import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFluxClient } from "../client/createFluxClient";
import { fixedPolling } from "../client/polling";
import type { FluxJob } from "../client/types";
import { flux2Klein4b } from "../models/flux2";
import { createGenerationController } from "./createGenerationController";
import { createGenerationPersistence } from "./generationPersistence";
import type { FluxStorage } from "./generationRecord";

/** A tiny BFL that records which model path each submit went to; tasks are Ready on their `readyAfterPolls`th poll. */
function fakeBfl(readyAfterPolls = 2) {
  const polls = new Map<string, number>();
  const submits: string[] = [];
  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    await Promise.resolve();
    if (init.signal?.aborted) throw new DOMException("aborted", "AbortError");
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (url.pathname === "/v1/get_result") {
      const id = url.searchParams.get("id")!;
      const n = (polls.get(id) ?? 0) + 1;
      polls.set(id, n);
      if (n < readyAfterPolls) return Response.json({ id, status: "Pending", result: null });
      return Response.json({
        id,
        status: "Ready",
        result: { sample: `https://delivery-eu1.bfl.ai/r/${id}.jpeg` },
      });
    }
    submits.push(url.pathname);
    const id = `task-${submits.length}`;
    return Response.json({ id, polling_url: `https://api.bfl.ai/v1/get_result?id=${id}` });
  };
  return { fetch, polls, submits };
}

function setup(bfl = fakeBfl()) {
  const client = createFluxClient({
    baseUrl: "https://api.bfl.ai",
    fetch: bfl.fetch,
    poll: { policy: fixedPolling(1000) },
  });
  return { client, bfl };
}

function memoryStorage(): FluxStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("generate(input, { model }): a model per call", () => {
  it("submits to the call's model instead of the option's, and the task says so", async () => {
    const { client, bfl } = setup();
    const gen = createGenerationController({ client, model: "flux-2-pro" });
    const done = gen.generate({ prompt: "a fox" }, { model: "flux-2-klein-4b" });
    await vi.advanceTimersByTimeAsync(10);
    expect(bfl.submits).toEqual(["/v1/flux-2-klein-4b"]);
    expect(gen.getState().task?.model).toBe("flux-2-klein-4b");
    await vi.advanceTimersByTimeAsync(5000);
    await expect(done).resolves.toMatchObject({ model: "flux-2-klein-4b" });
    // without one, the option's model is used
    void gen.generate({ prompt: "a fox" });
    await vi.advanceTimersByTimeAsync(10);
    expect(bfl.submits).toEqual(["/v1/flux-2-klein-4b", "/v1/flux-2-pro"]);
    gen.stop();
  });

  it("takes a model definition, and needs no `model` option then", async () => {
    const { client, bfl } = setup();
    const gen = createGenerationController({ client });
    const done = gen.generate({ prompt: "a fox" }, { model: flux2Klein4b });
    await vi.advanceTimersByTimeAsync(5000);
    await expect(done).resolves.toMatchObject({ model: "flux-2-klein-4b" });
    expect(bfl.submits).toEqual(["/v1/flux-2-klein-4b"]);
    gen.stop();
  });

  it("with no model anywhere, fails with a sentence that says how to give one", async () => {
    const { client, bfl } = setup();
    const gen = createGenerationController({ client });
    await expect(gen.generate({ prompt: "a fox" })).rejects.toThrow(/generate\(input, \{ model \}\)/);
    expect(gen.getState().status).toBe("failed");
    expect(bfl.submits).toEqual([]);
  });

  it("the same input to the same model dedupes; to another model it is a second task, and the state follows it", async () => {
    const { client, bfl } = setup(fakeBfl(3));
    const gen = createGenerationController({ client, model: "flux-2-pro" });
    const first = gen.generate({ prompt: "a fox" }, { model: "flux-2-pro" });
    expect(gen.generate({ prompt: "a fox" })).toBe(first); // the option's model is the same model
    await vi.advanceTimersByTimeAsync(10);
    const second = gen.generate({ prompt: "a fox" }, { model: "flux-2-klein-4b" });
    expect(second).not.toBe(first);
    expect(gen.generate({ prompt: "a fox" }, { model: "flux-2-klein-4b" })).toBe(second);
    await vi.advanceTimersByTimeAsync(10_000);
    const [one, two] = await Promise.all([first, second]);
    expect([one.model, two.model]).toEqual(["flux-2-pro", "flux-2-klein-4b"]);
    expect(bfl.submits).toEqual(["/v1/flux-2-pro", "/v1/flux-2-klein-4b"]);
    expect(gen.getState()).toMatchObject({ status: "ready", result: { id: two.id } });
    gen.stop();
  });

  it("retry() submits again to the model of the generation it retries, not to the option's", async () => {
    const { client, bfl } = setup();
    const options = { client, model: "flux-2-pro" };
    const gen = createGenerationController(options);
    void gen.generate({ prompt: "a fox" }, { model: "flux-2-klein-4b" });
    await vi.advanceTimersByTimeAsync(5000);
    gen.setOptions({ ...options, model: "flux-2-max" });
    void gen.retry();
    await vi.advanceTimersByTimeAsync(10);
    expect(bfl.submits).toEqual(["/v1/flux-2-klein-4b", "/v1/flux-2-klein-4b"]);
    gen.stop();
  });

  it("persists the model the task went to: a reload with another `model` option resumes it as that model", async () => {
    const { client, bfl } = setup(fakeBfl(3));
    const storage = memoryStorage();
    const persistence = createGenerationPersistence({ key: "slot", storage });
    const first = createGenerationController({ client, model: "flux-2-pro", persistence });
    const detach = first.connect();
    void first.generate({ prompt: "a fox" }, { model: "flux-2-klein-4b" });
    await vi.advanceTimersByTimeAsync(10);
    expect(persistence.load()?.job).toMatchObject({ id: "task-1", model: "flux-2-klein-4b" });
    detach(); // "reload"
    await vi.advanceTimersByTimeAsync(0);

    const proPrior = client.estimator.estimate("flux-2-pro");
    const kleinPrior = client.estimator.estimate("flux-2-klein-4b");
    const second = createGenerationController({ client, model: "flux-2-pro", persistence });
    second.connect();
    expect(second.getState()).toMatchObject({ status: "pending", task: { model: "flux-2-klein-4b" } });
    await vi.advanceTimersByTimeAsync(5000);
    expect(second.getState()).toMatchObject({ status: "ready", result: { model: "flux-2-klein-4b" } });
    // the finished task taught the polling schedule about klein's duration, not pro's
    expect(client.estimator.estimate("flux-2-klein-4b")).not.toEqual(kleinPrior);
    expect(client.estimator.estimate("flux-2-pro")).toEqual(proPrior);
    expect(bfl.submits).toHaveLength(1);
    second.stop();
  });

  it("a custom `submit` gets the call's model; a job that names none is recorded with it", async () => {
    const { client } = setup();
    const storage = memoryStorage();
    const persistence = createGenerationPersistence({ key: "slot", storage });
    const submit = vi.fn(
      (_input: Record<string, unknown>, _signal: AbortSignal, _model: unknown): Promise<FluxJob> =>
        Promise.resolve({
          id: "task-7",
          pollingUrl: "https://api.bfl.ai/v1/get_result?id=task-7",
          model: "",
          cost: null,
          inputMp: null,
          outputMp: null,
          submittedAt: Date.now(),
        }),
    );
    const gen = createGenerationController({ client, model: "flux-2-pro", submit, persistence });
    void gen.generate({ prompt: "a fox" }, { model: flux2Klein4b });
    await vi.advanceTimersByTimeAsync(10);
    expect(submit).toHaveBeenCalledWith(
      { prompt: "a fox" },
      expect.any(AbortSignal),
      flux2Klein4b,
      // the same signal, and the hooks that keep `state.waiting` informed
      expect.objectContaining({
        signal: expect.any(AbortSignal) as unknown,
        onWait: expect.any(Function) as unknown,
      }) as unknown,
    );
    expect(gen.getState().task?.model).toBe("flux-2-klein-4b");
    expect(persistence.load()?.job.model).toBe("flux-2-klein-4b");
    gen.stop();
  });
});
