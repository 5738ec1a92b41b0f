import type { EngineContext } from "./createEngine";
import type { IncomingMeta } from "./types";

/**
 * Who a request counts against: `authorize`'s client id, else the `clientId` hook, else the first
 * `x-forwarded-for` address (only with `trustProxy`), else the socket address, else one shared bucket.
 * A promise only when the `clientId` hook runs (so the common path costs no microtask).
 */
export function resolveClientId(
  ctx: EngineContext,
  meta: IncomingMeta,
  fromAuth: string | undefined,
): string | Promise<string> {
  if (fromAuth !== undefined) return `user:${fromAuth}`;
  const hook = ctx.config.options.clientId;
  if (hook) return fromHook(hook, meta);
  if (ctx.config.trustProxy) {
    const forwarded = meta.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return `ip:${forwarded}`;
  }
  return meta.clientAddress !== undefined ? `ip:${meta.clientAddress}` : "anonymous";
}

async function fromHook(
  hook: NonNullable<EngineContext["config"]["options"]["clientId"]>,
  meta: IncomingMeta,
): Promise<string> {
  return `id:${await hook(meta.toRequest(), { clientAddress: meta.clientAddress })}`;
}
