import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      name: "demo",
      environment: "node",
      include: ["e2e/**/*.test.ts", "server/**/*.test.ts", "src/**/*.test.ts"],
      // builds the Vite app once, as `pnpm demo` does, before any test starts the server
      globalSetup: ["./e2e/buildApp.ts"],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // expect.poll waits for what the server and the browser finish in real time (a watcher's poll, an image's
      // decode): bounded inside the test timeout, not by a 1 s budget a loaded machine can overrun
      expect: { poll: { timeout: 20_000 } },
    },
  }),
);
