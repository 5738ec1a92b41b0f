import { expect, test } from "vitest";
import { render } from "vitest-browser-react";
import { defaultLabels } from "../src/defaultLabels";
import { ImageInput } from "../src/ImageInput";
import { JobList } from "../src/JobList";
import "../src/styles.css";

// Real Chromium: each part sets the theme's variables itself, so one that is missing from the dark lists falls
// back to the light palette inside a dark page (the job tray did, in a dark FluxStudio).

const DARK_BG = "#111318";
const LIGHT_BG = "#ffffff";
const bg = (selector: string) =>
  getComputedStyle(document.querySelector(selector)!).getPropertyValue("--flux-bg").trim();

test.each([
  ["dark", DARK_BG],
  ["light", LIGHT_BG],
])("the job tray and the image picker follow data-flux-theme=%s", async (theme, expected) => {
  await render(
    <div data-flux-theme={theme}>
      <JobList
        jobs={[{ id: "a", prompt: "A fox", state: { status: "pending", progress: 0.4, waiting: undefined } }]}
        onSelect={() => undefined}
        onCancel={() => undefined}
        onDismiss={() => undefined}
      />
      <ImageInput
        id="refs"
        name="input_image"
        legend="Reference images"
        images={[]}
        max={2}
        labels={defaultLabels}
        onChange={() => undefined}
      />
    </div>,
  );
  expect(bg(".flux-jobs")).toBe(expected);
  expect(bg(".flux-images")).toBe(expected);
});
