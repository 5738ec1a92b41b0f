import { createRequire } from "node:module";
import path from "node:path";
import { defineConfig, mergeConfig } from "vitest/config";
import { sharedConfig } from "../../vitest.shared.ts";

const require = createRequire(import.meta.url);
const dir = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));

/** React 18 is installed as `react-18` / `react-dom-18`; its project points every `react` import at them. */
const react18 = [
  { find: /^react(\/.*)?$/, replacement: "react-18$1" },
  { find: /^react-dom(\/.*)?$/, replacement: "react-dom-18$1" },
];

/** The same redirect inside pre-bundled dependencies (react-dom 18 and friends `require("react")`). */
const react18Resolver = {
  name: "react-18",
  resolveId(id: string) {
    const match = /^(react|react-dom)(\/.*)?$/.exec(id);
    if (!match) return null;
    const root = dir(match[1] === "react" ? "react-18" : "react-dom-18");
    return require.resolve(`${root}${match[2] ?? ""}`);
  },
};

/** Bundle the React-using dependencies so their own `react` imports take the React 18 redirect too. */
const optimized18 = {
  enabled: true,
  include: [
    "react-18",
    "react-18/jsx-runtime",
    "react-18/jsx-dev-runtime",
    "react-dom-18",
    "react-dom-18/client",
    "react-dom-18/server",
    "@testing-library/react",
    "@tanstack/react-query",
  ],
  rolldownOptions: { plugins: [react18Resolver] },
};

const shared = {
  environment: "jsdom" as const,
  include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}", "bench/**/*.bench.test.tsx"],
  setupFiles: ["./test/setup.ts"],
};

export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      typecheck: { enabled: true, include: ["src/**/*.test-d.ts"] },
      projects: [
        { extends: true, test: { ...shared, name: "react-19", env: { EXPECTED_REACT_MAJOR: "19" } } },
        {
          extends: true,
          resolve: { alias: react18 },
          test: {
            ...shared,
            name: "react-18",
            env: { EXPECTED_REACT_MAJOR: "18" },
            // bundle the React-using dependencies so their own `react` imports take the alias too
            deps: { optimizer: { client: optimized18, ssr: optimized18 } },
          },
        },
      ],
    },
  }),
);
