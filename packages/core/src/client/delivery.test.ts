import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FluxExpiredError } from "../errors/FluxError";
import { fakeFetch, readySample } from "../../test/fakeFetch";
import { createFluxClient } from "./createFluxClient";
import { deliveryExpiry, isDeliveryExpired } from "./delivery";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("deliveryExpiry", () => {
  it("reads Azure SAS se= and the proxy's exp=", () => {
    expect(deliveryExpiry("https://x/sample.jpeg?se=2025-11-27T14%3A41%3A06Z&sig=1")?.toISOString()).toBe(
      "2025-11-27T14:41:06.000Z",
    );
    expect(deliveryExpiry("/api/flux/v1/image?u=abc&exp=1764254466000")?.getTime()).toBe(1764254466000);
    expect(deliveryExpiry("https://x/sample.jpeg")).toBeUndefined();
    expect(deliveryExpiry("https://x/sample.jpeg?se=garbage")).toBeUndefined();
  });

  it("says whether a URL has expired", () => {
    expect(isDeliveryExpired(readySample(new Date(Date.now() - 1_000)))).toBe(true);
    expect(isDeliveryExpired(readySample(new Date(Date.now() + 60_000)))).toBe(false);
    expect(isDeliveryExpired("https://x/no-expiry.jpeg")).toBe(false);
  });
});

describe("download", () => {
  it("refuses an expired URL before any request", async () => {
    const f = fakeFetch(() => new Response("x"));
    const error = await createFluxClient({ fetch: f.fetch })
      .download(readySample(new Date(Date.now() - 1)))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FluxExpiredError);
    expect(f.calls).toHaveLength(0);
  });

  it("refuses a result whose own expiresAt has passed, even when its URL carries no se=", async () => {
    const f = fakeFetch(() => new Response("x"));
    const result = {
      id: "t",
      model: "flux-2-pro",
      url: "https://delivery-us1.bfl.ai/results/t/sample.jpeg",
      expiresAt: new Date(Date.now() - 1),
      seed: 1,
      prompt: undefined,
      startTime: undefined,
      endTime: undefined,
      duration: undefined,
      cost: undefined,
      raw: {},
    };
    await expect(createFluxClient({ fetch: f.fetch }).download(result)).rejects.toBeInstanceOf(
      FluxExpiredError,
    );
    expect(f.calls).toHaveLength(0);
  });

  it("turns the delivery host's 403 into FluxExpiredError without retrying", async () => {
    const f = fakeFetch(() => new Response("<Error>AuthenticationFailed</Error>", { status: 403 }));
    const error = await createFluxClient({ fetch: f.fetch })
      .download(readySample())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FluxExpiredError);
    expect(f.calls).toHaveLength(1);
  });

  it("retries a 503 and returns bytes with the content type from rsct when the header is missing", async () => {
    const f = fakeFetch(
      () => new Response("busy", { status: 503 }),
      () => new Response(new Uint8Array([1, 2, 3])),
    );
    const promise = createFluxClient({ fetch: f.fetch }).download(readySample());
    await vi.advanceTimersByTimeAsync(1_000);
    const image = await promise;
    expect(Array.from(image.bytes)).toEqual([1, 2, 3]);
    expect(image.contentType).toBe("image/jpeg");
    expect(f.calls).toHaveLength(2);
  });
});
