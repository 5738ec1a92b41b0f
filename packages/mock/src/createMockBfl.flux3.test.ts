import { flux3OutputSize } from "@flux-kit/core/internal";
import jpeg from "jpeg-js";
import { describe, expect, it } from "vitest";
import { loopback } from "../test/loopback";
import { createMockBfl } from "./createMockBfl";
import { FLUX3_EXPANSION } from "./flux3";
import { encodePng } from "./image/encodePng";
import { renderImage } from "./image/renderImage";

const START = Date.UTC(2026, 11, 1, 12);
const png = (width: number, height: number) =>
  btoa(String.fromCharCode(...encodePng(renderImage(width, height, "ref", 1))));

describe("FLUX 3 Image: strict schema (docs/bfl-api.md Part II §2.1, §13)", () => {
  it("answers 422 extra_forbidden for each unknown field, webhooks included, and creates no task", async () => {
    const api = await loopback({ credits: 100 });
    const res = await api.submit("flux-3-image", {
      prompt: "a lighthouse",
      seed: 42,
      width: 1024,
      webhook_url: "http://127.0.0.1:9/hook",
    });
    expect(res.status).toBe(422);
    const detail = res.body["detail"] as Record<string, unknown>[];
    for (const [field, input] of [
      ["seed", 42],
      ["width", 1024],
      ["webhook_url", "http://127.0.0.1:9/hook"],
    ] as const) {
      expect(detail).toContainEqual({
        type: "extra_forbidden",
        loc: ["body", field],
        msg: "Extra inputs are not permitted",
        input,
      });
    }
    expect(api.server.mock.tasks).toHaveLength(0);
    expect(api.server.mock.getCredits()).toBe(100);
  });

  it("answers 422 for a blank prompt", async () => {
    const api = await loopback();
    const res = await api.submit("flux-3-image", { prompt: "   " });
    expect(res.status).toBe(422);
    expect(res.body["detail"]).toEqual([expect.objectContaining({ loc: ["body", "prompt"] })]);
  });
});

describe("FLUX 3 Image: a run (docs/bfl-api.md Part II §2.4)", () => {
  it("goes Pending → Reasoning → Generating → Ready with no progress, and FLUX 3's result fields", async () => {
    const api = await loopback({ startTime: START, durationMs: 10_000 });
    const submit = await api.submit("flux-3-image", { prompt: "a lighthouse at dusk" });
    const url = submit.body["polling_url"] as string;
    const seen: [string, unknown][] = [];
    for (const step of [0, 1000, 3000, 6000]) {
      await api.advance(step);
      const { body } = await api.get(url);
      seen.push([body["status"] as string, body["progress"]]);
    }
    expect(seen).toEqual([
      ["Pending", null],
      ["Reasoning", null],
      ["Generating", null],
      ["Ready", null],
    ]);
    const ready = (await api.get(url)).body;
    expect(ready["result"]).toEqual({
      sample: expect.stringContaining("/sample.jpeg?se=") as unknown,
      prompt: `a lighthouse at dusk ${FLUX3_EXPANSION}`,
      duration: 9,
    });
    const sample = new URL((ready["result"] as { sample: string }).sample);
    expect(sample.searchParams.get("se")).toBe(
      new Date(START + 10_000 + 3_600_000).toISOString().replace(".000", ""),
    );
  });

  it("reasons for less of the run without grounding", async () => {
    const api = await loopback({ durationMs: 10_000 });
    const url = (await api.submit("flux-3-image", { prompt: "a", grounding: false })).body[
      "polling_url"
    ] as string;
    await api.advance(2000);
    expect((await api.get(url)).body["status"]).toBe("Generating");
  });

  it("prices each tier on the submit, with output megapixels from core's tier table", async () => {
    const api = await loopback({ credits: 1000 });
    const cases: [string, string, number][] = [
      ["768sq", "1:1", 4.1],
      ["1k", "4:3", 4.8],
      ["1.5k", "3:2", 7],
      ["2k", "16:9", 10],
      ["4k", "1:1", 60.7],
    ];
    for (const [resolution, aspect_ratio, cost] of cases) {
      const res = await api.submit("flux-3-image", { prompt: "a fox", resolution, aspect_ratio });
      const { width, height } = flux3OutputSize(resolution as "1k", aspect_ratio);
      expect(res.body, resolution).toMatchObject({
        cost,
        input_mp: 0,
        output_mp: Math.round((width * height) / 1e4) / 100,
      });
    }
    expect(flux3OutputSize("1k", "4:3")).toEqual({ width: 1184, height: 880 });
    expect(api.server.mock.getCredits()).toBe(1000 - 4.1 - 4.8 - 7 - 10 - 60.7);
  });

  it(
    "delivers a JPEG at the tier's size for the ratio (1k 4:3 → 1184 × 880)",
    { timeout: 30_000 },
    async () => {
      const api = await loopback({ durationMs: 1000 });
      const url = (await api.submit("flux-3-image", { prompt: "a fox", aspect_ratio: "4:3" })).body[
        "polling_url"
      ] as string;
      await api.advance(1000);
      const { result } = (await api.get(url)).body as { result: { sample: string } };
      const image = await fetch(result.sample);
      expect(image.headers.get("content-type")).toBe("image/jpeg");
      const decoded = jpeg.decode(new Uint8Array(await image.arrayBuffer()), { useTArray: true });
      expect([decoded.width, decoded.height]).toEqual([1184, 880]);
    },
  );

  it("resolves aspect_ratio auto from the prompt's ratio, else the first reference, else 1:1", async () => {
    const api = await loopback({ credits: 1000 });
    const sizeOf = async (body: Record<string, unknown>) => {
      const id = (await api.submit("flux-3-image", body)).body["id"] as string;
      const task = api.server.mock.task(id);
      return [task?.width, task?.height];
    };
    const wide = flux3OutputSize("1k", "2:1");
    expect(await sizeOf({ prompt: "edit image 1", images: [png(512, 256)] })).toEqual([
      wide.width,
      wide.height,
    ]);
    const poster = flux3OutputSize("1k", "16:9");
    expect(await sizeOf({ prompt: "a 16:9 poster", images: png(512, 256) })).toEqual([
      poster.width,
      poster.height,
    ]);
    expect(await sizeOf({ prompt: "a fox" })).toEqual([1024, 1024]);
    const withRef = (
      await api.submit("flux-3-image", { prompt: "x", images: [png(512, 512), png(256, 256)] })
    ).body;
    expect(withRef).toMatchObject({ cost: 4.8, input_mp: 0.33 });
  });
});

describe("FLUX 3 Image: durations (docs/bfl-api.md Part II §2.5)", () => {
  const runs = (
    options: Parameters<typeof createMockBfl>[0],
    body: Record<string, unknown> = { prompt: "a" },
  ) => {
    const mock = createMockBfl({ clock: "manual", seed: 9, credits: 1e6, maxActiveTasks: 1e6, ...options });
    return (async () => {
      for (let i = 0; i < 201; i++) {
        await mock.fetch("https://api.bfl.ai/v1/flux-3-image", {
          method: "POST",
          headers: { "x-key": "mock-key", "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      }
      return mock.tasks.map((t) => t.finishesAt - t.createdAt).sort((a, b) => a - b);
    })();
  };
  const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? 0;

  it("draws a lognormal with a median near 90 s and a long tail", async () => {
    const times = await runs({ maxActiveTasksPerModel: { "flux-3-image": 1e6 } });
    expect(times).toHaveLength(201);
    expect(median(times)).toBeGreaterThan(80_000);
    expect(median(times)).toBeLessThan(100_000);
    expect(times.at(-1)).toBeGreaterThan(150_000);
    expect(times[0]).toBeGreaterThanOrEqual(27_000);
  });

  it("runs in a few seconds at speed 30, and longer at 4k", async () => {
    const perModel = { maxActiveTasksPerModel: { "flux-3-image": 1e6 } };
    expect(median(await runs({ ...perModel, speed: 30 }))).toBeLessThan(3_500);
    expect(median(await runs(perModel, { prompt: "a", resolution: "4k" }))).toBeGreaterThan(180_000);
  });
});

describe("FLUX 3 Image through core's client", () => {
  it("generates through Reasoning and Generating and downloads the image", { timeout: 30_000 }, async () => {
    const { createFluxClient, fixedPolling } = await import("@flux-kit/core");
    const api = await loopback({ clock: "real", durationMs: 60 });
    const client = createFluxClient({
      apiKey: "mock-key",
      baseUrl: api.server.url,
      poll: { policy: fixedPolling(5), timeoutMs: 10_000 },
    });
    const result = await client.generate("flux-3-image", { prompt: "a fox", resolution: "768sq" });
    expect(result.url.startsWith(`${api.server.deliveryUrl}/results/`)).toBe(true);
    expect((await client.download(result)).contentType).toBe("image/jpeg");
    const statuses = new Set(api.server.mock.requests.filter((r) => r.route === "poll").map((r) => r.status));
    expect(statuses).toEqual(new Set([200]));
  });
});
