import type { ProxyRequestInfo } from "../options";
import type { IncomingMeta } from "../engine/types";

/**
 * Reads a Web `Request` into the policy's view of it. The host is the `Host` header the client sent: servers
 * such as `next start` build `request.url` from their bind address (`localhost:3000`), not the name the browser
 * used.
 */
export function requestMeta(request: Request, info: ProxyRequestInfo | undefined): IncomingMeta {
  const url = new URL(request.url);
  return {
    method: request.method.toUpperCase(),
    path: url.pathname,
    query: url.search.slice(1),
    header: (name) => request.headers.get(name) ?? undefined,
    host: request.headers.get("host") ?? url.host,
    secure: url.protocol === "https:",
    clientAddress: info?.clientAddress,
    toRequest: () => request,
  };
}

/** Turns the policy's plain answer into a Web `Response`. */
export function toResponse(r: { status: number; headers: Record<string, string>; body: string }): Response {
  return new Response(r.status === 204 || r.body === "" ? null : r.body, {
    status: r.status,
    headers: r.headers,
  });
}
