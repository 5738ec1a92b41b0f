import { chromiumLaunchOptions } from "../../scripts/chromium.mjs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig, mergeConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { playwright } from "@vitest/browser-playwright";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import { sharedConfig } from "../../vitest.shared";

const dirname = path.dirname(fileURLToPath(import.meta.url));

// Debian's chromium; Playwright's own browser download is not reachable here.
const chromium = playwright({
  launchOptions: chromiumLaunchOptions,
});

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
    // pre-bundle what stories and browser tests import, or a cold-cache run reloads mid-test and fails
    optimizeDeps: {
      include: [
        "msw",
        "msw/browser",
        "msw-storybook-addon/csf3",
        "@tanstack/react-query",
        "react",
        "react-dom",
        "react-dom/client",
        "react/jsx-dev-runtime",
        "react/jsx-runtime",
        "zod/mini",
        "jpeg-js",
        "fflate",
        "axe-core",
        "vitest-browser-react",
        "storybook/test",
      ],
    },
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
          },
        },
        {
          extends: true,
          test: {
            name: "browser",
            include: ["test/**/*.browser.test.{ts,tsx}"],
            browser: browser(),
          },
        },
        {
          extends: true,
          plugins: [storybookTest({ configDir: path.join(dirname, "../../.storybook") })],
          test: { name: "storybook", browser: browser() },
        },
      ],
    },
  }),
);
