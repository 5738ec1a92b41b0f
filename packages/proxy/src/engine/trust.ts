import proxyAddr from "proxy-addr";
import { FluxProxyConfigError } from "./FluxProxyConfigError";

/** Whether the hop at distance `i` from the app (0: the peer that connected) is a proxy you trust. */
export type TrustHop = (address: string, i: number) => boolean;

/**
 * Compiles `trustProxy`: `true` is one hop (the proxy in front of the app), a number is that many hops, a list
 * names the trusted proxies' addresses or subnets (`"10.0.0.0/8"`, `"loopback"`, `"uniquelocal"`…, as Express
 * takes them). `false`/absent trusts nothing.
 */
export function compileTrust(value: boolean | number | readonly string[] | undefined): TrustHop | undefined {
  if (value === undefined || value === false) return undefined;
  if (value === true) return (_, i) => i < 1;
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value < 0) {
      throw new FluxProxyConfigError(
        `\`trustProxy\` must be true, a number of proxy hops or a list of proxy addresses, got ${value}.`,
      );
    }
    return value === 0 ? undefined : (_, i) => i < value;
  }
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) {
    throw new FluxProxyConfigError(
      "`trustProxy` must be true, a number of proxy hops or a list of proxy addresses.",
    );
  }
  try {
    return proxyAddr.compile(value as string[]);
  } catch (error) {
    throw new FluxProxyConfigError(
      `\`trustProxy\` has an entry that is not an IP address or subnet: ${(error as Error).message}.`,
    );
  }
}

/** Stands for the peer on runtimes that do not expose it (the platform's own edge, which the app trusts). */
const UNSEEN_PEER = "";

/**
 * The client's address behind trusted proxies: walking from the peer that connected towards the client through
 * `X-Forwarded-For` (each proxy appends the address it saw, so the right-most entries are the most trustworthy),
 * the first hop that is not trusted. The left-most entries, which the client writes itself, are reached only when
 * every hop before them is trusted.
 */
export function forwardedClient(
  trust: TrustHop,
  peer: string | undefined,
  forwardedFor: string | undefined,
): string | undefined {
  const chain = [peer ?? UNSEEN_PEER];
  if (forwardedFor) {
    const entries = forwardedFor.split(",");
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = (entries[i] as string).trim();
      if (entry) chain.push(entry);
    }
  }
  for (let i = 0; i < chain.length; i++) {
    const address = chain[i] as string;
    const isLast = i === chain.length - 1;
    const trusted = address === UNSEEN_PEER ? true : trust(address, i);
    if (!trusted || isLast) return address === UNSEEN_PEER ? undefined : address;
  }
  return undefined;
}

/**
 * The right-most value of a forwarded header (`X-Forwarded-Proto`, `X-Forwarded-Host`): the one the nearest
 * proxy wrote.
 */
export function nearestForwarded(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const at = value.lastIndexOf(",");
  const last = (at === -1 ? value : value.slice(at + 1)).trim();
  return last === "" ? undefined : last;
}
