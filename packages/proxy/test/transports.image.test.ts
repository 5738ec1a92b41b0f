// The image route streams a delivery host's bytes as they are stored, with a Content-Length that counts them, on
// every transport. A Web runtime's fetch asks for gzip unless told otherwise and decodes it, so a delivery host
// that compresses when asked once gave the Web handler the compressed length with the decoded body: a browser
// behind `next start` or Hono's Node server received a truncated image.
import http from "node:http";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createFluxProxy } from "../src/index";
import { createNodeHandler } from "../src/node";
import { TEST_KEY } from "./fakeBfl";
import { serve, serveWeb } from "./wire";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

// an image that compresses well, so a compressed length is far from the real one
const IMAGE = Buffer.alloc(50_000, 7);

/** A delivery host on loopback: `"when-asked"` gzips for a request that accepts it, `"always"` for any. */
async function deliveryHost(compress: "when-asked" | "always") {
  const asked: string[] = [];
  const server = await serve((req, res) => {
    const accepts = String(req.headers["accept-encoding"] ?? "");
    asked.push(accepts);
    if (compress === "always" || /gzip/.test(accepts)) {
      const gz = gzipSync(IMAGE);
      res.writeHead(200, {
        "content-type": "image/png",
        "content-encoding": "gzip",
        "content-length": gz.length,
      });
      res.end(gz);
    } else {
      res.writeHead(200, { "content-type": "image/png", "content-length": IMAGE.length });
      res.end(IMAGE);
    }
  });
  closers.push(server.close);
  return { url: server.url, asked };
}

/** The proxy's image route for `origin`'s image, through the Web or the Node handler, each on loopback. */
async function imageThrough(transport: "web" | "node", origin: string) {
  const options = {
    apiKey: TEST_KEY,
    allowAnonymous: true as const,
    imageProxy: { allowedOrigins: [origin] },
  };
  const server =
    transport === "web"
      ? await serveWeb(createFluxProxy(options))
      : await serve((req, res) => void createNodeHandler(options)(req, res));
  closers.push(server.close);
  const path = `/api/flux/v1/image?u=${encodeURIComponent(`${origin}/results/a.png`)}`;
  // node:http, which neither asks for nor decodes compression: what arrives is what the proxy wrote
  return new Promise<{ status: number; length: string | undefined; body: Buffer }>((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port: server.port, path, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            length: res.headers["content-length"],
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

describe("the image route on every transport", () => {
  it.each(["web", "node"] as const)(
    "%s: asks the delivery host for the bytes as stored, and sends them all with their length",
    async (transport) => {
      const host = await deliveryHost("when-asked");
      const answer = await imageThrough(transport, host.url);
      expect(answer.status).toBe(200);
      expect(host.asked).toEqual(["identity"]);
      expect(answer.body.equals(IMAGE)).toBe(true);
      expect(answer.length).toBe(String(IMAGE.length));
    },
  );

  it("web: a host that compresses unasked is decoded by fetch, and no compressed length goes with the bytes", async () => {
    const host = await deliveryHost("always");
    const answer = await imageThrough("web", host.url);
    expect(answer.status).toBe(200);
    expect(answer.body.equals(IMAGE)).toBe(true);
    expect(answer.length).toBeUndefined();
  });
});
