import { useSyncExternalStore } from "react";

const never = () => () => undefined;
const onClient = () => true;
const onServer = () => false;

/**
 * `false` in server HTML and while React hydrates it, `true` once the component runs in the browser (at once in
 * an app rendered on the client only, with no extra render).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(never, onClient, onServer);
}
