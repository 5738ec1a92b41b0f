import { describe, expect, it } from "vitest";
import { submit, submitOk } from "../test/helpers";
import { createMockBfl } from "./createMockBfl";

const pngHeader = (w: number, h: number) => {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, w);
  new DataView(b.buffer).setUint32(20, h);
  return btoa(String.fromCharCode(...b));
};

describe("credits and cost", () => {
  it("returns cost and megapixels for FLUX.2 and charges them", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1, credits: 100 });
    const t2i = await submitOk(mock, "flux-2-pro", { prompt: "a", width: 1024, height: 1024 });
    expect(t2i).toMatchObject({ cost: 3, input_mp: 0, output_mp: 1.05 });
    const edit = await submitOk(mock, "flux-2-pro", { prompt: "a", input_image: pngHeader(1920, 1080) });
    // the output matches the input image, cropped to multiples of 16
    expect(edit).toMatchObject({ cost: 4.5, input_mp: 2.07, output_mp: 2.06 });
    expect(mock.task(edit.id)).toMatchObject({ width: 1920, height: 1072 });
    expect(mock.getCredits()).toBe(92.5);
  });

  it("counts unreadable input images (URLs) as 1024 × 1024", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1 });
    const res = await submitOk(mock, "flux-2-pro", { prompt: "a", input_image: "https://example.com/a.png" });
    expect(res).toMatchObject({ input_mp: 1.05, output_mp: 1.05 });
  });

  it("sends cost null for non-FLUX.2 models unless configured", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1, credits: 100 });
    const res = await submitOk(mock, "flux-kontext-pro", { prompt: "a" });
    expect(res).toMatchObject({ cost: null, input_mp: null, output_mp: null });
    expect(mock.getCredits()).toBe(96);
    const all = createMockBfl({ clock: "manual", seed: 1, reportCost: "all" });
    expect(await submitOk(all, "flux-pro-1.1", { prompt: "a" })).toMatchObject({ cost: 4, output_mp: 0.79 });
    const none = createMockBfl({ clock: "manual", seed: 1, reportCost: "none" });
    expect(await submitOk(none, "flux-2-pro", { prompt: "a" })).toMatchObject({ cost: null });
  });

  it("honours a custom price table", async () => {
    const mock = createMockBfl({
      seed: 1,
      pricing: { "flux-2-pro": { base: 10, perInputMp: 0, perOutputMp: 0 } },
    });
    expect((await submitOk(mock, "flux-2-pro", { prompt: "a" })).cost).toBe(10);
  });

  it("answers 402 when credits run short, without creating a task", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1, credits: 5 });
    await submitOk(mock, "flux-2-pro", { prompt: "a" });
    const res = await submit(mock, "flux-2-pro", { prompt: "b" });
    expect(res.status).toBe(402);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/credits/i);
    expect(mock.tasks).toHaveLength(1);
    mock.setCredits(100);
    expect((await submit(mock, "flux-2-pro", { prompt: "b" })).status).toBe(200);
  });
});

describe("concurrency", () => {
  it("answers 429 above 24 active tasks and frees a slot when one finishes", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1, durationMs: [1000, 5000] });
    for (let i = 0; i < 24; i++) await submitOk(mock, "flux-2-klein-4b", { prompt: `p${i}` });
    const over = await submit(mock, "flux-2-pro", { prompt: "x" });
    expect(over.status).toBe(429);
    expect(((await over.json()) as { detail: string }).detail).toMatch(/24 active tasks/);
    expect(over.headers.get("retry-after")).toBeNull();
    const first = Math.min(...mock.tasks.map((t) => t.finishesAt));
    await mock.advance(first - mock.now());
    expect((await submit(mock, "flux-2-pro", { prompt: "x" })).status).toBe(200);
  });

  it("caps flux-kontext-max at 6 while other models still run", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1 });
    for (let i = 0; i < 6; i++) await submitOk(mock, "flux-kontext-max", { prompt: `p${i}` });
    expect((await submit(mock, "flux-kontext-max", { prompt: "x" })).status).toBe(429);
    expect((await submit(mock, "flux-kontext-pro", { prompt: "x" })).status).toBe(200);
  });

  it("counts per key", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1, apiKeys: ["a", "b"], maxActiveTasks: 2 });
    await submitOk(mock, "flux-2-pro", { prompt: "1" }, "a");
    await submitOk(mock, "flux-2-pro", { prompt: "2" }, "a");
    expect((await submit(mock, "flux-2-pro", { prompt: "3" }, "a")).status).toBe(429);
    expect((await submit(mock, "flux-2-pro", { prompt: "3" }, "b")).status).toBe(200);
  });

  it("adds Retry-After when configured", async () => {
    const fixed = createMockBfl({ clock: "manual", seed: 1, maxActiveTasks: 1, retryAfter: 7 });
    await submitOk(fixed, "flux-2-pro", { prompt: "1" });
    expect((await submit(fixed, "flux-2-pro", { prompt: "2" })).headers.get("retry-after")).toBe("7");
    const estimate = createMockBfl({
      clock: "manual",
      seed: 1,
      maxActiveTasks: 1,
      retryAfter: "estimate",
      durationMs: 4200,
    });
    await submitOk(estimate, "flux-2-pro", { prompt: "1" });
    expect((await submit(estimate, "flux-2-pro", { prompt: "2" })).headers.get("retry-after")).toBe("5");
  });

  it("does not charge a rate-limited submit", async () => {
    const mock = createMockBfl({ clock: "manual", seed: 1, maxActiveTasks: 1, credits: 10 });
    await submitOk(mock, "flux-2-pro", { prompt: "1" });
    await submit(mock, "flux-2-pro", { prompt: "2" });
    expect(mock.getCredits()).toBe(7);
  });
});
