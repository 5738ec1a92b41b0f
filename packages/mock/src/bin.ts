#!/usr/bin/env node
import { parseArgs } from "node:util";
import { closeOnSignals } from "./closeOnSignals";
import { listenErrorMessage, type CliListener } from "./listenErrorMessage";
import { startMockServer, type MockServer } from "./startMockServer";

const USAGE = `flux-mock: a local simulator of the BFL FLUX API

Usage: flux-mock [--port 4010] [--host 127.0.0.1] [--delivery-port <port+1>] [--polling-port <n>]
                 [--speed 1] [--seed <n>] [--key mock-key] [--credits 10000]

Environment: PORT, HOST, FLUX_MOCK_SPEED, FLUX_MOCK_SEED, FLUX_MOCK_KEY.`;

const { values } = parseArgs({
  options: {
    port: { type: "string" },
    host: { type: "string" },
    "delivery-port": { type: "string" },
    "polling-port": { type: "string" },
    speed: { type: "string" },
    seed: { type: "string" },
    key: { type: "string" },
    credits: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const num = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`flux-mock: --${name} must be a non-negative number, got "${value}".\n\n${USAGE}`);
    process.exit(2);
  }
  return n;
};

const port = num(values.port ?? process.env["PORT"], "port") ?? 4010;
const host = values.host ?? process.env["HOST"] ?? "127.0.0.1";
const deliveryPort = num(values["delivery-port"], "delivery-port") ?? (port === 0 ? 0 : port + 1);
const pollingPort = num(values["polling-port"], "polling-port");
const key = values.key ?? process.env["FLUX_MOCK_KEY"] ?? "mock-key";
const seed = num(values.seed ?? process.env["FLUX_MOCK_SEED"], "seed");
const speed = num(values.speed ?? process.env["FLUX_MOCK_SPEED"], "speed");
const credits = num(values.credits, "credits");

// Ctrl+C (SIGINT) and SIGTERM stop the server and exit 0, from before it starts.
const signals = closeOnSignals("flux-mock: stopped");

const listeners: CliListener[] = [
  { port, change: "pass --port <n> or set PORT=<n>" },
  ...(pollingPort === undefined
    ? []
    : [{ name: "polling", port: pollingPort, change: "pass --polling-port <n>" }]),
  { name: "delivery", port: deliveryPort, change: "pass --delivery-port <n>" },
];
let server: MockServer;
try {
  server = await startMockServer({
    port,
    host,
    deliveryPort,
    apiKeys: [key],
    ...(pollingPort !== undefined && { pollingPort }),
    ...(seed !== undefined && { seed }),
    ...(speed !== undefined && { speed }),
    ...(credits !== undefined && { credits }),
  });
} catch (error) {
  console.error(`flux-mock: ${listenErrorMessage(error, host, listeners)}`);
  process.exit(1);
}
await signals.serving(server);

const body = JSON.stringify({ prompt: "A serene mountain landscape at sunset", width: 1024, height: 1024 });
console.log(`flux-mock: BFL simulator listening on ${server.url}`);
console.log(`  delivery origin: ${server.deliveryUrl}   polling origin: ${server.pollingUrl}`);
console.log(
  `  accepted x-key:  ${key}   (markers like [mock:content-moderated] script outcomes; see README)`,
);
console.log(
  `\nTry it:\n  curl -s -X POST ${server.url}/v1/flux-2-pro -H "x-key: ${key}" -H "Content-Type: application/json" -d '${body}'`,
);
console.log(
  `  # then: curl -s "<polling_url>" -H "x-key: ${key}"   and   curl -s -o out.jpeg "<result.sample>"\n`,
);
