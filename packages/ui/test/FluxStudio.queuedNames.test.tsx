import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { setupServer } from "msw/node";
import { createFluxClient, fixedPolling } from "@flux-kit/core";
import { createMockBfl, createMockHandlers } from "@flux-kit/mock/msw";
import { FluxProvider } from "@flux-kit/react";
import { afterAll, beforeAll, expect, it } from "vitest";
import { FluxStudio } from "../src/FluxStudio";

const BASE = "https://app.test/api/flux";
const mock = createMockBfl({ requireAuth: false, durationMs: 40, seed: "studio-queued" });
const server = setupServer(...createMockHandlers(mock, { baseUrl: BASE }));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

// A fresh file, so the form's checks (a chunk loaded on demand) are not there yet when the first submits come:
// those wait in order, and each job must keep the name of the prompt it was sent with.
it("submits made while the checks load are each named by their own prompt, not the last one typed", async () => {
  const client = createFluxClient({ baseUrl: BASE, poll: { policy: fixedPolling(20) } });
  render(
    <FluxProvider client={client}>
      <FluxStudio persist={false} defaultValue={{ model: "flux-2-klein-4b" }} />
    </FluxProvider>,
  );
  const prompt = screen.getByRole("textbox", { name: "Prompt" });
  for (const text of ["A fox", "An owl"]) {
    fireEvent.change(prompt, { target: { value: text } });
    fireEvent.keyDown(prompt, { key: "Enter", ctrlKey: true });
  }
  const history = await screen.findByRole("region", { name: "Your images" }, { timeout: 25_000 });
  await waitFor(
    () => expect(within(history).getAllByRole("button", { name: /^Show image:/ })).toHaveLength(2),
    { timeout: 25_000 },
  );
  const names = within(history)
    .getAllByRole("button", { name: /^Show image:/ })
    .map((b) => b.getAttribute("aria-label"));
  expect(names.sort()).toEqual(["Show image: A fox", "Show image: An owl"]);
}, 30_000);
