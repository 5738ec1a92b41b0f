/**
 * `pnpm demo`: starts the demo server. `--dev` serves the app through Vite (hot reload) instead of `dist/`.
 * Configuration comes from the environment (see readDemoEnv.ts and the README).
 */
import { readDemoEnv } from "./readDemoEnv";
import { demoRoot, startDemoServer } from "./startDemoServer";

const dev = process.argv.includes("--dev");

try {
  const options = readDemoEnv(process.env, demoRoot);
  const server = await startDemoServer({ ...options, dev });
  const upstream =
    options.mode === "mock"
      ? "Simulated API (in-process @flux-kit/mock; set BFL_API_KEY to use BFL)"
      : `BFL (${options.region ?? "global"} region)`;
  console.log(`\n  FLUX demo${dev ? " (dev)" : ""} running at ${server.url}\n`);
  console.log(`  upstream: ${upstream}`);
  console.log(`  images:   ${options.dataDir}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void server.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error(`\n  The demo could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
