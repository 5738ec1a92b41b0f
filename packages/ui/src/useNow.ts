import { useCallback, useRef, useSyncExternalStore } from "react";

/**
 * `Date.now()`, refreshed every `intervalMs` while `active` (for countdowns and expiry checks); `0` while inactive.
 * Read from the clock the moment it turns active (not kept from the first render, which may be long past).
 */
export function useNow(active: boolean, intervalMs = 1000): number {
  // the latest reading while active; dropped when inactive so the next activation reads the clock afresh
  const reading = useRef<number | undefined>(undefined);
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!active) return () => undefined;
      const timer = setInterval(() => {
        reading.current = Date.now();
        onChange();
      }, intervalMs);
      return () => clearInterval(timer);
    },
    [active, intervalMs],
  );
  const read = () => {
    if (!active) {
      reading.current = undefined;
      return 0;
    }
    reading.current ??= Date.now();
    return reading.current;
  };
  return useSyncExternalStore(subscribe, read, read);
}
