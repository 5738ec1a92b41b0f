import type { IncomingMessage, ServerResponse } from "node:http";
import { createNodeCore } from "./node/createNodeHandler";
import type { FluxProxyOptions } from "./options";

export { FluxProxyConfigError } from "./engine/FluxProxyConfigError";
export type * from "./options";

/** The parts of Next's `NextApiRequest` the Pages Router handler reads. */
type NextApiRequestLike = IncomingMessage & { body?: unknown };

/**
 * The proxy for the Next.js Pages Router (Node runtime). Works with Next's body parser on or off; turn it off
 * (`export const config = { api: { bodyParser: false } }`) so `limits.maxBodyBytes` governs and large input
 * images fit.
 *
 * @example
 * // pages/api/flux/[...path].ts
 * import { createPagesHandler } from "@flux-kit/proxy/next/pages";
 * export const config = { api: { bodyParser: false } };
 * export default createPagesHandler({ authorize: isSignedIn });
 */
export function createPagesHandler(
  options: FluxProxyOptions = {},
): (req: NextApiRequestLike, res: ServerResponse) => Promise<void> {
  const core = createNodeCore(options);
  return (req, res) => core(req, res, { parsedBody: req.readableEnded ? req.body : undefined });
}
