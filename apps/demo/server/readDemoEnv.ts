import { join } from "node:path";
import type { ModelId } from "@flux-kit/core";
import { DEMO_MODELS } from "./createDemoApp";
import type { Region } from "./createUpstream";
import type { StartDemoServerOptions } from "./startDemoServer";

/** The key the proxy presents to the in-process mock when no `BFL_API_KEY` is set. */
export const MOCK_KEY = "mock-key";

/**
 * The demo's settings from the environment:
 * - `BFL_API_KEY`: set → real BFL, unset → the in-process mock ("Simulated API").
 * - `BFL_REGION`: `global` (default), `eu` or `us`.
 * - `PORT` (default 5173), `HOST` (default `localhost`).
 * - `FLUX_DEMO_UPSTREAM=mock`: use the mock even when a key is set (the mock then accepts that key).
 * - `FLUX_DEMO_MOCK_SPEED`: how much faster than BFL the mock runs (default 1).
 * - `FLUX_DEMO_MOCK_SEED`: seed of the mock's ids, durations and images (default random).
 * - `FLUX_DEMO_DATA_DIR`: where images are kept (default `apps/demo/.data`).
 * - `FLUX_DEMO_MODEL`: the model the studio starts with (default `flux-3-image`, the first of `DEMO_MODELS`).
 */
export function readDemoEnv(env: NodeJS.ProcessEnv, demoRoot: string): StartDemoServerOptions {
  const key = env.BFL_API_KEY?.trim() || undefined;
  const forced = env.FLUX_DEMO_UPSTREAM?.trim().toLowerCase();
  if (forced !== undefined && forced !== "" && forced !== "mock" && forced !== "live") {
    throw new Error(`FLUX_DEMO_UPSTREAM must be "mock" or "live", got "${forced}".`);
  }
  const mode = forced === "mock" || (forced !== "live" && key === undefined) ? "mock" : "live";
  if (mode === "live" && key === undefined) {
    throw new Error("FLUX_DEMO_UPSTREAM=live needs BFL_API_KEY: set it in the server's environment.");
  }
  const region = (env.BFL_REGION?.trim().toLowerCase() || "global") as Region;
  if (!["global", "eu", "us"].includes(region)) {
    throw new Error(`BFL_REGION must be "global", "eu" or "us", got "${env.BFL_REGION}".`);
  }
  return {
    mode,
    apiKey: key ?? MOCK_KEY,
    region,
    mockSpeed: positiveNumber(env.FLUX_DEMO_MOCK_SPEED, 1, "FLUX_DEMO_MOCK_SPEED"),
    mockSeed: integer(env.FLUX_DEMO_MOCK_SEED, "FLUX_DEMO_MOCK_SEED"),
    dataDir: env.FLUX_DEMO_DATA_DIR?.trim() || join(demoRoot, ".data"),
    port: port(env.PORT),
    host: env.HOST?.trim() || "localhost",
    defaultModel: demoModel(env.FLUX_DEMO_MODEL),
  };
}

function demoModel(raw: string | undefined): ModelId | undefined {
  const id = raw?.trim();
  if (!id) return undefined;
  if (!(DEMO_MODELS as readonly string[]).includes(id))
    throw new Error(
      `FLUX_DEMO_MODEL must be one of the demo's models (${DEMO_MODELS.join(", ")}), got "${id}".`,
    );
  return id as ModelId;
}

function port(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 5173;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new Error(`PORT must be a port number, got "${raw}".`);
  return n;
}

function positiveNumber(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!(n > 0)) throw new Error(`${name} must be a positive number, got "${raw}".`);
  return n;
}

function integer(raw: string | undefined, name: string): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const n = Number(raw);
  if (!Number.isSafeInteger(n)) throw new Error(`${name} must be an integer, got "${raw}".`);
  return n;
}
