import { defaultClientConditions, defaultServerConditions } from "vite";
import type { ViteUserConfig } from "vitest/config";

/** Workspace packages resolve to their `src/` through this export condition: tests need no build step. */
export const sourceCondition = "@flux-kit/source";

export const sharedConfig = {
  resolve: { conditions: [sourceCondition, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [sourceCondition, ...defaultServerConditions] } },
} satisfies ViteUserConfig;
