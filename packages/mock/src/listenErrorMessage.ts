/** One listener the CLI opens: the port it asked for and how a user changes it. */
export interface CliListener {
  /** Shown after the port when it is not the API listener, e.g. `delivery`. */
  readonly name?: string;
  readonly port: number;
  /** How to pick another port, e.g. `pass --port <n> or set PORT=<n>`. */
  readonly change: string;
}

/**
 * The one line the CLI prints when the server cannot start. A busy port names the listener(s) that asked for
 * it and the option that moves each; other failures say what failed, with no stack trace.
 *
 * @example
 * listenErrorMessage(error, "127.0.0.1", [{ port: 4010, change: "pass --port <n> or set PORT=<n>" }]);
 * // "port 4010 is in use on 127.0.0.1: pass --port <n> or set PORT=<n> (0 picks a free port)."
 */
export function listenErrorMessage(error: unknown, host: string, listeners: readonly CliListener[]): string {
  const { code, port } = (error ?? {}) as { code?: unknown; port?: unknown };
  const culprits = listeners.filter((l) => l.port === port);
  if (typeof port === "number" && (code === "EADDRINUSE" || code === "EACCES") && culprits.length > 0) {
    const names = culprits.flatMap((l) => (l.name ? [l.name] : []));
    const which = names.length > 0 && names.length === culprits.length ? ` (${names.join(", ")})` : "";
    const problem = code === "EADDRINUSE" ? "is in use" : "needs privileges";
    const fixes = culprits.map((l) => l.change).join(", or ");
    return `port ${port}${which} ${problem} on ${host}: ${fixes} (0 picks a free port).`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `could not start: ${message}`;
}
