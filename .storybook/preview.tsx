import type { Preview } from "@storybook/react-vite";
// msw-storybook-addon v3: `initialize()` is gone; CSF3 projects use the loader from /csf3
import { mswLoader } from "msw-storybook-addon/csf3";
import type { ViewportMap } from "storybook/viewport";
import "../packages/ui/src/styles.css";

/** The canvas colour behind each theme (the components draw their own surfaces on it). */
const CANVAS = { light: "#ffffff", dark: "#0b0c10" } as const;

/**
 * Storybook's default viewports (its `MINIMAL_VIEWPORTS`, spelt out: importing `storybook/viewport` at run time
 * makes Vite optimize it late and reload the story tests mid-run) with a current phone added and Desktop at
 * full HD instead of 1280×1024.
 */
const VIEWPORTS: ViewportMap = {
  mobile1: { name: "Small mobile", styles: { width: "320px", height: "568px" }, type: "mobile" },
  mobile2: { name: "Large mobile", styles: { width: "414px", height: "896px" }, type: "mobile" },
  tablet: { name: "Tablet", styles: { width: "834px", height: "1112px" }, type: "tablet" },
  phone: { name: "Phone", styles: { width: "390px", height: "844px" }, type: "mobile" },
  desktop: { name: "Desktop", styles: { width: "1920px", height: "1080px" }, type: "desktop" },
};

const preview: Preview = {
  // a Docs page for every component: its description, props table and stories
  tags: ["autodocs"],
  loaders: [mswLoader()],
  parameters: {
    layout: "padded",
    // fail story tests on any axe violation
    a11y: { test: "error" },
    // the FluxStudio Phone story uses mobile1
    viewport: { options: VIEWPORTS },
  },
  globalTypes: {
    theme: {
      description: "Colour theme of the components",
      toolbar: { title: "Theme", icon: "mirror", items: ["light", "dark"], dynamicTitle: true },
    },
  },
  initialGlobals: { theme: "light" },
  decorators: [
    (Story, context) => {
      const theme = context.globals.theme === "dark" ? "dark" : "light";
      return (
        <>
          {/*
           * On a story's own canvas the page itself takes the theme's colour, so the layout's padding (and the
           * space below a short story) shows no light band in dark mode. A Docs page holds many stories: there
           * each one keeps its colour to its own block.
           */}
          {context.viewMode === "story" ? (
            <style>{`html, body { background: ${CANVAS[theme]}; color-scheme: ${theme}; }`}</style>
          ) : null}
          <div data-flux-theme={theme} style={{ padding: 16, background: CANVAS[theme] }}>
            <Story />
          </div>
        </>
      );
    },
  ],
};
export default preview;
