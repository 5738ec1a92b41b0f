import type { Preview } from "@storybook/react-vite";
// msw-storybook-addon v3: `initialize()` is gone; CSF3 projects use the loader from /csf3
import { mswLoader } from "msw-storybook-addon/csf3";
import "../packages/ui/src/styles.css";

const preview: Preview = {
  loaders: [mswLoader()],
  parameters: {
    layout: "padded",
    // fail story tests on any axe violation
    a11y: { test: "error" },
  },
  globalTypes: {
    theme: {
      description: "Colour theme of the components",
      toolbar: { title: "Theme", icon: "mirror", items: ["light", "dark"], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: "light" },
  decorators: [
    (Story, context) => (
      <div
        data-flux-theme={context.globals.theme === "dark" ? "dark" : "light"}
        style={{
          padding: 16,
          background: context.globals.theme === "dark" ? "#0b0c10" : "#ffffff",
          // fill the canvas so a dark story has no light band below it
          minHeight: context.parameters.layout === "fullscreen" ? "100vh" : "calc(100vh - 2rem)",
          boxSizing: "border-box",
        }}
      >
        <Story />
      </div>
    ),
  ],
};
export default preview;
