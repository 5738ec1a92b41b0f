import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";
import type { IncomingMeta } from "../engine/types";

/** Reads Node's `req` into the policy's view of it. `url` overrides `req.url` (Express strips mount paths). */
export function nodeMeta(req: IncomingMessage, url: string): IncomingMeta {
  const q = url.indexOf("?");
  const host = req.headers.host;
  let request: Request | undefined;
  return {
    method: (req.method ?? "GET").toUpperCase(),
    path: q === -1 ? url : url.slice(0, q),
    query: q === -1 ? "" : url.slice(q + 1),
    header: (name) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v.join(", ") : v;
    },
    host,
    secure: (req.socket as Partial<TLSSocket> | undefined)?.encrypted === true,
    clientAddress: req.socket?.remoteAddress,
    toRequest: () => (request ??= toWebRequest(req, url)),
  };
}

/** A body-less Web `Request` with `req`'s method, URL and headers, for the `authorize`/`clientId` hooks. */
function toWebRequest(req: IncomingMessage, url: string): Request {
  const headers = new Headers();
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    try {
      headers.append(raw[i] as string, raw[i + 1] as string);
    } catch {
      // a header Fetch cannot represent is left out
    }
  }
  const scheme = (req.socket as Partial<TLSSocket> | undefined)?.encrypted === true ? "https" : "http";
  let full: URL;
  try {
    full = new URL(url, `${scheme}://${req.headers.host ?? "localhost"}`);
  } catch {
    full = new URL(url.startsWith("/") ? url : "/", `${scheme}://localhost`);
  }
  return new Request(full, {
    method: req.method === "HEAD" || req.method === "GET" ? req.method : "POST",
    headers,
  });
}
