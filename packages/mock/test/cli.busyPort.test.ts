import { createServer, type Server } from "node:net";
import { afterEach, expect, it } from "vitest";
import { killLeftovers, startMockCli } from "./cliProcess";

let blocker: Server | undefined;
afterEach(async () => {
  killLeftovers();
  await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
  blocker = undefined;
});

/** Holds a free loopback port, as another program would. */
async function busyPort(): Promise<number> {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(0, "127.0.0.1", resolve));
  return (blocker.address() as { port: number }).port;
}

it("a busy port (--port) names the option and the variable that change it, with no stack trace", async () => {
  const port = await busyPort();
  const cli = startMockCli(["--port", String(port), "--delivery-port", "0", "--host", "127.0.0.1"]);
  expect(await cli.exited).toEqual({ code: 1, signal: null });
  expect(cli.stderr()).toBe(
    `flux-mock: port ${port} is in use on 127.0.0.1: pass --port <n> or set PORT=<n> (0 picks a free port).\n`,
  );
  expect(cli.stdout()).toBe("");
});

it("a busy port from PORT gets the same line", async () => {
  const port = await busyPort();
  const cli = startMockCli(["--delivery-port", "0"], { PORT: String(port), HOST: "127.0.0.1" });
  expect(await cli.exited).toEqual({ code: 1, signal: null });
  expect(cli.stderr()).toBe(
    `flux-mock: port ${port} is in use on 127.0.0.1: pass --port <n> or set PORT=<n> (0 picks a free port).\n`,
  );
});

it("a busy delivery port names --delivery-port", async () => {
  const port = await busyPort();
  const cli = startMockCli(["--port", "0", "--delivery-port", String(port), "--host", "127.0.0.1"]);
  expect(await cli.exited).toEqual({ code: 1, signal: null });
  expect(cli.stderr()).toBe(
    `flux-mock: port ${port} (delivery) is in use on 127.0.0.1: pass --delivery-port <n> (0 picks a free port).\n`,
  );
});
