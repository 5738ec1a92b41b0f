// One proxy under test, in its own process: `ours` (the /node adapter), `forwarder` (node:http + keep-alive
// http.request, the practical ceiling) or `fal` (@fal-ai/server-proxy's Express handler on express 4).
import diagnostics from "node:diagnostics_channel";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createHandler as falHandler } from "@fal-ai/server-proxy/express";
import express from "express-4";
import { createNodeHandler } from "@flux-kit/proxy/node";

const [kind = "ours", upstream = ""] = process.argv.slice(2);
const up = new URL(upstream);
let server: http.Server;

if (kind === "ours") {
  const proxy = createNodeHandler({
    apiKey: "bfl_bench_key",
    allowAnonymous: true,
    upstream,
    imageProxy: { allowedOrigins: [upstream] },
    limits: { maxActiveTasksPerClient: Infinity },
  });
  server = http.createServer((req, res) => void proxy(req, res));
} else if (kind === "forwarder") {
  const agent = new http.Agent({ keepAlive: true });
  server = http.createServer((req, res) => {
    const out = http.request(
      {
        host: up.hostname,
        port: up.port,
        path: req.url,
        method: req.method,
        headers: { ...req.headers, host: up.host },
        agent,
      },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    out.on("error", () => res.destroy());
    req.pipe(out);
  });
} else {
  process.env.FAL_KEY = "bench-key";
  const app = express();
  app.use(express.json());
  app.all("/api/fal/proxy", falHandler({ allowedUrlPatterns: [`${up.host}/**`] }));
  app.use(() => undefined); // fal calls next() after answering
  server = http.createServer(app);
}

server.keepAliveTimeout = 60_000;

// Bytes queued inside this process: data read from upstream sockets but not yet consumed, plus data handed to
// client sockets but not yet accepted by the kernel. Kernel socket buffers are not counted.
const clientSockets = new Set<Socket>();
const upstreamSockets = new Set<Socket>();
server.on("connection", (s: Socket) => {
  clientSockets.add(s);
  s.once("close", () => clientSockets.delete(s));
});
diagnostics.subscribe("net.client.socket", (message) => {
  const s = (message as { socket: Socket }).socket;
  upstreamSockets.add(s);
  s.once("close", () => upstreamSockets.delete(s));
});
const queued = (): number => {
  let n = 0;
  for (const s of clientSockets) n += s.writableLength;
  for (const s of upstreamSockets) n += s.readableLength;
  return n;
};
server.listen(0, "127.0.0.1", () => process.send?.({ port: (server.address() as AddressInfo).port }));

// The parent asks for memory figures; `gc` first so only live bytes count.
const gc = (globalThis as { gc?: () => void }).gc;
let sampler: NodeJS.Timeout | undefined;
let peak = { queued: 0, rss: 0 };
process.on("message", (msg: string) => {
  if (msg === "mem") {
    gc?.();
    const m = process.memoryUsage();
    process.send?.({ rss: m.rss, heapUsed: m.heapUsed, external: m.external });
  } else if (msg === "cpu") {
    const c = process.cpuUsage();
    process.send?.({ cpu: c.user + c.system, user: c.user, system: c.system });
  } else if (msg === "sample-start") {
    gc?.();
    peak = { queued: 0, rss: 0 };
    sampler = setInterval(() => {
      peak = { queued: Math.max(peak.queued, queued()), rss: Math.max(peak.rss, process.memoryUsage().rss) };
    }, 10);
  } else if (msg === "sample-stop") {
    clearInterval(sampler);
    process.send?.({ peak });
  }
});
process.on("SIGINT", () => process.exit(0));
