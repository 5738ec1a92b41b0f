import { useCallback, useState } from "react";

/**
 * State that a parent may control (`value` + `onChange`) or leave to the component (`defaultValue`), like
 * Radix's `useControllableState`.
 */
export function useControllableState<T>(
  value: T | undefined,
  defaultValue: T | (() => T),
  onChange: ((next: T) => void) | undefined,
): [T, (next: T | ((prev: T) => T)) => void] {
  const [inner, setInner] = useState<T>(defaultValue);
  const controlled = value !== undefined;
  const current = controlled ? value : inner;
  const set = useCallback(
    (next: T | ((prev: T) => T)) => {
      const resolved = typeof next === "function" ? (next as (prev: T) => T)(current) : next;
      if (!controlled) setInner(resolved);
      onChange?.(resolved);
    },
    [controlled, current, onChange],
  );
  return [current, set];
}
