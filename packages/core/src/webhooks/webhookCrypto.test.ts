import { describe, expect, it } from "vitest";
import { fromHex, timingSafeEqual, toBytes, toHex } from "./webhookCrypto";
import { parseWebhookTimestamp } from "./webhookTimestamp";

describe("webhook byte helpers", () => {
  it("compares equal-length bytes without regard to where they differ", () => {
    const a = new Uint8Array([1, 2, 3, 4]);
    expect(timingSafeEqual(a, new Uint8Array([1, 2, 3, 4]))).toBe(true);
    expect(timingSafeEqual(a, new Uint8Array([0, 2, 3, 4]))).toBe(false);
    expect(timingSafeEqual(a, new Uint8Array([1, 2, 3, 5]))).toBe(false);
    expect(timingSafeEqual(a, new Uint8Array([1, 2, 3]))).toBe(false);
    expect(timingSafeEqual(new Uint8Array(), new Uint8Array())).toBe(true);
  });

  it("parses hex in either case and refuses anything else", () => {
    expect(fromHex("00ffA0")).toEqual(new Uint8Array([0, 255, 160]));
    expect(toHex(new Uint8Array([0, 255, 160]))).toBe("00ffa0");
    for (const bad of ["0", "0g", "zz", " 00", "0x00"]) expect(fromHex(bad), bad).toBeUndefined();
  });

  it("copies views into standalone buffers", () => {
    const big = new Uint8Array([9, 8, 7, 6]);
    const copy = toBytes(big.subarray(1, 3));
    expect(copy).toEqual(new Uint8Array([8, 7]));
    expect(copy.buffer.byteLength).toBe(2);
    expect(toBytes(new Uint8Array([5, 6]).buffer)).toEqual(new Uint8Array([5, 6]));
  });
});

describe("parseWebhookTimestamp", () => {
  it("reads seconds, milliseconds, fractions, ISO strings and Dates", () => {
    const iso = "2026-03-01T12:00:00.000Z";
    const ms = Date.parse(iso);
    expect(parseWebhookTimestamp(ms / 1000)).toEqual(new Date(ms));
    expect(parseWebhookTimestamp(String(ms / 1000))).toEqual(new Date(ms));
    expect(parseWebhookTimestamp(ms)).toEqual(new Date(ms));
    expect(parseWebhookTimestamp(`${ms}`)).toEqual(new Date(ms));
    expect(parseWebhookTimestamp(1764253858.8486362)).toEqual(new Date(1764253858849));
    expect(parseWebhookTimestamp(iso)).toEqual(new Date(ms));
    expect(parseWebhookTimestamp("2026-03-01T13:00:00+01:00")).toEqual(new Date(ms));
    expect(parseWebhookTimestamp(new Date(ms))).toEqual(new Date(ms));
  });

  it("returns undefined for anything else", () => {
    for (const v of [undefined, null, "", "  ", "soon", Number.NaN, Number.POSITIVE_INFINITY, {}, [], true]) {
      expect(parseWebhookTimestamp(v), JSON.stringify(v)).toBeUndefined();
    }
  });
});
