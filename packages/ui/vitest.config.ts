import { chromiumLaunchOptions } from "../../scripts/chromium.mjs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { playwright } from "@vitest/browser-playwright";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import { sharedConfig } from "../../vitest.shared.ts";

const dirname = path.dirname(fileURLToPath(import.meta.url));

// Debian's chromium; Playwright's own browser download is not reachable here.
const chromium = playwright({
  launchOptions: chromiumLaunchOptions,
});

/**
 * Pre-bundle what each browser project imports, or a cold-cache run finds a dependency late, re-optimizes and
 * reloads the page mid-test. Each list is resolved from its project's root (packages/ui for the browser tests,
 * the repository root for Storybook's), so it names only packages resolvable there; what workspace sources
 * import (zod from core, jpeg-js and fflate from the mock) the optimizer's scan finds through those sources.
 */
const reactDeps = [
  "react",
  "react-dom",
  "react-dom/client",
  "react/jsx-dev-runtime",
  "react/jsx-runtime",
  "@tanstack/react-query",
];
const browserTestDeps = [...reactDeps, "vitest-browser-react"];
const storyDeps = [...reactDeps, "msw", "msw/browser", "msw-storybook-addon/csf3", "storybook/test"];

// a fresh object per project: vitest mutates `instances`
const browser = () => ({
  enabled: true,
  headless: true,
  provider: chromium,
  instances: [{ browser: "chromium" as const }],
});

export default mergeConfig(
  sharedConfig,
  defineConfig({
    plugins: [react()],
    test: {
      projects: [
        {
          extends: true,
          test: {
            name: "unit",
            environment: "happy-dom",
            include: ["test/**/*.test.{ts,tsx}", "src/**/*.test.{ts,tsx}"],
            exclude: ["**/*.browser.test.{ts,tsx}"],
            setupFiles: ["./test/setup.ts"],
            // user-event types character by character through React renders: real work that took over 5 s with
            // two full test runs on this 2-core machine; tests wait on events, this only bounds a stuck one
            testTimeout: 30_000,
          },
        },
        {
          extends: true,
          optimizeDeps: { include: browserTestDeps },
          test: {
            name: "browser",
            include: ["test/**/*.browser.test.{ts,tsx}"],
            browser: browser(),
            // every key press is a round trip through Playwright into Chromium: over 15 s under two full runs
            testTimeout: 60_000,
          },
        },
        {
          extends: true,
          plugins: [storybookTest({ configDir: path.join(dirname, "../../.storybook") })],
          optimizeDeps: { include: storyDeps },
          // stories run real generations against the mock in Chromium
          test: { name: "storybook", browser: browser(), testTimeout: 60_000 },
        },
      ],
    },
  }),
);
