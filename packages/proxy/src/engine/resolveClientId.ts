import type { EngineContext } from "./context";
import { forwardedClient } from "./trust";
import type { IncomingMeta } from "./types";

/** What an address from `X-Forwarded-For` must look like to name a client (IPv4, IPv6, a zone). */
const ADDRESS = /^[0-9A-Fa-f:.]{2,45}(?:%[\w.-]{1,32})?$/;

/**
 * Who a request counts against: `authorize`'s client id, else the `clientId` hook, else the client address
 * behind `trustProxy`'s hops, else the peer address the runtime gives. `undefined` when none is known and the
 * per-client limit is on (the caller refuses rather than pool every visitor in one bucket); with the limit off,
 * one `"anonymous"` client. A promise only when the `clientId` hook runs (so the common path costs no microtask).
 */
export function resolveClientId(
  ctx: EngineContext,
  meta: IncomingMeta,
  fromAuth: string | undefined,
): string | undefined | Promise<string> {
  if (fromAuth !== undefined) return `user:${fromAuth}`;
  const { config } = ctx;
  const hook = config.options.clientId;
  if (hook) return fromHook(hook, meta);
  if (config.trust) {
    const forwarded = forwardedClient(config.trust, meta.clientAddress, meta.header("x-forwarded-for"));
    if (forwarded !== undefined && ADDRESS.test(forwarded)) return `ip:${forwarded}`;
  }
  if (meta.clientAddress !== undefined) return `ip:${meta.clientAddress}`;
  return config.maxActiveTasksPerClient === Infinity ? "anonymous" : undefined;
}

async function fromHook(
  hook: NonNullable<EngineContext["config"]["options"]["clientId"]>,
  meta: IncomingMeta,
): Promise<string> {
  const id: unknown = await hook(meta.toRequest(), { clientAddress: meta.clientAddress });
  if (typeof id === "string" && id !== "") return `id:${id}`;
  if (typeof id === "number" && Number.isFinite(id)) return `id:${id}`;
  throw new TypeError("The clientId hook must return a non-empty string.");
}

/** The one sentence a submit gets when no client id can be known (see `resolveClientId`). */
export const NO_CLIENT_ID =
  "The proxy cannot tell its clients apart here (the runtime gives no client address), so its per-client limit " +
  "would become one limit for the whole site. Return a `clientId` from `authorize` (e.g. the user id), pass a " +
  "`clientId` function, or set `trustProxy` behind a proxy you control that sets X-Forwarded-For.";
