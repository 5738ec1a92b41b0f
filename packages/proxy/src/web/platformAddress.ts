/** The environment, where the runtime has one (Node, Next's Edge runtime); `undefined` elsewhere. */
function env(): Record<string, string | undefined> | undefined {
  return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
}

/**
 * The client address a hosting platform vouches for, where the App Router gives no socket: on Vercel
 * (`VERCEL=1`), `X-Real-IP`, which Vercel's edge sets itself and a client cannot forge. Elsewhere (`next start`,
 * which keeps any `X-Forwarded-For` a client sends) `undefined`: use `authorize`'s `clientId` or `trustProxy`.
 */
export function platformClientAddress(headers: Headers): string | undefined {
  if (env()?.VERCEL !== "1") return undefined;
  const address = headers.get("x-real-ip")?.trim();
  return address ? address : undefined;
}
