import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/** A real `redis-server` on a loopback port, started and stopped by the test that needs it. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Stops the server (it can be started again on the same port). */
  stop(): Promise<void>;
  /** Starts it again after `stop`, on the same port, empty. */
  start(): Promise<void>;
}

const MISSING =
  "The Redis store's tests run a real redis-server, and none was found on PATH. Install it with " +
  "`apt-get install -y redis-server` (Debian's package; .ci/run installs it), then run the tests again.";

/** A free loopback port, as the OS hands one out. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** Starts `redis-server` with no persistence and waits for its "Ready to accept connections" line. */
function launch(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--loglevel",
        "notice",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        child.stdout.off("data", onData);
        child.stdout.resume();
        resolve(child);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.resume();
    child.once("error", (error) => reject(new Error(MISSING, { cause: error })));
    child.once("exit", (code) =>
      reject(new Error(`redis-server exited (${code}) before it was ready:\n${output}`)),
    );
  });
}

/** Starts a Redis server on a random free loopback port. Fails with how to install it when there is none. */
export async function startRedisServer(): Promise<RedisServer> {
  if (spawnSync("redis-server", ["--version"]).error) throw new Error(MISSING);
  let port = 0;
  let child: ChildProcess | undefined;
  // another process may take the free port before redis-server binds it: try a few
  for (let attempt = 0; ; attempt++) {
    port = await freePort();
    try {
      child = await launch(port);
      break;
    } catch (error) {
      if (attempt >= 4) throw error;
    }
  }
  const stop = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await exited;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    async start() {
      if (child) return;
      child = await launch(port);
    },
  };
}
