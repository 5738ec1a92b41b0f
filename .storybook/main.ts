import type { StorybookConfig } from "@storybook/react-vite";

const config: StorybookConfig = {
  stories: ["../packages/ui/src/**/*.stories.@(ts|tsx)"],
  // addon-docs: a Docs page per component (the autodocs tag in preview.tsx), with its props table
  addons: ["@storybook/addon-vitest", "@storybook/addon-a11y", "@storybook/addon-docs"],
  framework: { name: "@storybook/react-vite", options: {} },
  // serves mockServiceWorker.js (from `msw init packages/ui/public`)
  staticDirs: ["../packages/ui/public"],
  core: { disableTelemetry: true },
  viteFinal(config) {
    // workspace packages resolve to their src/ through this export condition: no build needed
    config.resolve ??= {};
    config.resolve.conditions = ["@flux-kit/source", "module", "browser", "development|production"];
    return config;
  },
};
export default config;
