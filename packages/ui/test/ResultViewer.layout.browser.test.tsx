import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { page } from "vitest/browser";
import { render } from "vitest-browser-react";
import { createFluxClient } from "@flux-kit/core";
import { FluxProvider } from "@flux-kit/react";
import { FluxStudio } from "../src/FluxStudio";
import { ResultViewer } from "../src/ResultViewer";
import { fakeResult } from "./fixtures";
import "../src/styles.css";

// Real Chromium, because container queries need real layout. The page is 1920 px wide throughout: what the
// viewer lays out by must be its container, not the window.

/** A 1024 × 768 image with no network: an SVG data URL. */
const IMAGE = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="768"><rect width="1024" height="768" fill="#c2410c"/></svg>',
)}`;
const ready = () => ({
  status: "ready" as const,
  result: fakeResult({ url: IMAGE, expiresAt: undefined }),
});

/** A client that can never reach a host: nothing in these tests generates. */
const offline = createFluxClient({
  baseUrl: "/api/flux",
  fetch: () => Promise.reject(new TypeError("no network in layout tests")),
});

const box = (element: Element) => element.getBoundingClientRect();
/** The width left for content (the image frame is 100 % of it). */
const contentWidth = (element: Element) => {
  const style = getComputedStyle(element);
  return element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
};

beforeEach(async () => {
  await page.viewport(1920, 1080);
});
afterEach(async () => {
  await page.viewport(414, 896);
});

describe("in a 375 px column on a 1920 px page", () => {
  test("FluxStudio stacks the form over the viewer, the viewer about the column's width", async () => {
    const screen = await render(
      <div style={{ width: 375 }}>
        <FluxProvider client={offline}>
          <FluxStudio persist={false} />
        </FluxProvider>
      </div>,
    );
    await expect.element(screen.getByText("Your image will appear here.")).toBeVisible();
    expect(window.innerWidth).toBe(1920);
    const studio = document.querySelector(".flux-studio")!;
    const form = document.querySelector(".flux-studio-form")!;
    const viewer = document.querySelector(".flux-viewer")!;
    expect(box(studio).width).toBe(375);
    // #14: with the window's media query it was two columns, the viewer ~34 px wide
    expect(contentWidth(viewer)).toBeGreaterThanOrEqual(300);
    expect(box(viewer).width).toBeLessThanOrEqual(375);
    expect(box(viewer).top).toBeGreaterThanOrEqual(box(form).bottom);
    expect(studio.scrollWidth).toBeLessThanOrEqual(studio.clientWidth);
  });

  test("a ready image fills the column, its actions wrap inside it", async () => {
    const screen = await render(
      <div style={{ width: 375 }}>
        <ResultViewer generation={ready()} />
      </div>,
    );
    const viewer = document.querySelector(".flux-viewer")!;
    await expect.poll(() => viewer.getAttribute("data-image")).toBe("loaded");
    await expect.element(screen.getByRole("status")).toHaveTextContent("Your image is ready.");
    const frame = document.querySelector(".flux-image-frame")!;
    expect(box(frame).width).toBeGreaterThanOrEqual(300);
    expect(box(frame).right).toBeLessThanOrEqual(box(viewer).right);
    // the frame keeps the image's shape
    expect(box(frame).width / box(frame).height).toBeCloseTo(1024 / 768, 1);
    for (const action of document.querySelectorAll(".flux-result-actions > *")) {
      expect(box(action).right).toBeLessThanOrEqual(box(viewer).right);
    }
    expect(viewer.scrollWidth).toBeLessThanOrEqual(viewer.clientWidth);
  });
});

describe("at 1920 px", () => {
  test("FluxStudio puts the form beside the viewer", async () => {
    const screen = await render(
      <FluxProvider client={offline}>
        <FluxStudio persist={false} />
      </FluxProvider>,
    );
    await expect.element(screen.getByText("Your image will appear here.")).toBeVisible();
    // the history is a chunk of its own, there once it has loaded
    await expect.element(screen.getByRole("region", { name: "Your images" })).toBeVisible();
    const studio = document.querySelector(".flux-studio")!;
    const form = document.querySelector(".flux-studio-form")!;
    const viewer = document.querySelector(".flux-viewer")!;
    const history = document.querySelector(".flux-studio-history")!;
    expect(box(studio).width).toBeGreaterThan(1800);
    expect(box(form).width).toBeGreaterThanOrEqual(320);
    expect(box(form).width).toBeLessThanOrEqual(420);
    expect(box(viewer).left).toBeGreaterThan(box(form).right);
    expect(box(viewer).top).toBe(box(form).top);
    expect(box(viewer).width).toBeGreaterThan(1300);
    expect(box(viewer).height).toBeGreaterThanOrEqual(420);
    // the history sits under the viewer, beside the form
    expect(box(history).left).toBe(box(viewer).left);
    expect(box(history).top).toBeGreaterThanOrEqual(box(viewer).bottom);
    expect(studio.scrollWidth).toBeLessThanOrEqual(studio.clientWidth);
  });

  test("a ready image uses the width and stays within the window's height", async () => {
    const screen = await render(<ResultViewer generation={ready()} />);
    const viewer = document.querySelector(".flux-viewer")!;
    await expect.poll(() => viewer.getAttribute("data-image")).toBe("loaded");
    await expect.element(screen.getByRole("link", { name: "Download" })).toBeVisible();
    const frame = document.querySelector(".flux-image-frame")!;
    expect(box(frame).width).toBeCloseTo(contentWidth(viewer), 0);
    expect(box(frame).height).toBeLessThanOrEqual(0.7 * window.innerHeight + 1);
    const img = document.querySelector<HTMLImageElement>(".flux-image")!;
    expect(img.naturalWidth).toBe(1024);
    expect(box(img).height).toBeGreaterThan(0);
  });
});

test("an image Chromium cannot decode: the problem state, no Download", async () => {
  const broken = fakeResult({ url: "data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==", expiresAt: undefined });
  const screen = await render(<ResultViewer generation={{ status: "ready", result: broken }} />);
  await expect.element(screen.getByRole("heading", { name: "The image could not be loaded" })).toBeVisible();
  await expect.element(screen.getByRole("status")).toHaveTextContent("The image could not be loaded");
  expect(screen.getByRole("link", { name: "Download" }).query()).toBeNull();
  await expect.element(screen.getByRole("button", { name: "Load again" })).toBeVisible();
});
