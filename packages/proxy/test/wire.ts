import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Serves `handler` on a loopback port. */
export async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ port: number; url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Sends a request with a raw, unnormalised path (what a hostile client can put on the wire). */
export function raw(
  port: number,
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer[] | undefined } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, method, path, headers: options.headers ?? {}, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    const { body } = options;
    if (Array.isArray(body)) {
      for (const chunk of body) req.write(chunk);
      req.end();
    } else {
      req.end(body);
    }
  });
}

/**
 * Serves a Web handler on a loopback port the way Web runtimes hand it requests: the raw request target is read
 * as a URL (so the WHATWG parser has already resolved dot segments and backslashes before the handler sees it),
 * with the socket's address as `clientAddress`.
 */
export function serveWeb(
  handler: (request: Request, info: { clientAddress: string | undefined }) => Promise<Response>,
): Promise<{ port: number; url: string; close: () => Promise<void> }> {
  return serve((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const headers = new Headers();
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
      }
      const method = req.method ?? "GET";
      const init: RequestInit = { method, headers };
      if (method !== "GET" && method !== "HEAD") init.body = Buffer.concat(chunks);
      const response = await handler(new Request(`http://${req.headers.host}${req.url}`, init), {
        clientAddress: req.socket.remoteAddress,
      });
      const out: Record<string, string> = {};
      response.headers.forEach((v, k) => (out[k] = v));
      res.writeHead(response.status, out);
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch(() => res.destroy());
  });
}
