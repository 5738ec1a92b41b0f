/**
 * `pnpm demo`: starts the demo server. `--dev` serves the app through Vite (hot reload) instead of `dist/`.
 * Configuration comes from the environment (see readDemoEnv.ts and the README). Ctrl+C (SIGINT) or SIGTERM
 * closes it and exits 0.
 */
import { closeOnSignals } from "@flux-kit/mock";
import { readDemoEnv } from "./readDemoEnv";
import { startFailureMessage } from "./startFailureMessage";
import { demoRoot, startDemoServer, type DemoServer, type StartDemoServerOptions } from "./startDemoServer";

const dev = process.argv.includes("--dev");

// Ctrl+C (SIGINT) and SIGTERM close the server and exit 0, from before it starts.
const signals = closeOnSignals("  demo stopped");

let options: StartDemoServerOptions;
let server: DemoServer;
try {
  options = readDemoEnv(process.env, demoRoot);
  server = await startDemoServer({ ...options, dev });
} catch (error) {
  console.error(`  The demo could not start: ${startFailureMessage(error)}`);
  process.exit(1);
}
await signals.serving(server);

const upstream =
  options.mode === "mock"
    ? "Simulated API (in-process @flux-kit/mock; set BFL_API_KEY to use BFL)"
    : `BFL (${options.region ?? "global"} region)`;
console.log(`\n  FLUX demo${dev ? " (dev)" : ""} running at ${server.url}\n`);
console.log(`  upstream: ${upstream}`);
console.log(`  images:   ${options.dataDir}\n`);
