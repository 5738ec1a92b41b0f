/**
 * `pnpm demo`: starts the demo server. `--dev` serves the app through Vite (hot reload) instead of `dist/`.
 * Configuration comes from the environment (see readDemoEnv.ts and the README). Ctrl+C (SIGINT) or SIGTERM
 * closes it and exits 0.
 */
import { readDemoEnv } from "./readDemoEnv";
import { startFailureMessage } from "./startFailureMessage";
import { demoRoot, startDemoServer, type DemoServer, type StartDemoServerOptions } from "./startDemoServer";

const dev = process.argv.includes("--dev");

// The handlers are in place before the server starts, so a signal during startup, or just after the "running
// at" line, still closes it cleanly; the copy pnpm forwards after the terminal's own is ignored.
let server: DemoServer | undefined;
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  if (server) void shutDown(server);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);

async function shutDown(running: DemoServer): Promise<void> {
  await running.close();
  console.log("  demo stopped");
  process.exit(0);
}

let options: StartDemoServerOptions;
try {
  options = readDemoEnv(process.env, demoRoot);
  server = await startDemoServer({ ...options, dev });
} catch (error) {
  console.error(`  The demo could not start: ${startFailureMessage(error)}`);
  process.exit(1);
}
if (stopping) await shutDown(server);

const upstream =
  options.mode === "mock"
    ? "Simulated API (in-process @flux-kit/mock; set BFL_API_KEY to use BFL)"
    : `BFL (${options.region ?? "global"} region)`;
console.log(`\n  FLUX demo${dev ? " (dev)" : ""} running at ${server.url}\n`);
console.log(`  upstream: ${upstream}`);
console.log(`  images:   ${options.dataDir}\n`);
