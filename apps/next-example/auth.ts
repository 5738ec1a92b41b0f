// auth.ts
// A stub session: a cookie holding a user name. Swap in your auth library's `auth()` (Auth.js, Clerk, …): the
// route handlers only ask "who is this, if anyone". Works in Server Components, Server Actions and route
// handlers, on both runtimes.
import { cookies } from "next/headers";

export interface Session {
  readonly user: string;
}

const COOKIE = "example_user";

export async function auth(): Promise<Session | null> {
  const user = (await cookies()).get(COOKIE)?.value;
  return user ? { user } : null;
}

/** Server Action: signs in as a new stub user (each sign-in is its own client for the proxy's limits). */
export async function signIn(): Promise<void> {
  "use server";
  const user = `user-${crypto.randomUUID().slice(0, 8)}`;
  (await cookies()).set(COOKIE, user, { httpOnly: true, sameSite: "lax", path: "/" });
}

/** Server Action: signs out. */
export async function signOut(): Promise<void> {
  "use server";
  (await cookies()).delete(COOKIE);
}
