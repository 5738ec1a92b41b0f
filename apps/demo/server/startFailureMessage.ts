/**
 * Why the demo could not start, in one line. A port in use (or one that needs privileges) names the port and
 * the variable that moves it: the server's only listener takes `PORT`.
 *
 * @example
 * startFailureMessage(error); // "port 5173 is in use on 127.0.0.1: set PORT=<n> (PORT=0 picks a free port)."
 */
export function startFailureMessage(error: unknown): string {
  const { code, port, address } = (error ?? {}) as { code?: unknown; port?: unknown; address?: unknown };
  if (typeof port === "number" && (code === "EADDRINUSE" || code === "EACCES")) {
    const problem = code === "EADDRINUSE" ? "is in use" : "needs privileges";
    return `port ${port} ${problem}${typeof address === "string" ? ` on ${address}` : ""}: set PORT=<n> (PORT=0 picks a free port).`;
  }
  return error instanceof Error ? error.message : String(error);
}
