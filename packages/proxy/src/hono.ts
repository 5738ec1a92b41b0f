import type { IncomingMessage } from "node:http";
import { createFluxProxy } from "./createFluxProxy";
import type { FluxProxyOptions } from "./options";

export { FluxProxyConfigError } from "./engine/FluxProxyConfigError";
export type * from "./options";

/** The parts of Hono's `Context` the adapter reads (no dependency on `hono` itself). */
interface HonoContextLike {
  readonly req: { readonly raw: Request };
  readonly env?: unknown;
}

/**
 * The proxy as a Hono handler, for `app.all("/api/flux/*", handler)`. On `@hono/node-server` the socket
 * address is used as the default client id.
 *
 * @example
 * app.all("/api/flux/*", createHonoHandler({ authorize: isSignedIn }));
 */
export function createHonoHandler(options: FluxProxyOptions = {}): (c: HonoContextLike) => Promise<Response> {
  const proxy = createFluxProxy(options);
  return (c) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    return proxy(c.req.raw, { clientAddress: incoming?.socket?.remoteAddress });
  };
}
