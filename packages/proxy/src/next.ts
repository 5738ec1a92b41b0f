import { createFluxProxy } from "./createFluxProxy";
import type { FluxProxyOptions } from "./options";
import { platformClientAddress } from "./web/platformAddress";

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
 * The proxy for the Next.js App Router, on the Node or the Edge runtime: this entry uses Web APIs only (the
 * Pages Router handler, which needs `node:http`, is at `@flux-kit/proxy/next/pages`). Route handlers see no
 * client socket, so return a `clientId` from `authorize` for per-user limits; on Vercel the platform's
 * `X-Real-IP` is used otherwise.
 *
 * @example
 * // app/api/flux/[...path]/route.ts
 * export const { GET, HEAD, POST, OPTIONS } = createRouteHandler({ authorize: isSignedIn });
 */
export function createRouteHandler(options: FluxProxyOptions = {}): NextRouteHandlers {
  const proxy = createFluxProxy(options);
  const handle = (request: Request) =>
    proxy(request, { clientAddress: platformClientAddress(request.headers) });
  return { GET: handle, HEAD: handle, POST: handle, OPTIONS: handle };
}
