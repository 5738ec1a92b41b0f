import { describe, expect, it } from "vitest";
import type { FluxJob, FluxResult } from "../client/types";
import { createGenerationPersistence } from "./generationPersistence";
import { decodeGenerationRecord, encodeGenerationRecord, type FluxStorage } from "./generationRecord";

const job: FluxJob = {
  id: "t1",
  pollingUrl: "https://api.eu1.bfl.ai/v1/get_result?id=t1",
  model: "flux-2-pro",
  cost: null,
  inputMp: null,
  outputMp: null,
  submittedAt: 10,
};
const result: FluxResult = {
  id: "t1",
  model: "flux-2-pro",
  url: "https://delivery-eu1.bfl.ai/r/sample.jpeg",
  expiresAt: new Date(600_010),
  seed: 7,
  prompt: "p",
  startTime: undefined,
  endTime: undefined,
  duration: 2,
  cost: null,
  raw: { sample: "x" },
};

function memory(): FluxStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
}

describe("generation records", () => {
  it("round-trip a persisted result whose image never expires (no expiresAt)", () => {
    const kept = { ...result, url: "https://cdn.example.com/kept/t1.png", expiresAt: undefined };
    const record = { job, savedAt: 20, result: kept, imageUrl: kept.url };
    const decoded = decodeGenerationRecord(encodeGenerationRecord(record));
    expect(decoded?.result?.url).toBe("https://cdn.example.com/kept/t1.png");
    expect(decoded?.result?.expiresAt).toBeUndefined();
  });

  it("round-trip a pending job and a finished result (dates included)", () => {
    const record = { job, savedAt: 20, result, imageUrl: result.url, expiresAt: result.expiresAt };
    expect(decodeGenerationRecord(encodeGenerationRecord(record))).toEqual(record);
    expect(decodeGenerationRecord(encodeGenerationRecord({ job, savedAt: 20 }))).toMatchObject({
      job,
      result: undefined,
    });
  });

  it("ignore corrupt, foreign or other-version records", () => {
    for (const text of [
      null,
      "",
      "{",
      "[]",
      '{"v":2,"job":{"id":"a","model":"m"},"savedAt":1}',
      '{"v":1,"job":{"id":""},"savedAt":1}',
    ])
      expect(decodeGenerationRecord(text)).toBeUndefined();
  });
});

describe("createGenerationPersistence", () => {
  it("saves, loads and clears under its key; drops records older than maxAgeMs", () => {
    const storage = memory();
    const slot = createGenerationPersistence({ key: "k", storage, maxAgeMs: 1000 });
    slot.save({ job, savedAt: 100 });
    expect(slot.load(500)?.job.id).toBe("t1");
    expect(slot.load(5000)).toBeUndefined();
    expect(storage.items.size).toBe(0);
    slot.save({ job, savedAt: 100 });
    slot.clear();
    expect(slot.load(200)).toBeUndefined();
  });

  it("never throws when storage is missing or failing", () => {
    const broken: FluxStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceeded");
      },
      removeItem: () => undefined,
    };
    const slot = createGenerationPersistence({ key: "k", storage: broken });
    expect(() => slot.save({ job, savedAt: 1 })).not.toThrow();
    expect(slot.load()).toBeUndefined();
    const none = createGenerationPersistence({ key: "k", storage: () => undefined });
    expect(none.load()).toBeUndefined();
    // on a server there is no sessionStorage: the default is a no-op
    expect(createGenerationPersistence({ key: "k" }).load()).toBeUndefined();
  });
});
