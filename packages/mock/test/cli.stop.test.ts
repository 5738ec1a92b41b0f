import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { killLeftovers, pkgDir, repoRoot, startCli, startMockCli, type CliProcess } from "./cliProcess";

const scripts = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { scripts: Record<string, string> })
    .scripts;
const LOOPBACK = ["--port", "0", "--delivery-port", "0", "--host", "127.0.0.1"];
const LISTENING = /listening on http:\/\/127\.0\.0\.1:\d+/;

afterEach(killLeftovers);

async function expectCleanStop(cli: CliProcess): Promise<void> {
  expect(await cli.exited).toEqual({ code: 0, signal: null });
  expect(cli.stderr()).toBe("");
  expect(cli.stdout().trimEnd().split("\n").at(-1)).toBe("flux-mock: stopped");
}

describe.skipIf(process.platform === "win32")("stopping the mock server", () => {
  it.each([
    ["`pnpm mock` (the root script)", scripts(repoRoot)["mock"]!, repoRoot],
    ["`pnpm start` (the package script)", scripts(pkgDir)["start"]!, pkgDir],
  ])("%s: Ctrl+C closes it, exits 0 and prints one line", async (_, script, cwd) => {
    // pnpm runs a script as `sh -c "<script> <args>"`, in the terminal's foreground process group
    const cli = startCli("sh", ["-c", `${script} ${LOOPBACK.join(" ")}`], cwd);
    await cli.waitFor(LISTENING);
    cli.signalGroup("SIGINT"); // Ctrl+C reaches every process in the group…
    cli.signal("SIGINT"); // …and pnpm passes it on to its script once more
    await expectCleanStop(cli);
  });

  it("SIGTERM closes it and exits 0", async () => {
    const cli = startMockCli(LOOPBACK);
    await cli.waitFor(LISTENING);
    cli.signal("SIGTERM");
    await expectCleanStop(cli);
  });
});
