import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      name: "mock",
      environment: "node",
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      typecheck: { enabled: true, include: ["src/**/*.test-d.ts"] },
      // expect.poll waits for what the mock finishes in real time (WebCrypto signing, a webhook's delivery):
      // bounded just inside the 5 s test timeout, not by a 1 s budget a loaded machine can overrun
      expect: { poll: { timeout: 4_000, interval: 10 } },
    },
  }),
);
