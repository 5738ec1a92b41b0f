import { lazy, Suspense } from "react";

// TanStack Query devtools in development only: the production bundle does not include them.
const ReactQueryDevtools = import.meta.env.DEV
  ? lazy(() => import("@tanstack/react-query-devtools").then((m) => ({ default: m.ReactQueryDevtools })))
  : undefined;

/** The query devtools button (bottom right), in `pnpm dev` only. */
export function Devtools() {
  if (!ReactQueryDevtools) return null;
  return (
    <Suspense fallback={null}>
      <ReactQueryDevtools buttonPosition="bottom-right" />
    </Suspense>
  );
}
