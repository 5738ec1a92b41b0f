import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      name: "next-example",
      environment: "node",
      include: ["e2e/**/*.test.ts", "*.test.ts"],
      // `next build` once, with no BFL_API_KEY in the environment, before any test serves it with `next start`
      globalSetup: ["./e2e/buildApp.ts"],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  }),
);
