import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** Name of the demo's session cookie. */
export const SESSION_COOKIE = "flux_demo_session";

const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const SESSION_ID = /^[A-Za-z0-9_-]{16,64}$/;

/** Issues and checks the demo's session cookie: `<id>.<HMAC-SHA256(secret, id)>`, HttpOnly, SameSite=Strict. */
export interface Sessions {
  /** The session id carried by a `Cookie` header, if its signature is valid. */
  verify(cookieHeader: string | undefined): string | undefined;
  /** A new session: its id and the `Set-Cookie` value that hands it to the browser. */
  issue(): { readonly id: string; readonly setCookie: string };
}

/**
 * A stateless signed-cookie session store: any browser that loaded the demo page holds a session, and only
 * those may spend credits through the proxy (its `authorize` hook calls `verify`).
 *
 * @example
 * const sessions = createSessions(secret);
 * const id = sessions.verify(req.headers.cookie); // undefined → 401
 */
export function createSessions(secret: string): Sessions {
  const sign = (id: string) => createHmac("sha256", secret).update(id).digest("base64url");
  return {
    verify(cookieHeader) {
      const raw = readCookie(cookieHeader, SESSION_COOKIE);
      if (raw === undefined) return undefined;
      const dot = raw.indexOf(".");
      const id = raw.slice(0, dot);
      if (dot < 0 || !SESSION_ID.test(id)) return undefined;
      const given = Buffer.from(raw.slice(dot + 1));
      const expected = Buffer.from(sign(id));
      return given.length === expected.length && timingSafeEqual(given, expected) ? id : undefined;
    },
    issue() {
      const id = randomBytes(18).toString("base64url");
      const setCookie = `${SESSION_COOKIE}=${id}.${sign(id)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${MAX_AGE_SECONDS}`;
      return { id, setCookie };
    },
  };
}

/** One cookie's value from a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
