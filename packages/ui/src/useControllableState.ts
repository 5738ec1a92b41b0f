import { useCallback, useEffect, useRef, useState } from "react";

/**
 * State that a parent may control (`value` + `onChange`) or leave to the component (`defaultValue`), like
 * Radix's `useControllableState`. A functional update reads the latest value, also one set earlier in the same
 * event (two updates in one handler compose, as React's own state does).
 */
export function useControllableState<T>(
  value: T | undefined,
  defaultValue: T | (() => T),
  onChange: ((next: T) => void) | undefined,
): [T, (next: T | ((prev: T) => T)) => void] {
  const [inner, setInner] = useState<T>(defaultValue);
  const controlled = value !== undefined;
  const current = controlled ? value : inner;
  // the value as of the last commit or the last set, whichever is newer (React runs pending effects before it
  // handles the next input event, so a handler never sees an older one)
  const latest = useRef(current);
  useEffect(() => {
    latest.current = current;
  });
  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      const resolved = typeof next === "function" ? (next as (prev: T) => T)(latest.current) : next;
      latest.current = resolved;
      if (!controlled) setInner(resolved);
      onChange?.(resolved);
    },
    [controlled, onChange],
  );
  return [current, set];
}
