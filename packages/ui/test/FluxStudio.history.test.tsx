import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { createFluxClient, fixedPolling } from "@flux-kit/core";
import { createMockBfl, createMockHandlers } from "@flux-kit/mock/msw";
import { FluxProvider } from "@flux-kit/react";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { FluxStudio, type FluxStudioProps } from "../src/FluxStudio";

const BASE = "https://app.test/api/flux";
const KEPT = "https://cdn.app.test/kept";
const mock = createMockBfl({ requireAuth: false, durationMs: 40, seed: "studio-history" });
const server = setupServer(
  ...createMockHandlers(mock, { baseUrl: BASE }),
  http.get(`${KEPT}/*`, () => new HttpResponse(new Uint8Array([0xff, 0xd8]), { status: 200 })),
);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  vi.useRealTimers();
  server.resetHandlers();
  mock.reset();
});
afterAll(() => server.close());

/** What a proxy whose `onResult` hook persisted the image answers: `result.sample` is your permanent copy. */
const persistedByProxy = http.get(`${BASE}/v1/get_result`, async ({ request }) => {
  const outcome = await mock.handle(request, { basePath: "/api/flux" });
  if (outcome.kind === "reset") return HttpResponse.error();
  const body = (await outcome.response.json()) as { id: string; result?: { sample?: string } | null };
  if (body.result?.sample) body.result.sample = `${KEPT}/${body.id}.jpeg`;
  return HttpResponse.json(body, { status: outcome.response.status });
});

function renderStudio(props: Partial<FluxStudioProps> = {}) {
  const client = createFluxClient({ baseUrl: BASE, poll: { policy: fixedPolling(20) } });
  return render(
    <FluxProvider client={client}>
      <FluxStudio persist={false} defaultValue={{ model: "flux-2-klein-4b" }} {...props} />
    </FluxProvider>,
  );
}

// Real work, not waiting: each test renders the whole studio in happy-dom and runs a generation through the
// real hook, MSW and the mock (which signs with WebCrypto); up to 1 s idle, past 5 s on a loaded CI machine.
// The waits are for what appears (findBy*, waitFor), bounded just inside the test's own timeout.
const TEST = { timeout: 30_000 };
const OPTIONS = { timeout: 25_000 };

/** Generates "A red fox", then moves the clock 11 minutes on (past a delivery URL's 10) and reopens the result. */
async function generateThenReopenLater(props: Partial<FluxStudioProps> = {}) {
  const user = userEvent.setup();
  const { container } = renderStudio(props);
  await user.type(screen.getByRole("textbox", { name: "Prompt" }), "A red fox{Control>}{Enter}{/Control}");
  await screen.findByRole("img", { name: "Generated image: A red fox" }, OPTIONS);
  const history = screen.getByRole("region", { name: "Your images" });
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + 11 * 60_000);
  await user.click(within(history).getByRole("button", { name: "Show image: A red fox" }));
  return { container, history };
}

describe("FluxStudio history and expiry", TEST, () => {
  it("a reopened delivery URL turns expired after its lifetime", async () => {
    const { container } = await generateThenReopenLater();
    expect(container.querySelector(".flux-viewer")).toHaveAttribute("data-state", "expired");
    expect(screen.getByRole("button", { name: "Generate again" })).toBeInTheDocument();
  });

  it("a result the proxy persisted (onResult) reopens as ready long after 10 minutes", async () => {
    server.use(persistedByProxy);
    const { container, history } = await generateThenReopenLater();
    expect(container.querySelector(".flux-viewer")).toHaveAttribute("data-state", "ready");
    const img = screen.getByRole("img", { name: "Generated image: A red fox" });
    expect(img.getAttribute("src")).toMatch(/^https:\/\/cdn\.app\.test\/kept\//);
    expect(screen.getByRole("link", { name: "Download" })).toHaveAttribute("href", img.getAttribute("src"));
    expect(screen.queryByText(/Link expires in/)).toBeNull();
    expect(history.querySelector("img")!).toHaveAttribute("src", img.getAttribute("src"));
  });

  it("an image kept by persistImage is shown, listed and reopened as ready without expiry", async () => {
    const persistImage = vi.fn((result: { id: string }) => Promise.resolve(`${KEPT}/${result.id}.png`));
    const { container } = renderStudio({ persistImage });
    const user = userEvent.setup();
    await user.type(screen.getByRole("textbox", { name: "Prompt" }), "A red fox{Control>}{Enter}{/Control}");
    const history = screen.getByRole("region", { name: "Your images" });
    // the viewer and the history switch to the persisted copy once persistImage resolves
    await vi.waitFor(
      () => expect(history.querySelector("img")!.getAttribute("src")).toMatch(/^https:\/\/cdn/),
      OPTIONS,
    );
    expect(persistImage).toHaveBeenCalledTimes(1);
    const kept = history.querySelector("img")!.getAttribute("src");
    expect(screen.getByRole("img", { name: "Generated image: A red fox" })).toHaveAttribute("src", kept);
    expect(screen.queryByText(/Link expires in/)).toBeNull();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 11 * 60_000);
    await user.click(within(history).getByRole("button", { name: "Show image: A red fox" }));
    expect(container.querySelector(".flux-viewer")).toHaveAttribute("data-state", "ready");
    expect(screen.getByRole("img", { name: "Generated image: A red fox" })).toHaveAttribute("src", kept);
  });
});
