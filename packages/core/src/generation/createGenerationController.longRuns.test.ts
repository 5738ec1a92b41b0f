import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFluxClient } from "../client/createFluxClient";
import { flux2Pro } from "../models/flux2";
import type { TaskStage } from "../schemas/taskStatus";
import { createGenerationController } from "./createGenerationController";

/** A FLUX 3-like model: a 90 s typical run (the figure the endpoint table gives `flux-3-image`). */
const flux3Like = { ...flux2Pro, id: "flux-3-image", typicalDurationMs: 90_000 };

/**
 * A tiny BFL whose tasks answer like FLUX 3 by time since submit: Pending, Reasoning from 5 s, Generating from
 * 50 s, Ready at `readyAt` (never, by default: a task that keeps generating). No progress, ever.
 */
function flux3Bfl(readyAt = Infinity) {
  const submittedAt = new Map<string, number>();
  let polls = 0;
  const fetch = async (input: RequestInfo | URL) => {
    await Promise.resolve();
    const url = new URL(input instanceof Request ? input.url : input.toString());
    if (url.pathname === "/v1/get_result") {
      polls++;
      const id = url.searchParams.get("id")!;
      const t = Date.now() - (submittedAt.get(id) ?? Date.now());
      if (t >= readyAt) {
        const result = { sample: `https://delivery-eu1.bfl.ai/r/${id}/sample.jpeg` };
        return Response.json({ id, status: "Ready", result, progress: null });
      }
      const status = t >= 50_000 ? "Generating" : t >= 5_000 ? "Reasoning" : "Pending";
      return Response.json({ id, status, result: null, progress: null });
    }
    const id = `task-${submittedAt.size + 1}`;
    submittedAt.set(id, Date.now());
    return Response.json({ id, polling_url: `https://api.bfl.ai/v1/get_result?id=${id}` });
  };
  return { fetch, polls: () => polls };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("createGenerationController: FLUX 3's stages and long runs", () => {
  it("exposes the stage as it moves, with no progress, and drops it when ready after two and a half minutes", async () => {
    const bfl = flux3Bfl(150_000);
    const client = createFluxClient({ baseUrl: "https://api.bfl.ai", fetch: bfl.fetch, models: [flux3Like] });
    const gen = createGenerationController({ client, model: "flux-3-image" });
    const seen: { status: string; stage: TaskStage | undefined }[] = [];
    gen.subscribe(() => {
      const { status, stage } = gen.getState();
      seen.push({ status, stage });
    });
    const done = gen.generate({ prompt: "a fox" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(gen.getState()).toMatchObject({ status: "pending", stage: "generating", progress: undefined });
    await vi.advanceTimersByTimeAsync(100_000);
    await expect(done).resolves.toMatchObject({ id: "task-1" });
    expect(seen).toEqual([
      { status: "submitting", stage: undefined },
      { status: "pending", stage: "pending" },
      { status: "pending", stage: "reasoning" },
      { status: "pending", stage: "generating" },
      { status: "ready", stage: undefined },
    ]);
    gen.stop();
  });

  it("does not time a silent FLUX 3 task out at 5 minutes: its default deadline is 9", async () => {
    const bfl = flux3Bfl();
    const client = createFluxClient({ baseUrl: "https://api.bfl.ai", fetch: bfl.fetch, models: [flux3Like] });
    const onError = vi.fn();
    const gen = createGenerationController({ client, model: "flux-3-image", onError });
    void gen.generate({ prompt: "a fox" });
    await vi.advanceTimersByTimeAsync(400_000);
    expect(gen.getState()).toMatchObject({ status: "pending", stage: "generating" });
    expect(onError).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(141_000);
    expect(gen.getState()).toMatchObject({
      status: "timed-out",
      stage: undefined,
      error: { code: "timeout" },
    });
    expect(onError).toHaveBeenCalledTimes(1);
    gen.stop();
  });

  it("an older model's watch keeps the 5-minute deadline; the timeoutMs option wins over both", async () => {
    const bfl = flux3Bfl();
    const client = createFluxClient({ baseUrl: "https://api.bfl.ai", fetch: bfl.fetch, models: [flux3Like] });
    const gen = createGenerationController({ client });
    void gen.watch({ id: "task-9", model: "flux-2-pro" });
    await vi.advanceTimersByTimeAsync(299_000);
    expect(gen.getState().status).toBe("pending");
    await vi.advanceTimersByTimeAsync(2_000);
    expect(gen.getState().status).toBe("timed-out");
    const short = createGenerationController({ client, timeoutMs: 20_000 });
    void short.watch({ id: "task-8", model: "flux-3-image" });
    await vi.advanceTimersByTimeAsync(21_000);
    expect(short.getState().status).toBe("timed-out");
    gen.stop();
    short.stop();
  });

  it.each([Infinity, 30 * 24 * 60 * 60_000])(
    "a deadline past setTimeout's longest (timeoutMs %s) does not end the wait at once, in the client nor the controller",
    async (timeoutMs) => {
      const bfl = flux3Bfl(150_000);
      const client = createFluxClient({
        baseUrl: "https://api.bfl.ai",
        fetch: bfl.fetch,
        models: [flux3Like],
        poll: { timeoutMs },
      });
      const waited = client.generate("flux-3-image", { prompt: "a fox" });
      const gen = createGenerationController({ client, model: "flux-3-image", timeoutMs });
      void gen.generate({ prompt: "a heron" });
      await vi.advanceTimersByTimeAsync(1_000);
      expect(gen.getState().status).toBe("pending");
      await vi.advanceTimersByTimeAsync(160_000);
      await expect(waited).resolves.toMatchObject({ id: "task-1" });
      expect(gen.getState().status).toBe("ready");
      gen.stop();
    },
  );
});
