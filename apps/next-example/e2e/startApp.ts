import { spawn } from "node:child_process";
import { stopChild } from "../../../scripts/e2e.mjs";
import { randomBytes } from "node:crypto";
import { startMockServer, type MockServer } from "@flux-kit/mock";
import { appRoot } from "./appRoot";
import { nextBin, nextEnv } from "./nextEnv";

/** A key-shaped secret: the only key the mock accepts, given only to `next start`. */
export const TEST_KEY = `bfl-next-e2e-${randomBytes(12).toString("hex")}`;

/** The host name the browser uses (mapped to 127.0.0.1 by Chromium, no DNS): deliberately not localhost. */
export const APP_HOST = "app.example.test";

export interface RunningApp {
  /** `http://app.example.test:<port>`: what the browser opens. */
  readonly url: string;
  /** `app.example.test:<port>`: the only host every browser request and rewritten URL may name. */
  readonly host: string;
  readonly port: number;
  readonly mock: MockServer;
  /** Everything `next start` printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `@flux-kit/mock` on loopback (its API, a separate polling origin as BFL's cluster hosts are, and a
 * delivery origin), then `next start` on the built app on a free port with the test key and the mock as its
 * upstream. Resolves once Next says it is ready.
 */
export async function startApp(): Promise<RunningApp> {
  const mock = await startMockServer({ port: 0, pollingPort: 0, apiKeys: [TEST_KEY], speed: 10, seed: 1 });
  const child = spawn(process.execPath, [nextBin, "start", "--hostname", "127.0.0.1", "--port", "0"], {
    cwd: appRoot,
    env: nextEnv({
      BFL_API_KEY: TEST_KEY,
      FLUX_UPSTREAM: mock.url,
      FLUX_POLLING_ORIGINS: mock.pollingUrl,
      FLUX_DELIVERY_ORIGINS: mock.deliveryUrl,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const check = () => {
        const local = /Local:\s+http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (local && /Ready in/.test(output)) resolve(Number(local[1]));
      };
      child.stdout.on("data", check);
      child.once("exit", (code) => reject(new Error(`next start exited with code ${code}:\n${output}`)));
    });
    const host = `${APP_HOST}:${port}`;
    return {
      url: `http://${host}`,
      host,
      port,
      mock,
      output: () => output,
      stop: async () => {
        await stopChild(child);
        await mock.close();
      },
    };
  } catch (error) {
    await stopChild(child);
    await mock.close();
    throw error;
  }
}
