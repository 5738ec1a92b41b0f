import { randomUUID } from "node:crypto";
import { createFluxProxy, type FluxProxyHandler, type FluxProxyOptions } from "../src/index";
import { createRedisStore, type RedisStore } from "../src/redis";

/**
 * `count` proxies in front of `upstream` sharing one Redis prefix, each with its own store (its own connection),
 * as serverless instances would; the caller closes the stores pushed onto `stores`. A request's `x-user` header
 * is its client id.
 */
export function sharedProxies(
  count: number,
  {
    redisUrl,
    upstream,
    stores,
    options = {},
  }: {
    readonly redisUrl: string;
    readonly upstream: string;
    readonly stores: RedisStore[];
    readonly options?: FluxProxyOptions;
  },
): FluxProxyHandler[] {
  const prefix = `shared-${randomUUID()}:`;
  return Array.from({ length: count }, () => {
    const store = createRedisStore({ url: redisUrl, prefix });
    stores.push(store);
    return createFluxProxy({
      apiKey: "mock-key",
      allowAnonymous: true,
      upstream,
      clientId: (request) => request.headers.get("x-user") ?? "anonymous",
      store,
      ...options,
    });
  });
}
