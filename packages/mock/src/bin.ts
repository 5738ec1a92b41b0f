#!/usr/bin/env node
import { closeOnSignals } from "./closeOnSignals";
import { listenErrorMessage, type CliListener } from "./listenErrorMessage";
import { parseCliArgs, USAGE } from "./parseCliArgs";
import { startMockServer, type MockServer } from "./startMockServer";

const args = parseCliArgs(process.argv.slice(2), process.env);
if (args.kind === "help") {
  console.log(USAGE);
  process.exit(0);
}
if (args.kind === "error") {
  console.error(`flux-mock: ${args.message}\n\n${USAGE}`);
  process.exit(2);
}
const { key, options } = args;
const { port = 4010, host = "127.0.0.1", deliveryPort = 0, pollingPort } = options;

// Ctrl+C (SIGINT) and SIGTERM stop the server and exit 0, from before it starts.
const signals = closeOnSignals("flux-mock: stopped");

const listeners: CliListener[] = [
  { port, change: "pass --port <n> or set PORT=<n>" },
  ...(pollingPort === undefined || pollingPort === false
    ? []
    : [{ name: "polling", port: pollingPort, change: "pass --polling-port <n>" }]),
  ...(deliveryPort === false
    ? []
    : [{ name: "delivery", port: deliveryPort, change: "pass --delivery-port <n>" }]),
];
let server: MockServer;
try {
  server = await startMockServer(options);
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
const images =
  server.deliveryUrl === server.url ? "" : `, imageProxy: { allowedOrigins: ["${server.deliveryUrl}"] }`;
// with --polling-port, the proxy must also trust the polling_url it hands out
const polling = server.pollingUrl === server.url ? "" : `, allowedPollingOrigins: ["${server.pollingUrl}"]`;
console.log(
  `  @flux-kit/proxy: createFluxProxy({ upstream: "${server.url}"${images}${polling}, … }) with BFL_API_KEY=${key}`,
);
console.log(
  `\nTry it:\n  curl -s -X POST ${server.url}/v1/flux-2-pro -H "x-key: ${key}" -H "Content-Type: application/json" -d '${body}'`,
);
console.log(
  `  # then: curl -s "<polling_url>" -H "x-key: ${key}"   and   curl -s -o out.jpeg "<result.sample>"`,
);
console.log(
  `  # FLUX 3 Image (POST /v1/flux-3-image {"prompt": …}) runs about 90 s at --speed 1, about 3 s at --speed 30\n`,
);
