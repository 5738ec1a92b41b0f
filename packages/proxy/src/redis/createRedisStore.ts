import { createHash, randomUUID } from "node:crypto";
import { createClient } from "redis";
import { FluxProxyConfigError } from "../engine/FluxProxyConfigError";
import type { ClaimState, ProxyStore } from "../store/ProxyStore";
import { ABANDON, BIND, CANCEL, CLAIM, RELEASE, RENEW, RESERVE, SETTLE } from "./scripts";

/** What the store needs of a Redis client: node-redis's `sendCommand` (the `redis` package, v5 or v6). */
export interface RedisCommandClient {
  sendCommand(args: string[]): Promise<unknown>;
}

export interface RedisStoreOptions {
  /**
   * A Redis URL: the store makes its own node-redis client, connects it, reconnects it when the server comes
   * back, and refuses commands at once while it is offline (no queue that would hold requests).
   * @example { url: process.env.REDIS_URL } // "redis://:password@redis.internal:6379/0", "rediss://…" for TLS
   */
  readonly url?: string | undefined;
  /**
   * A client you made and connected instead (`createClient({ url, disableOfflineQueue: true })` from `redis`,
   * then `await client.connect()`). You own it: `close()` leaves it open, and it needs your `error` listener.
   * Give it `disableOfflineQueue: true`, or requests wait for Redis up to `commandTimeoutMs`.
   */
  readonly client?: RedisCommandClient;
  /**
   * Put before every key, so several proxies (or apps) can share one Redis. Instances that share limits must
   * share the prefix.
   * @default "flux-kit:"
   * @example { prefix: "my-app:flux:" }
   */
  readonly prefix?: string;
  /**
   * How long one Redis command may take before the request it serves is answered 503, in ms: a guard against
   * a connection that hangs rather than fails.
   * @default 2_000
   */
  readonly commandTimeoutMs?: number;
  /**
   * Told about the client's connection errors (with `url` only). By default one line per outage goes to the
   * console; the client keeps reconnecting in either case.
   */
  readonly onError?: (error: unknown) => void;
}

/** A `ProxyStore` on Redis, with `close()` for the client it made. */
export interface RedisStore extends ProxyStore {
  /** Closes the client the store made from `url` (a `client` you passed stays open). */
  close(): Promise<void>;
}

const sha1 = (text: string) => createHash("sha1").update(text).digest("hex");

/**
 * A store on Redis, so that every instance of the proxy sharing it (serverless functions, Node processes
 * behind a balancer) shares one per-client limit, one owner per task, one `onResult` run per task and one
 * webhook de-duplication. Every change is one Lua script, atomic on the server. One Redis server (or a
 * primary with replicas; not Redis Cluster). When Redis is unreachable, the proxy answers what it cannot
 * check with a 503 and a `Retry-After` (limits fail closed) and recovers by itself when Redis is back.
 *
 * @example
 * import { createRedisStore } from "@flux-kit/proxy/redis";
 * const proxy = createFluxProxy({ authorize, store: createRedisStore({ url: process.env.REDIS_URL }) });
 */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  // `{ url: process.env.REDIS_URL }` with the variable unset (a build with no secrets): a store that refuses
  // every call until the app runs with it set, so the proxy answers 503 and says why once
  if ("url" in options && options.url === undefined && options.client === undefined) return unsetStore();
  if ((options.url === undefined) === (options.client === undefined)) {
    throw new FluxProxyConfigError("createRedisStore() needs either `url` or `client` (not both).");
  }
  const prefix = options.prefix ?? "flux-kit:";
  const timeoutMs = options.commandTimeoutMs ?? 2_000;
  let owned: ReturnType<typeof createClient> | undefined;
  let client: RedisCommandClient;
  /** Until the first connection attempt ends (ready or failed), commands wait for it rather than fail. */
  let firstAttempt: Promise<void> | undefined;
  if (options.client) {
    client = options.client;
  } else {
    owned = createClient({
      url: options.url!,
      disableOfflineQueue: true,
      socket: { connectTimeout: 5_000, reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, 2_000) },
    });
    let down = false;
    const onError =
      options.onError ??
      ((error: unknown) => {
        if (down) return;
        down = true;
        const message = error instanceof Error ? error.message : String(error);
        console.error(`[@flux-kit/proxy] Redis is unreachable (${message}); reconnecting.`);
      });
    owned.on("error", onError);
    owned.on("ready", () => {
      down = false;
    });
    const made = owned;
    firstAttempt = new Promise<void>((resolve) => {
      made.once("ready", resolve);
      made.once("error", resolve);
    }).then(() => {
      firstAttempt = undefined;
    });
    // retries until connected; it rejects only when the client is closed first
    owned.connect().catch(() => undefined);
    client = owned;
  }

  const command = (args: string[]): Promise<unknown> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms.`)), timeoutMs);
    });
    const sent = firstAttempt ? firstAttempt.then(() => client.sendCommand(args)) : client.sendCommand(args);
    return Promise.race([sent, timeout]).finally(() => clearTimeout(timer));
  };

  /** Runs a script by its hash, sending its text once more when the server does not know it (a restart). */
  const shas = new Map<string, string>();
  const run = async (script: string, keys: string[], args: string[]): Promise<unknown> => {
    let sha = shas.get(script);
    if (sha === undefined) shas.set(script, (sha = sha1(script)));
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await command(["EVALSHA", sha, ...tail]);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith("NOSCRIPT")) throw error;
      return command(["EVAL", script, ...tail]);
    }
  };

  /**
   * A second connection for pub/sub (a subscribed connection takes no other commands), made on the first
   * subscription from the store's own client, or from a `client` you passed that can `duplicate()` itself.
   */
  type Subscriber = ReturnType<typeof createClient>;
  const source = owned ?? (hasDuplicate(client) ? client : undefined);
  let subscriber: Promise<Subscriber> | undefined;
  let subscriberMade: Subscriber | undefined;
  const connectSubscriber = (): Promise<Subscriber> =>
    (subscriber ??= (async () => {
      const made = (subscriberMade = source!.duplicate());
      // the store's own client reports the outage; this one retries quietly beside it
      made.on("error", () => undefined);
      await made.connect();
      return made;
    })());
  const withTimeout = <T>(work: Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Redis did not answer within ${timeoutMs} ms.`)), timeoutMs);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  };
  const channel = (name: string) => `${prefix}channel:${name}`;

  const owners = `${prefix}places:`;
  /** An owner's places, its line and the line's expiries. */
  const placeKeys = (owner: string) => [
    owners + owner,
    `${prefix}line:${owner}`,
    `${prefix}line-ends:${owner}`,
  ];
  const task = (taskId: string) => `${prefix}task:${taskId}`;
  const claimKey = (key: string) => `${prefix}once:${key}`;
  const claimState = (held: unknown): ClaimState | undefined => {
    if (typeof held !== "string") return undefined;
    return held.startsWith("d") ? { state: "done", value: held.slice(1) } : { state: "pending" };
  };
  const ms = (value: number) => String(Math.max(1, Math.ceil(value)));

  return {
    async reserveSlot(owner, limit, ttlMs, ticket) {
      const slot = randomUUID();
      let taken: unknown;
      try {
        taken = await run(RESERVE, placeKeys(owner), [
          String(limit),
          ms(ttlMs),
          slot,
          ticket?.id ?? "",
          ticket ? ms(ticket.holdMs) : "0",
        ]);
      } catch (error) {
        // a command given up on may still run once Redis catches up: take the place back after it (one
        // connection keeps the order), so it does not hold the client at its limit until its TTL; the
        // ticket is the submit's to take out of line when it gives up
        command(["ZREM", owners + owner, slot]).catch(() => undefined);
        throw error;
      }
      return taken === null ? undefined : slot;
    },
    async cancelSlot(owner, slot) {
      await run(CANCEL, placeKeys(owner), [slot]);
    },
    async bindTask(taskId, binding, places, ttlMs) {
      const pairs = places.flatMap((place) => [place.owner, place.slot]);
      await run(BIND, [task(taskId)], [binding.client, binding.origin, ms(ttlMs), ...pairs]);
    },
    async getTask(taskId) {
      const fields = await command(["HMGET", task(taskId), "client", "origin"]);
      if (!Array.isArray(fields)) return undefined;
      const [clientId, origin] = fields as unknown[];
      return typeof clientId === "string" && typeof origin === "string"
        ? { client: clientId, origin }
        : undefined;
    },
    async releaseTask(taskId) {
      await run(RELEASE, [task(taskId)], [owners]);
    },
    async claim(key, token, leaseMs) {
      try {
        return claimState(await run(CLAIM, [claimKey(key)], [token, ms(leaseMs)]));
      } catch (error) {
        // the same for a claim: dropped after it, so no run waits on a claim nobody will settle
        run(ABANDON, [claimKey(key)], [token]).catch(() => undefined);
        throw error;
      }
    },
    async peek(key) {
      return claimState(await command(["GET", claimKey(key)]));
    },
    async settle(key, token, value, ttlMs) {
      await run(SETTLE, [claimKey(key)], [value, ms(ttlMs), token]);
    },
    async abandon(key, token) {
      await run(ABANDON, [claimKey(key)], [token]);
    },
    async renew(key, token, leaseMs) {
      return (await run(RENEW, [claimKey(key)], [token, ms(leaseMs)])) === 1;
    },
    ...(source && {
      async publish(name: string, message: string) {
        await command(["PUBLISH", channel(name), message]);
      },
      async subscribe(name: string, listener: (message: string) => void) {
        const connection = await withTimeout(connectSubscriber());
        const own = (message: string) => listener(message);
        await withTimeout(connection.subscribe(channel(name), own));
        return () => void connection.unsubscribe(channel(name), own).catch(() => undefined);
      },
    }),
    async close() {
      const sub = subscriberMade;
      if (sub?.isReady) await sub.close();
      else sub?.destroy();
      if (owned?.isReady) await owned.close();
      else owned?.destroy();
    },
  };
}

/** Whether a client you passed can make the second connection pub/sub needs (node-redis's `duplicate()`). */
function hasDuplicate(
  client: RedisCommandClient,
): client is RedisCommandClient & { duplicate(): ReturnType<typeof createClient> } {
  return typeof (client as { duplicate?: unknown }).duplicate === "function";
}

const UNSET =
  "createRedisStore(): `url` is not set (e.g. REDIS_URL is missing from the environment), so the proxy answers " +
  "503 to what needs its store. Set it and restart.";

/** The store for a `url` that is unset: every call rejects with why, said once on the console. */
function unsetStore(): RedisStore {
  let said = false;
  const refuse = (): Promise<never> => {
    if (!said) {
      said = true;
      console.error(`[@flux-kit/proxy] ${UNSET}`);
    }
    return Promise.reject(new FluxProxyConfigError(UNSET));
  };
  return {
    reserveSlot: refuse,
    cancelSlot: refuse,
    bindTask: refuse,
    getTask: refuse,
    releaseTask: refuse,
    claim: refuse,
    peek: refuse,
    settle: refuse,
    abandon: refuse,
    renew: refuse,
    close: () => Promise.resolve(),
  };
}
