import { defaultClientConditions, defaultServerConditions } from "vite";
import type { ViteUserConfig } from "vitest/config";

/** Workspace packages resolve to their `src/` through this export condition: tests need no build step. */
export const sourceCondition = "@flux-kit/source";

export const sharedConfig = {
  resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
  test: {
    // the console summary for people, a JSON report for `pnpm test`'s one-line count
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
  },
} satisfies ViteUserConfig;
