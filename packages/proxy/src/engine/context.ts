import type { ProxyErrorEvent, ProxyLogEvent } from "../options";
import type { PollingTokens } from "./PollingTokens";
import type { ProxyConfig } from "./resolveConfig";
import type { ProxyStore } from "../store/ProxyStore";
import type { OnceOutcome } from "../store/runOnce";
import type { IncomingMeta } from "./types";
import type { PlaceLine } from "./placeLine";
import type { TaskWatches } from "./watchTasks";

// The engine's shared state, as the route planners see it. Its own module, so that the planners (which
// createEngine imports) never import createEngine back.

/** What exists only once the API key is known: the key itself, the token signer and the key's redactor. */
export interface Secrets {
  readonly apiKey: string;
  readonly tokens: PollingTokens;
  readonly redact: (text: string) => string;
}

/** Shared state and helpers the route planners use. */
export interface EngineContext {
  readonly config: ProxyConfig;
  /**
   * Per-client active tasks, each task's submitter and polling host, and `onResult` claims: the `store` option,
   * or this engine's memory.
   */
  readonly store: ProxyStore;
  /**
   * The headers of a submit's or a poll's 200: the JSON ones, and `X-Flux-Long-Poll` while long polls are on (core's
   * client then long-polls). One object, made once.
   */
  readonly okHeaders: Readonly<Record<string, string>>;
  /** Long polls waiting on tasks, and the one poller per task they share. */
  readonly watches: TaskWatches;
  /** Submits waiting for a place at the account's cap (`limits.queueWaitMs`), in arrival order. */
  readonly line: PlaceLine;
  /** This instance's runs of `runOnce` in progress, by key. */
  readonly inflight: Map<string, Promise<OnceOutcome>>;
  /** The key and what derives from it; read only after `plan` has checked they exist. */
  readonly secrets: Secrets;
  log(level: ProxyLogEvent["level"], event: string, fields?: Record<string, unknown>): void;
  /**
   * Logs `event` the first time only (configuration problems that every request would repeat); with no logger
   * configured, `message` still gets its one line on the console.
   */
  logOnce(level: ProxyLogEvent["level"], event: string, fields: { readonly message: string }): void;
  reportError(event: ProxyErrorEvent): void;
  /** Removes the API key, in any encoding, from text that came from elsewhere (upstream bodies, headers). */
  redact(text: string): string;
  /** `scheme://host` to put in rewritten URLs, or `""` (a relative URL) when unknown. */
  publicOrigin(meta: IncomingMeta): string;
}
