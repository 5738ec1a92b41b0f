import "fake-indexeddb/auto";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { createFluxClient, fixedPolling } from "@flux-kit/core";
import { createMockBfl, createMockHandlers } from "@flux-kit/mock/msw";
import { FluxProvider } from "@flux-kit/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FluxStudio } from "../src/FluxStudio";

const BASE = "https://app.test/api/flux";
const mock = createMockBfl({ requireAuth: false, durationMs: 40, seed: "studio-kept" });
const server = setupServer(...createMockHandlers(mock, { baseUrl: BASE }));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

function renderStudio() {
  const client = createFluxClient({ baseUrl: BASE, poll: { policy: fixedPolling(20) } });
  return render(
    <FluxProvider client={client}>
      <FluxStudio persistKey="kept-test" defaultValue={{ model: "flux-2-klein-4b" }} />
    </FluxProvider>,
  );
}

const OPTIONS = { timeout: 25_000 };

async function generate(user: ReturnType<typeof userEvent.setup>, prompt: string) {
  const box = screen.getByRole("textbox", { name: "Prompt" });
  await user.clear(box);
  await user.type(box, `${prompt}{Control>}{Enter}{/Control}`);
}

describe("FluxStudio keeps its images in the browser (IndexedDB)", { timeout: 30_000 }, () => {
  it("a later session shows them from their own bytes: searchable, used again, deleted", async () => {
    const user = userEvent.setup();
    const first = renderStudio();
    await generate(user, "A red fox");
    const history = () => screen.getByRole("region", { name: "Your images" });
    await within(history()).findByRole("button", { name: "Show image: A red fox" }, OPTIONS);
    await generate(user, "A grey heron");
    await within(history()).findByRole("button", { name: "Show image: A grey heron" }, OPTIONS);
    // kept once each image's bytes are read: wait until a fresh studio would see both
    const { openHistory } = await import("../src/historyStore");
    await waitFor(
      async () => expect(await openHistory({ name: "kept-test:history" }).list()).toHaveLength(2),
      OPTIONS,
    );
    const stored = await openHistory({ name: "kept-test:history" }).list();
    // BFL's delivery links lapse in minutes: each image is kept as bytes, its link is not kept at all
    expect(stored.map((e) => e.url)).toEqual([undefined, undefined]);
    expect(JSON.stringify(stored.map(({ image: _image, ...rest }) => rest))).not.toMatch(/delivery|https?:/);
    for (const e of stored) expect(e.image.bytes.byteLength).toBeGreaterThan(100);
    first.unmount();

    // a new session: nothing in sessionStorage, and the delivery links long gone
    sessionStorage.clear();
    mock.reset();
    renderStudio();
    const fox = await within(history()).findByRole("button", { name: "Show image: A red fox" }, OPTIONS);
    expect(fox.querySelector("img")!.getAttribute("src")).toMatch(/^blob:/);
    await user.click(fox);
    const shown = await screen.findByRole("img", { name: "Generated image: A red fox" });
    expect(shown.getAttribute("src")).toMatch(/^blob:/);
    // the full-screen view's arrows move through the kept images too (newest first: the heron, then the fox)
    await user.click(screen.getByRole("button", { name: "Full screen" }));
    const viewer = await screen.findByRole("dialog", { name: "Image viewer" });
    expect(within(viewer).getByText("2 of 2")).toBeInTheDocument();
    await user.keyboard("{ArrowLeft}");
    expect(within(viewer).getByRole("img", { name: "Generated image: A grey heron" })).toHaveAttribute(
      "src",
      expect.stringMatching(/^blob:/) as string,
    );
    await user.click(within(viewer).getByRole("button", { name: "Close" }));

    await user.type(within(history()).getByRole("searchbox", { name: "Search your images" }), "heron");
    expect(within(history()).queryByRole("button", { name: "Show image: A red fox" })).toBeNull();
    await user.click(within(history()).getByRole("button", { name: "Use again: A grey heron" }));
    expect(screen.getByRole("textbox", { name: "Prompt" })).toHaveValue("A grey heron");

    await user.click(within(history()).getByRole("button", { name: "Delete: A grey heron" }));
    await waitFor(() =>
      expect(within(history()).queryByRole("button", { name: "Show image: A grey heron" })).toBeNull(),
    );
    expect((await openHistory({ name: "kept-test:history" }).list()).map((e) => e.prompt)).toEqual([
      "A red fox",
    ]);
    // nothing was generated again
    expect(mock.requests.filter((r) => r.route === "submit")).toHaveLength(0);
  });
});
