import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared";

export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      name: "demo",
      environment: "node",
      include: ["e2e/**/*.test.ts", "server/**/*.test.ts"],
      // builds the Vite app once, as `pnpm demo` does, before any test starts the server
      globalSetup: ["./e2e/buildApp.ts"],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  }),
);
