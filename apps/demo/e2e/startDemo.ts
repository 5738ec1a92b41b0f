import { spawn } from "node:child_process";
import { stopChild } from "../../../scripts/e2e.mjs";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demoRoot } from "../server/demoRoot";

/** A key-shaped secret given to the demo server; tests assert it never reaches the browser or the log. */
export const TEST_KEY = `bfl-e2e-${randomBytes(12).toString("hex")}`;

export interface RunningDemo {
  /** The URL the server printed. */
  readonly url: string;
  readonly dataDir: string;
  /** Everything the server printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartDemoOptions {
  /** Mock speed-up (`FLUX_DEMO_MOCK_SPEED`). */
  readonly speed: number;
  /** Mock seed (`FLUX_DEMO_MOCK_SEED`), for repeatable durations. @default 1 */
  readonly seed?: number;
  /** The model the studio starts with (`FLUX_DEMO_MODEL`). @default "flux-2-pro" (the flows written for FLUX.2) */
  readonly model?: string;
}

/**
 * Starts the demo the way the README does (`server/main.ts` under tsx with the source condition), on a free
 * port, in mock mode but holding `TEST_KEY` as its BFL key (the mock accepts only that key), with its own data
 * folder. Resolves with the URL it prints.
 */
export async function startDemo(options: StartDemoOptions): Promise<RunningDemo> {
  const dataDir = mkdtempSync(join(tmpdir(), "flux-demo-e2e-"));
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=@flux-kit/source", join(demoRoot, "server", "main.ts")],
    {
      cwd: demoRoot,
      env: {
        ...process.env,
        BFL_API_KEY: TEST_KEY,
        FLUX_DEMO_UPSTREAM: "mock",
        FLUX_DEMO_MOCK_SPEED: String(options.speed),
        FLUX_DEMO_MOCK_SEED: String(options.seed ?? 1),
        FLUX_DEMO_MODEL: options.model ?? "flux-2-pro",
        FLUX_DEMO_DATA_DIR: dataDir,
        PORT: "0",
        HOST: "localhost",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The demo did not start in time:\n${output}`)), 30_000);
    const check = () => {
      const match = /running at (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`The demo exited with code ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    output: () => output,
    stop: async () => {
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
