import { describe, expect, it } from "vitest";
import { toSnapshot } from "./outcome";

const NOW = Date.parse("2026-11-26T12:00:00Z");
const ready = (sample: string, endTime?: number) =>
  toSnapshot({ id: "t", status: "Ready", result: { sample, seed: 1, end_time: endTime } }, "flux-2-pro", NOW);

describe("toSnapshot: when a result's image expires", () => {
  it("reads se= on a signed delivery URL", () => {
    const url = "https://delivery-eu1.bfl.ai/results/a/sample.jpeg?se=2026-11-26T12%3A09%3A00Z&sig=x";
    expect(ready(url).result?.expiresAt?.toISOString()).toBe("2026-11-26T12:09:00.000Z");
  });

  it("reads the proxy's exp= on its image route", () => {
    const inner = encodeURIComponent("https://delivery-us1.bfl.ai/results/a/sample.png?se=x");
    expect(ready(`/api/flux/v1/image?u=${inner}&exp=${NOW + 5_000}`).result?.expiresAt?.getTime()).toBe(
      NOW + 5_000,
    );
  });

  it("gives an unsigned BFL delivery URL BFL's 10 minutes from end_time, or from now", () => {
    expect(
      ready(
        "https://bfldeliveryprodeu4.blob.core.windows.net/results/a.jpeg",
        NOW / 1000 - 60,
      ).result?.expiresAt?.getTime(),
    ).toBe(NOW - 60_000 + 600_000);
    expect(ready("https://delivery-eu.bfl.ai/results/a.jpeg").result?.expiresAt?.getTime()).toBe(
      NOW + 600_000,
    );
  });

  it("treats any other URL as a persisted copy that does not expire", () => {
    expect(ready("https://cdn.example.com/kept.jpeg").result?.expiresAt).toBeUndefined();
    expect(ready("/gallery/t.jpeg").result?.expiresAt).toBeUndefined();
  });

  it("normalises progress given as a percentage", () => {
    expect(toSnapshot({ id: "t", status: "Pending", progress: 42 }, undefined).progress).toBeCloseTo(0.42);
    expect(toSnapshot({ id: "t", status: "Pending", progress: 0.42 }, undefined).progress).toBeCloseTo(0.42);
  });
});

describe("toSnapshot: FLUX 3's stages", () => {
  it.each([
    ["Pending", "pending"],
    ["Reasoning", "reasoning"],
    ["generating", "generating"],
  ] as const)("%s is in flight, stage %s, no progress", (status, stage) => {
    const snapshot = toSnapshot({ id: "t", status, progress: null }, "flux-3-image");
    expect(snapshot).toMatchObject({ stage, terminal: false, progress: undefined, result: undefined });
    expect(snapshot.error).toBeUndefined();
  });

  it("keeps an undocumented in-flight status pending with no stage, and gives terminal snapshots none", () => {
    expect(toSnapshot({ id: "t", status: "Processing" }, undefined)).toMatchObject({
      status: "Processing",
      stage: undefined,
      terminal: false,
    });
    expect(ready("https://cdn.example.com/kept.jpeg").stage).toBeUndefined();
    expect(toSnapshot({ id: "t", status: "Error", details: "boom" }, undefined)).toMatchObject({
      stage: undefined,
      terminal: true,
    });
  });
});
