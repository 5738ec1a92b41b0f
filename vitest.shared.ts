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
    // Tests wait on events and fake time, never on these: they only bound a stuck test. Real work (rendering and
    // encoding a JPEG in pure JS, React renders, loopback round trips) took over vitest's 5 s default with two
    // full test runs side by side on this 2-core machine, and a timed-out test's leftovers then failed the next.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll and vitest-browser's expect.element retry until this: 1 s by default, a wall-clock budget that
    // an image decode in Chromium overran with two full runs side by side. It too only bounds a stuck wait.
    expect: { poll: { timeout: 15_000 } },
  },
} satisfies ViteUserConfig;
