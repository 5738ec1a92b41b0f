import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeFetch, json, type Responder } from "../../test/fakeFetch";
import { createFluxClient } from "./createFluxClient";
import { fixedPolling } from "./polling";

// Long polls against @flux-kit/proxy: once the proxy's answers carry `X-Flux-Long-Poll`, each poll asks it to
// wait until the status changes from the one seen, and the next poll goes as soon as it answers.

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const OFFER = { "x-flux-long-poll": "20" };
const POLLING = "/api/flux/v1/get_result?id=t1&t=token";

const submitted = (headers: Record<string, string> = OFFER): Responder =>
  json({ id: "t1", polling_url: POLLING }, 200, headers);
const status = (s: string, headers: Record<string, string> = OFFER): Responder =>
  json(
    {
      id: "t1",
      status: s,
      result:
        s === "Ready" ? { sample: "https://delivery-eu1.bfl.ai/t1.jpg?se=2099-01-01T00%3A00%3A00Z" } : null,
      progress: null,
    },
    200,
    headers,
  );
/** Answers after `ms` of (fake) time: a poll the proxy held. */
const heldFor =
  (ms: number, responder: Responder): Responder =>
  (call) =>
    new Promise((resolve) => setTimeout(() => resolve(responder(call)), ms));

function client(...script: Responder[]) {
  const f = fakeFetch(...script);
  const flux = createFluxClient({
    baseUrl: "/api/flux",
    fetch: f.fetch,
    poll: { policy: fixedPolling(2_000) },
  });
  return { f, flux };
}

describe("long polls", () => {
  it("ask the proxy to wait, naming the status seen, and poll again as soon as it answers", async () => {
    const { f, flux } = client(
      submitted(),
      heldFor(4_500, status("Reasoning")),
      heldFor(20_000, status("Reasoning")),
      heldFor(7_000, status("Generating")),
      heldFor(20_000, status("Ready")),
    );
    const times: number[] = [];
    const job = await flux.submit("flux-3-image", { prompt: "a fox" });
    const result = flux.wait(job, { onUpdate: () => times.push(Date.now()) });
    await vi.advanceTimersByTimeAsync(60_000);
    await expect(result).resolves.toMatchObject({ id: "t1" });
    expect(f.calls.slice(1).map((c) => new URL(c.url, "https://app.example").search)).toEqual([
      "?id=t1&t=token&wait=20&seen=Pending",
      "?id=t1&t=token&wait=20&seen=Reasoning",
      "?id=t1&t=token&wait=20&seen=Reasoning",
      "?id=t1&t=token&wait=20&seen=Generating",
    ]);
    // after the first poll's scheduled start, each poll follows the last answer at once (within the 1 ms a
    // zero-length timer takes on fake time), instead of after the schedule's 2 s
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    const held = [20_000, 7_000, 20_000];
    gaps.forEach((gap, i) => expect(gap - held[i]!).toBeLessThanOrEqual(1));
  });

  it("fall back to the adaptive schedule when a poll is answered at once with no change (nothing spins)", async () => {
    const { f, flux } = client(submitted(), status("Pending"));
    const job = await flux.submit("flux-2-pro", { prompt: "a fox" });
    const watching = flux.wait(job, { timeoutMs: 9_000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    await watching;
    // one poll every 2 s (the fixed schedule), not hundreds
    expect(f.calls.length - 1).toBeLessThanOrEqual(6);
    expect(f.calls[1]?.url).toContain("wait=20&seen=Pending");
  });

  it("send plain polls to a server that offers none, and with `longPolls: false`", async () => {
    const plain = client(submitted({}), status("Ready", {}));
    const generated = plain.flux.generate("flux-2-pro", { prompt: "a fox" });
    await vi.advanceTimersByTimeAsync(5_000);
    await generated;
    expect(plain.f.calls[1]?.url).toBe(POLLING);

    const f = fakeFetch(submitted(), status("Ready"));
    const off = createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch, longPolls: false });
    const done = off.generate("flux-2-pro", { prompt: "a fox" });
    await vi.advanceTimersByTimeAsync(5_000);
    await done;
    expect(f.calls[1]?.url).toBe(POLLING);
  });

  it("keep waiting after another route answered without the offer (the models list)", async () => {
    const { f, flux } = client(
      submitted(),
      json({ models: [{ id: "flux-2-pro" }] }, 200, {}),
      status("Ready"),
    );
    const job = await flux.submit("flux-2-pro", { prompt: "a fox" });
    await flux.allowedModels();
    const done = flux.wait(job);
    await vi.advanceTimersByTimeAsync(5_000);
    await done;
    expect(f.calls[2]?.url).toContain("wait=20&seen=Pending");
  });

  it("wait no longer than a request's own deadline allows", async () => {
    const f = fakeFetch(
      submitted({ "x-flux-long-poll": "60" }),
      status("Ready", { "x-flux-long-poll": "60" }),
    );
    const flux = createFluxClient({ baseUrl: "/api/flux", fetch: f.fetch, timeoutMs: 15_000 });
    const done = flux.generate("flux-2-pro", { prompt: "a fox" });
    await vi.advanceTimersByTimeAsync(5_000);
    await done;
    expect(f.calls[1]?.url).toContain("&wait=10&");
  });
});
