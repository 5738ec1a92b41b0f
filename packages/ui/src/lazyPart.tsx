/** @jsxImportSource . */
import { useEffect, useSyncExternalStore, type ComponentType, type ReactNode } from "react";

/**
 * A component whose code loads on demand (its own chunk, outside the first load): it renders `fallback` until the
 * code is there, starting the load when it mounts. `preload()` starts it earlier (on a first submit, for a view
 * that may soon be needed). A failed load shows the fallback and is tried again by the next mount or preload.
 * @example const Problem = lazyPart(() => import("./ProblemView").then((m) => m.ProblemView));
 */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<void> | undefined;
  const listeners = new Set<() => void>();
  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  const current = () => loaded;
  const preload = (): Promise<void> =>
    (loading ??= load().then(
      (component) => {
        loaded = component;
        for (const listener of [...listeners]) listener();
      },
      () => {
        loading = undefined;
      },
    ));
  function Part(props: P & { readonly fallback: ReactNode }) {
    const Loaded = useSyncExternalStore(subscribe, current, current);
    useEffect(() => {
      if (!Loaded) void preload();
    }, [Loaded]);
    return Loaded ? <Loaded {...props} /> : props.fallback;
  }
  return { Part, preload };
}
