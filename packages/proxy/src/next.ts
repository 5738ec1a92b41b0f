import type { IncomingMessage, ServerResponse } from "node:http";
import { createFluxProxy } from "./createFluxProxy";
import { createNodeCore } from "./node/createNodeHandler";
import type { FluxProxyOptions } from "./options";

export { FluxProxyConfigError } from "./engine/FluxProxyConfigError";
export type * from "./options";

/** App Router route handlers, to re-export from `app/api/flux/[...path]/route.ts`. */
export interface NextRouteHandlers {
  readonly GET: (request: Request) => Promise<Response>;
  readonly HEAD: (request: Request) => Promise<Response>;
  readonly POST: (request: Request) => Promise<Response>;
  readonly OPTIONS: (request: Request) => Promise<Response>;
}

/**
 * The proxy for the Next.js App Router (Node or Edge runtime).
 *
 * @example
 * // app/api/flux/[...path]/route.ts
 * export const { GET, HEAD, POST, OPTIONS } = createRouteHandler({ authorize: isSignedIn });
 */
export function createRouteHandler(options: FluxProxyOptions = {}): NextRouteHandlers {
  const proxy = createFluxProxy(options);
  const handle = (request: Request) => proxy(request);
  return { GET: handle, HEAD: handle, POST: handle, OPTIONS: handle };
}

/** The parts of Next's `NextApiRequest` the Pages Router handler reads. */
type NextApiRequestLike = IncomingMessage & { body?: unknown };

/**
 * The proxy for the Next.js Pages Router. Works with Next's body parser on or off; turn it off
 * (`export const config = { api: { bodyParser: false } }`) so `limits.maxBodyBytes` governs and large input
 * images fit.
 *
 * @example
 * // pages/api/flux/[...path].ts
 * export const config = { api: { bodyParser: false } };
 * export default createPagesHandler({ authorize: isSignedIn });
 */
export function createPagesHandler(
  options: FluxProxyOptions = {},
): (req: NextApiRequestLike, res: ServerResponse) => Promise<void> {
  const core = createNodeCore(options);
  return (req, res) => core(req, res, { parsedBody: req.readableEnded ? req.body : undefined });
}
