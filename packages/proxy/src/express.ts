import type { IncomingMessage, ServerResponse } from "node:http";
import { createNodeCore } from "./node/createNodeHandler";
import type { FluxProxyOptions } from "./options";

export { FluxProxyConfigError } from "./engine/FluxProxyConfigError";
export type * from "./options";

/** The parts of Express's `req` the adapter reads (Express 4 and 5). */
type ExpressRequest = IncomingMessage & { originalUrl?: string; body?: unknown };

/** An Express middleware: `(req, res, next)`. */
export type ExpressFluxProxyHandler = (
  req: ExpressRequest,
  res: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * The proxy as Express middleware (Express 4 and 5). Mount it at `basePath`; it answers every route under it
 * and never calls `next()` after answering. It works whether or not a body parser ran first (a parsed
 * `req.body` is re-encoded; note `express.json()`'s own 100 kB default limit then applies first).
 *
 * @example
 * app.use("/api/flux", createExpressHandler({ authorize: (req) => Boolean(req.headers.get("cookie")) }));
 */
export function createExpressHandler(options: FluxProxyOptions = {}): ExpressFluxProxyHandler {
  const core = createNodeCore(options);
  return (req, res, next) => {
    const body = (req as { _body?: unknown })._body === true || req.readableEnded ? req.body : undefined;
    core(req, res, { url: req.originalUrl ?? req.url ?? "/", parsedBody: body }).catch(next);
  };
}
