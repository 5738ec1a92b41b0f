import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, fireEvent, userEvent, waitFor, within } from "storybook/test";
import { fixedPolling } from "@flux-kit/core";
import { LiveResultViewer } from "./stories/LiveResultViewer";
import { mockApi } from "./stories/mockApi";

/**
 * Every `ResultViewer` state, each reached for real: `useFluxGeneration` submits and polls through MSW to
 * `@flux-kit/mock`, scripted with prompt markers, mock options and injected faults.
 */
const meta = {
  title: "Components/ResultViewer",
  component: LiveResultViewer,
  args: {
    model: "flux-2-pro",
    input: { prompt: "A red fox in fresh snow, morning light", width: 1024, height: 768 },
  },
} satisfies Meta<typeof LiveResultViewer>;
export default meta;
type Story = StoryObj<typeof meta>;

const TIMEOUT = { timeout: 10_000 };
const stateOf = (canvasElement: HTMLElement) =>
  canvasElement.querySelector(".flux-viewer")?.getAttribute("data-state");
const waitForState = (canvasElement: HTMLElement, state: string) =>
  waitFor(() => expect(stateOf(canvasElement)).toBe(state), TIMEOUT);

/** Nothing generated yet: a placeholder (the harness starts no generation). */
export const Idle: Story = {
  args: { start: false },
  parameters: { msw: mockApi().handlers },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, "idle");
    await expect(within(canvasElement).getByText("Your image will appear here.")).toBeVisible();
  },
};

export const Submitting: Story = {
  // the submit answers only after a minute
  parameters: {
    msw: mockApi({}, (m) => m.injectFault({ kind: "latency", ms: 60_000 }, { route: "submit" })).handlers,
  },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, "submitting");
    await expect(within(canvasElement).getByRole("status")).toHaveTextContent("Sending your request…");
  },
};

export const Pending: Story = {
  parameters: { msw: mockApi({ durationMs: 120_000 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "pending");
    await expect(canvas.getByRole("progressbar", { name: "Progress" })).toBeVisible();
    await waitFor(() => expect(canvas.getByText(/[1-9]\d* s elapsed/)).toBeVisible(), TIMEOUT);
    await expect(canvas.getByRole("button", { name: "Stop waiting" })).toBeEnabled();
  },
};

export const Ready: Story = {
  parameters: { msw: mockApi({ durationMs: 600 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "ready");
    const img = await canvas.findByRole("img", { name: /Generated image: A red fox/ });
    await waitFor(() => expect((img as HTMLImageElement).naturalWidth).toBe(1024), TIMEOUT);
    const download = canvas.getByRole("link", { name: "Download" });
    // the mock delivers on the page's own origin (no BFL delivery host), so the link is that URL itself
    await expect(download.getAttribute("href")).toMatch(/\/api\/flux\/results\//);
    // and it really serves the image
    const response = await fetch(download.getAttribute("href")!);
    await expect(response.headers.get("content-type")).toMatch(/^image\//);
    await expect(canvas.getByText("FLUX.2 [pro]")).toBeVisible();
    await expect(canvas.getByText("1024 × 768")).toBeVisible();
  },
};

/** FLUX 3 Image runs one to two and a half minutes, and reports its stage instead of progress. */
const flux3 = {
  model: "flux-3-image",
  input: { prompt: "A lighthouse on a cliff at dusk", aspect_ratio: "16:9", grounding: false },
  // polls every 400 ms, so a stage a few seconds long is seen (the adaptive schedule polls a 90 s run sparsely)
  client: { poll: { policy: fixedPolling(400) } },
} as const;

/** FLUX 3 planning the image: "Reasoning…", the elapsed time against its typical run, no guessed progress bar. */
export const Flux3Reasoning: Story = {
  args: flux3,
  // a 60 s run: Pending for 3 s, Reasoning until 9 s (15 % of it without grounding), then Generating
  parameters: { msw: mockApi({ durationMs: 60_000 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent("Reasoning…"), TIMEOUT);
    await expect(canvasElement.querySelector(".flux-pending")).toHaveAttribute("data-stage", "reasoning");
    await expect(canvas.getByText(/usually about 1 min 30 s/)).toBeVisible();
    await expect(canvas.getByRole("progressbar", { name: "Progress" })).toHaveAttribute(
      "data-state",
      "indeterminate",
    );
  },
};

/** Then drawing it: "Generating…". */
export const Flux3Generating: Story = {
  args: flux3,
  // a 12 s run: Generating from 1.8 s
  parameters: { msw: mockApi({ durationMs: 12_000 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByRole("status")).toHaveTextContent("Generating…"), TIMEOUT);
    await expect(canvasElement.querySelector(".flux-pending")).toHaveAttribute("data-stage", "generating");
    await expect(canvas.getByRole("button", { name: "Stop waiting" })).toBeEnabled();
  },
};

/**
 * Past 1.5 times the model's typical run, a calm word that it is still running (FLUX.2 [klein] 4B here: its
 * typical run is 2.5 s, so the story need not wait two minutes).
 */
export const TakingLongerThanUsual: Story = {
  args: { model: "flux-2-klein-4b", input: { prompt: "A red fox in fresh snow" } },
  parameters: { msw: mockApi({ durationMs: 120_000 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitFor(() => expect(canvas.getByText(/^Taking longer than usual/)).toBeVisible(), TIMEOUT);
    await expect(canvasElement.querySelector(".flux-pending")).toHaveAttribute("data-slow", "true");
    await expect(canvas.getByRole("button", { name: "Stop waiting" })).toBeEnabled();
  },
};

/** FLUX 3 rewrote the prompt (it expands every one): what it rendered, collapsed under the image. */
export const Flux3RenderedPrompt: Story = {
  args: flux3,
  parameters: { msw: mockApi({ durationMs: 1_500 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "ready");
    const summary = await canvas.findByText("What FLUX rendered", {}, TIMEOUT);
    await userEvent.click(summary);
    await expect(summary.closest("details")).toHaveAttribute("open");
    await expect(summary.closest("details")).toHaveTextContent(
      /A lighthouse on a cliff at dusk Rendered as a finished/,
    );
  },
};

/** The full-screen view, opened from the keyboard and zoomed with "+"; the axe check runs with it open. */
export const ReadyFullScreen: Story = {
  parameters: { msw: mockApi({ durationMs: 600 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "ready");
    (await canvas.findByRole("button", { name: "Full screen" }, TIMEOUT)).focus();
    await userEvent.keyboard("{Enter}");
    const dialog = await canvas.findByRole("dialog", { name: "Image viewer" }, TIMEOUT);
    await expect(within(dialog).getByRole("button", { name: "Close" })).toHaveFocus();
    await userEvent.keyboard("+");
    await expect(within(dialog).getByRole("status")).toHaveTextContent("200 %");
  },
};

/**
 * An edit next to the image it started from (`before`), revealed up to a slider (its keyboard use is covered in
 * Chromium by the demo's e2e/editLoop: Testing Library's user-event does not move a range with the arrows).
 */
export const EditComparedWithOriginal: Story = {
  args: {
    before: `data:image/svg+xml,${encodeURIComponent(
      '<svg xmlns="http://www.w3.org/2000/svg" width="1024" height="768"><rect width="1024" height="768" fill="#0e7490"/></svg>',
    )}`,
  },
  parameters: { msw: mockApi({ durationMs: 600 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "ready");
    const compare = await canvas.findByRole("button", { name: "Compare with original" }, TIMEOUT);
    await userEvent.click(compare);
    await expect(compare).toHaveAttribute("aria-pressed", "true");
    const slider = canvas.getByRole("slider", { name: "Original shown" });
    await fireEvent.change(slider, { target: { value: "30" } });
    await expect(slider).toHaveAttribute("aria-valuetext", "30 %");
    const original = canvasElement.querySelector<HTMLImageElement>(".flux-compare-before")!;
    await expect(original.style.clipPath).toBe("inset(0px 70% 0px 0px)");
  },
};

/**
 * The task is ready but its image does not load (the delivery answers 403 once, as for an expired link): no
 * Download and no "ready" announcement, but a problem and a way to load it again.
 */
export const ReadyImageFailed: Story = {
  parameters: {
    msw: mockApi({ durationMs: 300 }, (m) =>
      m.injectFault({ kind: "status", status: 403 }, { route: "delivery" }),
    ).handlers,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "ready");
    await canvas.findByRole("heading", { name: "The image could not be loaded" }, TIMEOUT);
    await expect(canvas.getByRole("status")).toHaveTextContent("The image could not be loaded");
    await expect(canvas.queryByRole("link", { name: "Download" })).toBeNull();
    await userEvent.click(canvas.getByRole("button", { name: "Load again" }));
    const img = await canvas.findByRole("img", { name: /Generated image: A red fox/ });
    await waitFor(() => expect((img as HTMLImageElement).naturalWidth).toBe(1024), TIMEOUT);
    await waitFor(
      () => expect(canvas.getByRole("status")).toHaveTextContent("Your image is ready."),
      TIMEOUT,
    );
    await expect(canvas.getByRole("link", { name: "Download" })).toBeVisible();
  },
};

/** In a 375 px column of a wide page: the viewer lays out by its container, not the window. */
export const ReadyInNarrowColumn: Story = {
  ...Ready,
  args: { style: { width: 375 } },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, "ready");
    const frame = canvasElement.querySelector(".flux-image-frame")!;
    await expect(frame.getBoundingClientRect().width).toBeGreaterThanOrEqual(300);
    const viewer = canvasElement.querySelector(".flux-viewer")!;
    await expect(viewer.scrollWidth).toBeLessThanOrEqual(viewer.clientWidth);
  },
};

export const ModeratedContent: Story = {
  args: { input: { prompt: "A beach scene [mock:content-moderated:Sexual Content|Violence]" } },
  parameters: { msw: mockApi({ durationMs: 400 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "moderated");
    await expect(canvas.getByText(/generated image was flagged/)).toBeVisible();
    await expect(canvas.getByText(/Sexual Content, Violence/, { selector: "p" })).toBeVisible();
    await expect(canvas.getByRole("status")).toHaveTextContent("Reasons: Sexual Content, Violence.");
  },
};

export const ModeratedRequest: Story = {
  args: { input: { prompt: "Something flagged [mock:request-moderated:Derivative Works]" } },
  parameters: { msw: mockApi({ durationMs: 400 }).handlers },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, "moderated");
    await expect(within(canvasElement).getByText(/flagged before generation started/)).toBeVisible();
  },
};

export const FailedCredits: Story = {
  args: { client: { retry: false } },
  parameters: { msw: mockApi({ credits: 0 }).handlers },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, "failed");
    await expect(within(canvasElement).getByText(/out of credits/, { selector: "p" })).toBeVisible();
  },
};

export const FailedAuth: Story = {
  args: { client: { retry: false } },
  // the stand-in proxy sends a key the mock refuses: as if the server's BFL key were wrong
  parameters: { msw: mockApi({ requireAuth: true }, undefined, { proxyKey: "revoked-key" }).handlers },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, "failed");
    await expect(within(canvasElement).getByText(/could not authenticate/, { selector: "p" })).toBeVisible();
    await expect(within(canvasElement).queryByRole("button", { name: "Try again" })).toBeNull();
  },
};

export const FailedRateLimit: Story = {
  args: { client: { retry: false } },
  parameters: { msw: mockApi({ maxActiveTasks: 0, retryAfter: 30 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "failed");
    await expect(canvas.getByText(/try again in \d+ s/, { selector: "p" })).toBeVisible();
    await expect(canvas.getByRole("button", { name: /Try again \(\d+ s\)/ })).toBeDisabled();
  },
};

export const FailedValidation: Story = {
  // the server's 422 (local checks off, so the request is sent)
  args: { client: { retry: false, validate: false }, input: { prompt: "A fox", width: 1000, height: 768 } },
  parameters: { msw: mockApi().handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "failed");
    await expect(canvas.getByText(/Some settings were rejected/, { selector: "p" })).toBeVisible();
    await expect(canvas.getByRole("listitem")).toHaveTextContent(/width/);
  },
};

export const FailedServer: Story = {
  args: { client: { retry: false } },
  parameters: {
    msw: mockApi({}, (m) => m.injectFault({ kind: "status", status: 503 }, { route: "poll", times: 50 }))
      .handlers,
  },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, "failed");
    await expect(within(canvasElement).getByText(/had a problem/, { selector: "p" })).toBeVisible();
  },
};

export const FailedNetwork: Story = {
  args: { client: { retry: false } },
  // every poll's connection drops: the task may still finish, so Try again watches it again
  parameters: {
    msw: mockApi({}, (m) => m.injectFault({ kind: "reset" }, { route: "poll", times: 50 })).handlers,
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "failed");
    await expect(canvas.getByText(/connection failed/, { selector: "p" })).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Try again" })).toBeEnabled();
  },
};

export const FailedUncertain: Story = {
  args: { client: { retry: false } },
  // a 500 on the submit: the task may exist (and be billed), so nothing is retried by itself
  parameters: {
    msw: mockApi({}, (m) => m.injectFault({ kind: "status", status: 500 }, { route: "submit" })).handlers,
  },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, "failed");
    await expect(canvasElement.querySelector(".flux-viewer")).toHaveAttribute(
      "data-error",
      "submit_uncertain",
    );
    await expect(
      within(canvasElement).getByText(/may have reached the service/, { selector: "p" }),
    ).toBeVisible();
  },
};

export const FailedGeneration: Story = {
  args: { input: { prompt: "A fox [mock:error:GPU fell over]" } },
  parameters: { msw: mockApi({ durationMs: 300 }).handlers },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, "failed");
    await expect(
      within(canvasElement).getByText(/could not generate this image/, { selector: "p" }),
    ).toBeVisible();
  },
};

export const Cancelled: Story = {
  args: { input: { prompt: "A slow fox [mock:stuck]" } },
  parameters: { msw: mockApi().handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "pending");
    await userEvent.click(canvas.getByRole("button", { name: "Stop waiting" }));
    await waitForState(canvasElement, "cancelled");
    await expect(canvas.getByText(/may still be generated and billed/)).toBeVisible();
    // focus moves to the new view, not to the page
    await waitFor(() => expect(canvas.getByRole("heading", { name: "Stopped waiting" })).toHaveFocus());
  },
};

export const TimedOut: Story = {
  args: { input: { prompt: "A stuck fox [mock:stuck]" }, hook: { timeoutMs: 1500 } },
  parameters: { msw: mockApi().handlers },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, "timed-out");
    await expect(within(canvasElement).getByRole("button", { name: "Keep waiting" })).toBeVisible();
  },
};

export const Expired: Story = {
  // delivery URLs that last 2 seconds instead of 10 minutes
  parameters: { msw: mockApi({ durationMs: 300, deliveryTtlMs: 2000 }).handlers },
  play: async ({ canvasElement }) => {
    await waitForState(canvasElement, "ready");
    await waitForState(canvasElement, "expired");
    await expect(within(canvasElement).getByRole("button", { name: "Generate again" })).toBeVisible();
  },
};

/** The app persisted the image (`persistImage`): the copy is shown and linked, and nothing counts down. */
export const ReadyPersisted: Story = {
  args: {
    hook: {
      persistImage: async (result) => {
        const blob = await (await fetch(result.url)).blob();
        return URL.createObjectURL(blob);
      },
    },
  },
  parameters: { msw: mockApi({ durationMs: 300, deliveryTtlMs: 2000 }).handlers },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await waitForState(canvasElement, "ready");
    await waitFor(
      () =>
        expect(canvas.getByRole("img", { name: /Generated image/ }).getAttribute("src")).toMatch(/^blob:/),
      TIMEOUT,
    );
    await expect(canvas.getByRole("link", { name: "Download" }).getAttribute("href")).toMatch(/^blob:/);
    await expect(canvas.queryByText(/Link expires in/)).toBeNull();
    // the delivery URL lasts 2 s; the persisted copy outlives it
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await expect(stateOf(canvasElement)).toBe("ready");
  },
};

/** The dark theme (axe checks its colour contrast too). */
export const ReadyDark: Story = { ...Ready, globals: { theme: "dark" } };
export const FailedCreditsDark: Story = { ...FailedCredits, globals: { theme: "dark" } };
export const ModeratedContentDark: Story = {
  ...ModeratedContent,
  globals: { theme: "dark" },
  play: async (context) => {
    await ModeratedContent.play?.(context);
    const viewer = context.canvasElement.querySelector(".flux-viewer")!;
    // the dark palette is in force: a dark surface behind the viewer
    await expect(getComputedStyle(viewer).backgroundColor).toBe("rgb(25, 28, 35)");
  },
};
