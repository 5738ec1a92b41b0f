import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { demoRoot } from "./demoRoot";

const { scripts } = JSON.parse(readFileSync(join(demoRoot, "package.json"), "utf8")) as {
  scripts: Record<string, string>;
};
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

/**
 * Runs the demo's `start` script (the server half of `pnpm demo`, after its `vite build`) as pnpm runs a script:
 * `sh -c`, in its own process group like a terminal's foreground job, in mock mode on loopback.
 */
function startScript(port: number) {
  const dataDir = mkdtempSync(join(tmpdir(), "flux-demo-main-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FLUX_DEMO_UPSTREAM: "mock",
    FLUX_DEMO_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
  };
  delete env["BFL_API_KEY"];
  const child = spawn("sh", ["-c", scripts["start"]!], {
    cwd: demoRoot,
    env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal }));
  });
  let done = false;
  void exited.then(
    () => (done = true),
    () => (done = true),
  );
  cleanups.push(() => {
    if (!done) process.kill(-child.pid!, "SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });
  const running = new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/running at http:\/\/\S+:\d+/.test(stdout)) resolve();
    };
    child.stdout.on("data", check);
    void exited.then((exit) => reject(new Error(`exited ${JSON.stringify(exit)}:\n${stdout}${stderr}`)));
  });
  running.catch(() => undefined); // a test that expects the exit never awaits this
  return { pid: child.pid!, running, exited, stdout: () => stdout, stderr: () => stderr };
}

describe.skipIf(process.platform === "win32")("the demo server process", () => {
  it("Ctrl+C closes it, exits 0 and prints one line", async () => {
    const demo = startScript(0);
    await demo.running;
    process.kill(-demo.pid, "SIGINT"); // Ctrl+C reaches every process in the group…
    process.kill(demo.pid, "SIGINT"); // …and pnpm passes it on to its script once more
    expect(await demo.exited).toEqual({ code: 0, signal: null });
    expect(demo.stderr()).toBe("");
    expect(demo.stdout().trimEnd().split("\n").at(-1)).toBe("  demo stopped");
  });

  it("a busy port says to set PORT, and exits 1 without a stack trace", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => blocker.close());
    const port = (blocker.address() as { port: number }).port;
    const demo = startScript(port);
    expect(await demo.exited).toEqual({ code: 1, signal: null });
    expect(demo.stderr()).toBe(
      `  The demo could not start: port ${port} is in use on 127.0.0.1: set PORT=<n> (PORT=0 picks a free port).\n`,
    );
    expect(demo.stdout()).toBe("");
  });
});
