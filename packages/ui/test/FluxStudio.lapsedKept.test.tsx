import "fake-indexeddb/auto";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { createFluxClient, fixedPolling } from "@flux-kit/core";
import { createMockBfl, createMockHandlers } from "@flux-kit/mock/msw";
import { FluxProvider } from "@flux-kit/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FluxStudio } from "../src/FluxStudio";
import { openHistory } from "../src/historyStore";

// An image of this session, already kept in IndexedDB, outlives its delivery link: the history and the viewer show
// the kept copy, not the lapsed link and "expired" (which asked the person to generate it again, billed).
const BASE = "https://app.test/api/flux";
// delivery links that lapse within the test: the tray marks the job expired when they do
const mock = createMockBfl({
  requireAuth: false,
  durationMs: 40,
  seed: "studio-lapsed-kept",
  deliveryTtlMs: 1_500,
});
const server = setupServer(...createMockHandlers(mock, { baseUrl: BASE }));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("FluxStudio, once a kept image's link lapses", { timeout: 30_000 }, () => {
  it("shows the kept copy in the history and the viewer, where the job is still in the tray", async () => {
    const user = userEvent.setup();
    const client = createFluxClient({ baseUrl: BASE, poll: { policy: fixedPolling(20) } });
    const { container } = render(
      <FluxProvider client={client}>
        <FluxStudio persistKey="lapsed-kept" defaultValue={{ model: "flux-2-klein-4b" }} />
      </FluxProvider>,
    );
    await user.type(screen.getByRole("textbox", { name: "Prompt" }), "A red fox{Control>}{Enter}{/Control}");
    const history = screen.getByRole("region", { name: "Your images" });
    await within(history).findByRole("button", { name: "Show image: A red fox" }, { timeout: 20_000 });
    await waitFor(
      async () => expect(await openHistory({ name: "lapsed-kept:history" }).list()).toHaveLength(1),
      {
        timeout: 20_000,
      },
    );
    const viewer = () => container.querySelector(".flux-viewer")!;
    // past the link's lifetime: the tray's job is expired, its copy is still here
    await waitFor(
      () => {
        const thumb = within(history).getByRole("button", { name: "Show image: A red fox" });
        expect(thumb.querySelector("img")?.getAttribute("src")).toMatch(/^blob:/);
        expect(viewer()).toHaveAttribute("data-state", "ready");
        expect(
          within(viewer() as HTMLElement)
            .getByRole("img")
            .getAttribute("src"),
        ).toMatch(/^blob:/);
      },
      { timeout: 20_000 },
    );
    await user.click(within(history).getByRole("button", { name: "Show image: A red fox" }));
    expect(viewer()).toHaveAttribute("data-state", "ready");
    expect(screen.queryByText(/has expired/)).toBeNull();
  });
});
