import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { MOCK_KEY, readDemoEnv } from "./readDemoEnv";

const root = "/app";

describe("readDemoEnv", () => {
  test("no key: the mock, on port 5173, images in .data", () => {
    expect(readDemoEnv({}, root)).toMatchObject({
      mode: "mock",
      apiKey: MOCK_KEY,
      port: 5173,
      host: "localhost",
      region: "global",
      mockSpeed: 1,
      dataDir: join(root, ".data"),
    });
  });

  test("a key: real BFL in the region BFL_REGION names", () => {
    expect(readDemoEnv({ BFL_API_KEY: "secret", BFL_REGION: "EU", PORT: "8080" }, root)).toMatchObject({
      mode: "live",
      apiKey: "secret",
      region: "eu",
      port: 8080,
    });
  });

  test("FLUX_DEMO_UPSTREAM=mock keeps the mock even with a key (the mock then expects that key)", () => {
    const options = readDemoEnv({ BFL_API_KEY: "secret", FLUX_DEMO_UPSTREAM: "mock" }, root);
    expect(options).toMatchObject({ mode: "mock", apiKey: "secret" });
  });

  test("PORT=0 picks a free port; the mock's speed and seed come from the environment", () => {
    const options = readDemoEnv({ PORT: "0", FLUX_DEMO_MOCK_SPEED: "4", FLUX_DEMO_MOCK_SEED: "7" }, root);
    expect(options).toMatchObject({ port: 0, mockSpeed: 4, mockSeed: 7 });
  });

  test.each([
    [{ PORT: "http" }, /PORT must be a port number/],
    [{ BFL_REGION: "mars" }, /BFL_REGION must be "global", "eu" or "us"/],
    [{ FLUX_DEMO_UPSTREAM: "live" }, /needs BFL_API_KEY/],
    [{ FLUX_DEMO_UPSTREAM: "staging" }, /FLUX_DEMO_UPSTREAM must be/],
    [{ FLUX_DEMO_MOCK_SPEED: "0" }, /FLUX_DEMO_MOCK_SPEED must be a positive number/],
    [{ FLUX_DEMO_MODEL: "flux-dev" }, /FLUX_DEMO_MODEL must be one of the demo's models \(flux-3-image, /],
  ])("refuses %o with a message that says what to set", (env, message) => {
    expect(() => readDemoEnv(env, root)).toThrow(message);
  });

  test("FLUX_DEMO_MODEL picks the studio's first model; unset, the studio starts with FLUX 3 Image", () => {
    expect(readDemoEnv({ FLUX_DEMO_MODEL: " flux-2-pro " }, root).defaultModel).toBe("flux-2-pro");
    expect(readDemoEnv({}, root).defaultModel).toBeUndefined();
  });

  test("no error message repeats the key", () => {
    const env = { BFL_API_KEY: "bfl-secret-123", BFL_REGION: "mars" };
    let message = "";
    try {
      readDemoEnv(env, root);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/BFL_REGION/);
    expect(message).not.toContain("bfl-secret-123");
  });
});
