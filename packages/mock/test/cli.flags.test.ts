import { afterEach, describe, expect, it } from "vitest";
import { killLeftovers, startMockCli } from "./cliProcess";

afterEach(killLeftovers);

const LOOPBACK = ["--port", "0", "--delivery-port", "0", "--host", "127.0.0.1"];

describe.skipIf(process.platform === "win32")("flux-mock's behaviour flags reach the server", () => {
  it("--strict-content-type and --key-format change the answers", { timeout: 30_000 }, async () => {
    const cli = startMockCli([...LOOPBACK, "--strict-content-type", "--key-format", "[a-z-]+"]);
    const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const post = (headers: Record<string, string>) =>
      fetch(`${url}/v1/flux-2-pro`, {
        method: "POST",
        headers: { "x-key": "mock-key", ...headers },
        body: new TextEncoder().encode('{"prompt":"a fox"}'),
      });
    expect((await post({})).status).toBe(422);
    expect((await post({ "content-type": "application/json" })).status).toBe(200);
    const badKey = await post({ "content-type": "application/json", "x-key": "KEY_1" });
    expect([badKey.status, await badKey.json()]).toEqual([422, { detail: "Invalid API key format" }]);
    cli.signal("SIGTERM");
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });
});

describe.skipIf(process.platform === "win32")("flux-mock's banner", () => {
  it(
    "names the proxy options that point @flux-kit/proxy at it, with its own origins and key",
    { timeout: 30_000 },
    async () => {
      const cli = startMockCli([...LOOPBACK, "--key", "sk-dev-key"]);
      const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      const [, delivery] = await cli.waitFor(/delivery origin: (http:\/\/127\.0\.0\.1:\d+)/);
      const [line] = await cli.waitFor(/@flux-kit\/proxy: .*/);
      expect(delivery).not.toBe(url);
      expect(line).toBe(
        `@flux-kit/proxy: createFluxProxy({ upstream: "${url}", imageProxy: { allowedOrigins: ["${delivery}"] }, … }) with BFL_API_KEY=sk-dev-key`,
      );
      cli.signal("SIGTERM");
      expect(await cli.exited).toEqual({ code: 0, signal: null });
    },
  );

  it("with --polling-port, names that polling origin for the proxy too", { timeout: 30_000 }, async () => {
    const cli = startMockCli([...LOOPBACK, "--polling-port", "0"]);
    const [, url] = await cli.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    const [, polling] = await cli.waitFor(/polling origin: (http:\/\/127\.0\.0\.1:\d+)/);
    const [line] = await cli.waitFor(/@flux-kit\/proxy: .*/);
    expect(polling).not.toBe(url);
    expect(line).toContain(`allowedPollingOrigins: ["${polling}"]`);
    cli.signal("SIGTERM");
    expect(await cli.exited).toEqual({ code: 0, signal: null });
  });
});
