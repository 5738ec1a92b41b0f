import { describe, expect, it } from "vitest";
import { BASE, KEY, poll, submit, submitOk } from "../test/helpers";
import { createMockBfl } from "./createMockBfl";

describe("upstream faults", () => {
  it("injects a 503 burst on polls, then recovers", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1 });
    const { polling_url } = await submitOk(mock, "flux-2-pro", { prompt: "a" });
    mock.injectFault({ kind: "status", status: 503 }, { times: 3, route: "poll" });
    for (let i = 0; i < 3; i++) {
      const res = await mock.fetch(polling_url);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ detail: "Service Unavailable" });
    }
    expect((await mock.fetch(polling_url)).status).toBe(200);
    expect(mock.requests.filter((r) => r.fault === "status")).toHaveLength(3);
  });

  it("a 500 on submit creates no task", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1 });
    mock.injectFault({ kind: "status", status: 500 }, { route: "submit" });
    expect((await submit(mock, "flux-2-pro", { prompt: "a" })).status).toBe(500);
    expect(mock.tasks).toHaveLength(0);
  });

  it("a reset makes fetch reject like a dropped connection", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1 });
    mock.injectFault({ kind: "reset" });
    await expect(submit(mock, "flux-2-pro", { prompt: "a" })).rejects.toThrow(TypeError);
    expect(mock.tasks).toHaveLength(0);
  });

  it("a reset after processing leaves a billed task behind", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1, credits: 10 });
    mock.injectFault({ kind: "reset", when: "after" }, { route: "submit" });
    await expect(submit(mock, "flux-2-pro", { prompt: "a" })).rejects.toThrow(TypeError);
    expect(mock.tasks).toHaveLength(1);
    expect(mock.getCredits()).toBe(7);
    expect(mock.requests[0]).toMatchObject({ status: 0, fault: "reset" });
  });

  it("malformed JSON is a 200 whose body does not parse, and the task exists", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1 });
    mock.injectFault({ kind: "malformed-json" }, { route: "submit" });
    const res = await submit(mock, "flux-2-pro", { prompt: "a" });
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow(SyntaxError);
    expect(mock.tasks).toHaveLength(1);
  });

  it("added latency waits on the clock", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1 });
    mock.injectFault({ kind: "latency", ms: 2000 }, { route: "credits" });
    let settled = false;
    const pending = mock.fetch(`${BASE}/v1/credits`, { headers: { "x-key": KEY } }).then((r) => {
      settled = true;
      return r;
    });
    await mock.advance(1999);
    expect(settled).toBe(false);
    await mock.advance(1);
    expect((await pending).status).toBe(200);
  });

  it("an abort during added latency rejects with AbortError", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1 });
    mock.injectFault({ kind: "latency", ms: 5000 });
    const controller = new AbortController();
    const pending = mock.fetch(`${BASE}/v1/credits`, {
      headers: { "x-key": KEY },
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: "AbortError" });
  });

  it("random fault rates are seeded and only hit the chosen routes", async () => {
    const statuses = async () => {
      const mock = createMockBfl({
        clock: "manual",
        seed: 9,
        faults: { status503Rate: 0.3, routes: ["poll"] },
      });
      const { polling_url } = await submitOk(mock, "flux-2-pro", { prompt: "a" });
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push((await mock.fetch(polling_url)).status);
      return out;
    };
    const a = await statuses();
    expect(await statuses()).toEqual(a);
    const failures = a.filter((s) => s === 503).length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(25);
    expect(a.every((s) => s === 200 || s === 503)).toBe(true);
  });

  it("random resets and malformed bodies", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 2, faults: { resetRate: 0.5, routes: ["credits"] } });
    let resets = 0;
    for (let i = 0; i < 20; i++) {
      await mock.fetch(`${BASE}/v1/credits`, { headers: { "x-key": KEY } }).catch(() => (resets += 1));
    }
    expect(resets).toBeGreaterThan(2);
    const bad = createMockBfl({ clock: "manual", seed: 2, faults: { malformedJsonRate: 1 } });
    const res = await bad.fetch(`${BASE}/v1/credits`, { headers: { "x-key": KEY } });
    await expect(res.json()).rejects.toThrow();
  });

  it("reset() drops queued faults", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1 });
    mock.injectFault({ kind: "status", status: 500 }, { times: 5 });
    mock.reset();
    const { polling_url } = await submitOk(mock, "flux-2-pro", { prompt: "a" });
    expect((await poll(mock, polling_url)).status).toBe("Pending");
  });
});
