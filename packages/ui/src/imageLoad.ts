import { useState } from "react";

/** Where the shown image is: `loading` until its `<img>` fires `load` (`loaded`) or `error`. */
export type ImagePhase = "loading" | "loaded" | "error";

/** A URL the image can be loaded from, and when it stops working (`undefined`: not known to). */
export interface ImageSource {
  readonly url: string;
  readonly expiresAt: Date | undefined;
}

/** The loading of a ready image: the source shown, its phase, and what can be done after an error. */
export interface ImageLoad {
  readonly src: string;
  /** Bumped by each (re)load: the `<img>` is keyed by it, as setting the same `src` again requests nothing. */
  readonly attempt: number;
  readonly phase: ImagePhase;
  /** After an error, a source not tried yet and not expired, to offer. */
  readonly other: string | undefined;
  readonly settle: (phase: "loaded" | "error") => void;
  readonly reload: () => void;
  readonly loadOther: () => void;
}

interface LoadState {
  /** The image this state is of: another result, or another copy of it, starts afresh. */
  readonly of: string;
  readonly src: string;
  readonly attempt: number;
  readonly phase: ImagePhase;
  readonly tried: readonly string[];
  readonly other: string | undefined;
}

/**
 * Follows the loading of a ready image, from the first of `sources`: the viewer announces ready only once it has
 * loaded, and after an error offers to load it again or from another source (a persisted copy, the delivery URL,
 * the proxy's image route) that is not known to have expired. `of` names the image; with no sources, nothing is
 * shown and the state is dropped, so a result shown again is loaded afresh.
 */
export function useImageLoad(of: string, sources: readonly ImageSource[]): ImageLoad {
  const [stored, setStored] = useState<LoadState | undefined>(undefined);
  if (stored !== undefined && stored.of !== of) setStored(undefined);
  const state: LoadState =
    stored?.of === of
      ? stored
      : { of, src: sources[0]?.url ?? "", attempt: 0, phase: "loading", tried: [], other: undefined };
  const load = (src: string) =>
    setStored({ ...state, src, attempt: state.attempt + 1, phase: "loading", other: undefined });
  return {
    src: state.src,
    attempt: state.attempt,
    phase: state.phase,
    other: state.other,
    settle: (phase) => {
      if (phase === "loaded") return setStored({ ...state, phase });
      const tried = [...state.tried, state.src];
      const now = Date.now();
      const other = sources.find(
        (s) => !tried.includes(s.url) && (s.expiresAt === undefined || s.expiresAt.getTime() > now),
      );
      setStored({ ...state, phase, tried, other: other?.url });
    },
    reload: () => load(state.src),
    loadOther: () => {
      if (state.other !== undefined) load(state.other);
    },
  };
}
