import jpeg from "jpeg-js";
import { unzlibSync } from "fflate";
import { describe, expect, it } from "vitest";
import { poll, submitOk } from "../test/helpers";
import { createMockBfl, type MockBfl } from "./createMockBfl";

const START = Date.UTC(2026, 0, 1, 12);

async function readySample(
  mock: MockBfl,
  body: Record<string, unknown>,
  model = "flux-2-pro",
): Promise<string> {
  const { polling_url } = await submitOk(mock, model, body);
  await mock.advance(1000);
  const ready = await poll(mock, polling_url);
  if (!ready.result) throw new Error(`not ready: ${ready.status}`);
  return ready.result.sample;
}

const manual = (extra: Parameters<typeof createMockBfl>[0] = {}) =>
  createMockBfl({ clock: "manual", startTime: START, seed: 5, durationMs: 1000, ...extra });

describe("delivery", () => {
  it("signs an Azure-SAS-like URL on the delivery origin that expires 10 minutes after completion", async () => {
    const mock = manual({ deliveryOrigin: "https://delivery-eu1.mock.test" });
    const sample = new URL(await readySample(mock, { prompt: "a" }));
    expect(sample.origin).toBe("https://delivery-eu1.mock.test");
    expect(sample.pathname).toMatch(/^\/results\/[0-9a-f]{32}\/sample\.jpeg$/);
    expect(Object.fromEntries(sample.searchParams)).toEqual({
      se: new Date(START + 1000 + 600_000).toISOString().replace(".000", ""),
      sp: "r",
      sv: "2024-11-04",
      sr: "b",
      rsct: "image/jpeg",
      sig: expect.any(String) as unknown,
    });
    expect(sample.search).toContain("se=2026-01-01T12%3A10%3A01Z");
  });

  it("serves a real JPEG at the requested size, without CORS headers", async () => {
    const mock = manual();
    const res = await mock.fetch(await readySample(mock, { prompt: "a red fox", width: 512, height: 320 }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const decoded = jpeg.decode(bytes, { useTArray: true });
    expect([decoded.width, decoded.height]).toEqual([512, 320]);
  });

  it("serves a PNG for output_format png, and a documented fallback for webp", async () => {
    const mock = manual();
    const png = await mock.fetch(
      await readySample(mock, { prompt: "a", output_format: "png", width: 64, height: 80 }),
    );
    expect(png.headers.get("content-type")).toBe("image/png");
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const view = new DataView(bytes.buffer);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([64, 80]);

    const webpUrl = await readySample(mock, { prompt: "a", output_format: "webp", width: 64, height: 64 });
    expect(webpUrl).toMatch(/sample\.webp\?.*rsct=image%2Fwebp/);
    const webp = await mock.fetch(webpUrl);
    expect(webp.headers.get("content-type")).toBe("image/png");
    expect(webp.headers.get("x-mock-format-fallback")).toBe("image/png");
  });

  it("renders deterministically from prompt and seed, differently per prompt", async () => {
    const pixels = async (prompt: string, seed: number) => {
      const mock = manual();
      const res = await mock.fetch(
        await readySample(mock, { prompt, seed, output_format: "png", width: 64, height: 64 }),
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      const idatLength = new DataView(bytes.buffer).getUint32(33);
      return unzlibSync(bytes.slice(41, 41 + idatLength));
    };
    const a = await pixels("a castle", 1);
    expect(await pixels("a castle", 1)).toEqual(a);
    expect(await pixels("a lighthouse", 1)).not.toEqual(a);
    expect(await pixels("a castle", 2)).not.toEqual(a);
  });

  it("answers 403 once the URL has expired", async () => {
    const mock = manual();
    const sample = await readySample(mock, { prompt: "a", width: 64, height: 64 });
    await mock.advance(599_000);
    expect((await mock.fetch(sample)).status).toBe(200);
    await mock.advance(1000);
    const expired = await mock.fetch(sample);
    expect(expired.status).toBe(403);
    expect(expired.headers.get("content-type")).toBe("application/xml");
    expect(await expired.text()).toContain("<Code>AuthenticationFailed</Code>");
  });

  it("honours a custom delivery TTL", async () => {
    const mock = manual({ deliveryTtlMs: 5000 });
    const sample = await readySample(mock, { prompt: "a", width: 64, height: 64 });
    await mock.advance(5000);
    expect((await mock.fetch(sample)).status).toBe(403);
  });

  it("answers 403 for a tampered signature or expiry", async () => {
    const mock = manual();
    const sample = new URL(await readySample(mock, { prompt: "a", width: 64, height: 64 }));
    const badSig = new URL(sample);
    badSig.searchParams.set("sig", "AAAA");
    expect((await mock.fetch(badSig)).status).toBe(403);
    const later = new URL(sample);
    later.searchParams.set("se", "2099-01-01T00:00:00Z");
    expect((await mock.fetch(later)).status).toBe(403);
    const unsigned = new URL(sample.origin + sample.pathname);
    expect((await mock.fetch(unsigned)).status).toBe(403);
  });

  it("answers 404 BlobNotFound once the task is evicted, and supports HEAD", async () => {
    const mock = manual({ retentionMs: 2000 });
    const sample = await readySample(mock, { prompt: "a", width: 64, height: 64 });
    const head = await mock.fetch(sample, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBeGreaterThan(0);
    await mock.advance(2000);
    const gone = await mock.fetch(sample);
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain("BlobNotFound");
  });

  it("keeps the same sample URL across polls", async () => {
    const mock = manual();
    const { polling_url } = await submitOk(mock, "flux-2-pro", { prompt: "a" });
    await mock.advance(1000);
    const a = await poll(mock, polling_url);
    await mock.advance(5000);
    const b = await poll(mock, polling_url);
    expect(b.result?.sample).toBe(a.result?.sample);
  });

  it("sizes aspect-ratio models around 1 MP (4 MP for Ultra)", async () => {
    const mock = manual({ credits: 1e6 });
    const kontext = await submitOk(mock, "flux-kontext-pro", { prompt: "a", aspect_ratio: "16:9" });
    const ultra = await submitOk(mock, "flux-pro-1.1-ultra", { prompt: "a" });
    const k = mock.task(kontext.id);
    const u = mock.task(ultra.id);
    expect(k && k.width / k.height).toBeCloseTo(16 / 9, 1);
    expect(k && k.width * k.height).toBeGreaterThan(0.9e6);
    expect(u && u.width * u.height).toBeGreaterThan(3.9e6);
  });
});
