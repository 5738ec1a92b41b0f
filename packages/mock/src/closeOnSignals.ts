/** Something a command line starts and must close on the way out (a mock server, the demo's server). */
export interface Closable {
  close(): Promise<void>;
}

/**
 * For a command-line server: on Ctrl+C (SIGINT) or SIGTERM, closes it, prints `stoppedLine` and exits 0. Call
 * it before the server starts and hand the server over with `serving` once it listens, so a signal that
 * arrives during startup, or just after the listening line, is not lost; the copy pnpm forwards after the
 * terminal's own is ignored.
 * @example const signals = closeOnSignals("flux-mock: stopped"); await signals.serving(await startMockServer())
 */
export function closeOnSignals(stoppedLine: string): { serving(server: Closable): Promise<void> } {
  let server: Closable | undefined;
  let stopping = false;
  const shutDown = async (running: Closable) => {
    await running.close();
    console.log(stoppedLine);
    process.exit(0);
  };
  const stop = () => {
    if (stopping) return;
    stopping = true;
    if (server) void shutDown(server);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  return {
    async serving(running) {
      server = running;
      if (stopping) await shutDown(running);
    },
  };
}
