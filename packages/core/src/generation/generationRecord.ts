import type { FluxJob, FluxResult } from "../client/types";
import { isJsonObject as isObject } from "../bfl/json";

/** The part of the Web Storage API persistence needs (`sessionStorage`, `localStorage`, or your own). */
export interface FluxStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What is kept between page loads: the task handle, and the result once it is ready. Never the input. */
export interface GenerationRecord {
  readonly job: FluxJob;
  /** `Date.now()` when written. */
  readonly savedAt: number;
  /** The finished result, once ready. */
  readonly result?: FluxResult | undefined;
  /** The image URL shown (the persisted copy, when there is one). */
  readonly imageUrl?: string | undefined;
  /** When `imageUrl` expires; `undefined` for a persisted copy. */
  readonly expiresAt?: Date | undefined;
}

const VERSION = 1;

/** Serialises a record (dates as epoch ms). */
export function encodeGenerationRecord(record: GenerationRecord): string {
  const { result, expiresAt } = record;
  return JSON.stringify({
    v: VERSION,
    job: record.job,
    savedAt: record.savedAt,
    result: result ? { ...result, expiresAt: result.expiresAt?.getTime() } : undefined,
    imageUrl: record.imageUrl,
    expiresAt: expiresAt?.getTime(),
  });
}

/** Reads a record back; `undefined` for anything missing, foreign, corrupt or from another version. */
export function decodeGenerationRecord(text: string | null | undefined): GenerationRecord | undefined {
  if (!text) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(raw) || raw["v"] !== VERSION || typeof raw["savedAt"] !== "number") return undefined;
  const job = raw["job"];
  if (!isObject(job) || typeof job["id"] !== "string" || job["id"] === "" || typeof job["model"] !== "string")
    return undefined;
  const pollingUrl = typeof job["pollingUrl"] === "string" ? job["pollingUrl"] : undefined;
  const decodedJob: FluxJob = {
    id: job["id"],
    pollingUrl,
    model: job["model"],
    cost: numberOrNull(job["cost"]),
    inputMp: numberOrNull(job["inputMp"]),
    outputMp: numberOrNull(job["outputMp"]),
    submittedAt: typeof job["submittedAt"] === "number" ? job["submittedAt"] : raw["savedAt"],
  };
  const result = decodeResult(raw["result"]);
  const imageUrl = typeof raw["imageUrl"] === "string" ? raw["imageUrl"] : result?.url;
  const expiresAt = typeof raw["expiresAt"] === "number" ? new Date(raw["expiresAt"]) : undefined;
  return { job: decodedJob, savedAt: raw["savedAt"], result, imageUrl, expiresAt };
}

function decodeResult(raw: unknown): FluxResult | undefined {
  if (!isObject(raw) || typeof raw["id"] !== "string" || typeof raw["url"] !== "string") return undefined;
  const num = (key: string) => (typeof raw[key] === "number" ? raw[key] : undefined);
  return {
    id: raw["id"],
    model: typeof raw["model"] === "string" ? raw["model"] : undefined,
    url: raw["url"],
    // absent for a persisted copy, which does not expire
    expiresAt: typeof raw["expiresAt"] === "number" ? new Date(raw["expiresAt"]) : undefined,
    seed: num("seed"),
    prompt: typeof raw["prompt"] === "string" ? raw["prompt"] : undefined,
    startTime: num("startTime"),
    endTime: num("endTime"),
    duration: num("duration"),
    cost: raw["cost"] === null ? null : num("cost"),
    raw: isObject(raw["raw"]) ? raw["raw"] : {},
  };
}

function numberOrNull(value: unknown): number | null {
  return typeof value === "number" ? value : null;
}
