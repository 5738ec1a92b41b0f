import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { createFluxClient, fixedPolling } from "@flux-kit/core";
import { createMockBfl, createMockHandlers } from "@flux-kit/mock/msw";
import { FluxProvider } from "@flux-kit/react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FluxStudio } from "../src/FluxStudio";

// Private mode, a sandboxed iframe: IndexedDB is there but refuses. The images cannot be kept, and must not be
// downloaded again at every render trying to (typing a prompt once re-fetched the image eleven times).
const BASE = "https://app.test/api/flux";
const mock = createMockBfl({ requireAuth: false, durationMs: 40, seed: "studio-blocked-history" });
const server = setupServer(...createMockHandlers(mock, { baseUrl: BASE }));
const imageGets: string[] = [];
server.events.on("request:start", ({ request }) => {
  if (request.method === "GET" && new URL(request.url).pathname.includes("/results/"))
    imageGets.push(request.url);
});
const realIndexedDB = globalThis.indexedDB;
beforeAll(() => {
  Object.defineProperty(globalThis, "indexedDB", {
    configurable: true,
    value: {
      open() {
        throw new DOMException(
          "access to the Indexed Database API is denied in this context",
          "SecurityError",
        );
      },
    },
  });
  server.listen({ onUnhandledRequest: "error" });
});
afterAll(() => {
  server.close();
  Object.defineProperty(globalThis, "indexedDB", { configurable: true, value: realIndexedDB });
});

describe("FluxStudio where IndexedDB is blocked", { timeout: 30_000 }, () => {
  it("shows the session's images, and fetches none of them again while the person types", async () => {
    const user = userEvent.setup();
    const client = createFluxClient({ baseUrl: BASE, poll: { policy: fixedPolling(20) } });
    render(
      <FluxProvider client={client}>
        <FluxStudio persistKey="blocked-history" defaultValue={{ model: "flux-2-klein-4b" }} />
      </FluxProvider>,
    );
    const box = screen.getByRole("textbox", { name: "Prompt" });
    await user.type(box, "A red fox{Control>}{Enter}{/Control}");
    const history = screen.getByRole("region", { name: "Your images" });
    await within(history).findByRole("button", { name: "Show image: A red fox" }, { timeout: 20_000 });
    const before = imageGets.length;
    // each keystroke renders the studio again
    await user.type(box, " in the snow at dusk");
    expect(imageGets.length - before).toBe(0);
  });
});
