import "@flux-kit/ui/styles.css";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { auth, signIn, signOut } from "@/auth";

export const metadata: Metadata = { title: "flux-kit on Next.js" };

export default async function RootLayout({ children }: { readonly children: ReactNode }) {
  const session = await auth();
  return (
    <html lang="en">
      <body>
        <header>
          <nav aria-label="Runtimes">
            <Link href="/">Node runtime</Link> · <Link href="/edge">Edge runtime</Link>
          </nav>
          {session ? (
            <form action={signOut}>
              <span>Signed in as {session.user}</span> <button type="submit">Sign out</button>
            </form>
          ) : (
            <form action={signIn}>
              <button type="submit">Sign in</button>
            </form>
          )}
        </header>
        {children}
      </body>
    </html>
  );
}
