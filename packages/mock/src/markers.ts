import type { OutcomeKind } from "./options";

const MARKERS: Readonly<Record<string, OutcomeKind>> = {
  "request-moderated": "request-moderated",
  "content-moderated": "content-moderated",
  error: "error",
  stuck: "stuck",
  slow: "slow",
  ready: "ready",
};

/** A `[mock:…]` marker found in a prompt. */
export interface PromptMarker {
  readonly kind: OutcomeKind;
  /** Optional argument after a second colon, e.g. reasons in `[mock:content-moderated:Sexual Content]`. */
  readonly argument?: string;
}

const MARKER = /\[mock:([a-z-]+)(?::([^\]]*))?\]/i;

/**
 * Finds the first `[mock:<outcome>]` or `[mock:<outcome>:<argument>]` marker in a prompt. Outcomes:
 * `request-moderated`, `content-moderated`, `error`, `stuck`, `slow`, `ready`. For the moderated outcomes
 * the argument is a `|`-separated list of reasons; for `error` it is the error message; for `slow` an exact
 * duration before `speed` (`[mock:slow:40s]`).
 */
export function findMarker(prompt: string): PromptMarker | undefined {
  const match = MARKER.exec(prompt);
  if (!match) return undefined;
  const kind = MARKERS[(match[1] ?? "").toLowerCase()];
  if (!kind) return undefined;
  const argument = match[2]?.trim();
  return argument ? { kind, argument } : { kind };
}
