import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { createFluxClient, fixedPolling } from "@flux-kit/core";
import { createMockBfl, createMockHandlers } from "@flux-kit/mock/msw";
import { FluxProvider } from "@flux-kit/react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FluxStudio } from "../src/FluxStudio";

const BASE = "https://app.test/api/flux";
const mock = createMockBfl({ requireAuth: false, durationMs: 40, seed: "studio-uncertain" });
const server = setupServer(...createMockHandlers(mock, { baseUrl: BASE }));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  mock.reset();
});
afterAll(() => server.close());

/** The mock creates the task, but its answer arrives unreadable (a `cost` that is not a number): uncertain. */
const garbledSubmit = http.post(`${BASE}/v1/:model`, async ({ request }) => {
  const outcome = await mock.handle(request, { basePath: "/api/flux" });
  if (outcome.kind === "reset") return HttpResponse.error();
  const body = (await outcome.response.json()) as Record<string, unknown>;
  return HttpResponse.json({ ...body, cost: "lots" }, { status: outcome.response.status });
});

const TEST = { timeout: 30_000 };
const OPTIONS = { timeout: 25_000 };

describe("FluxStudio after an uncertain submit (#14, defect 9)", TEST, () => {
  it("Check for the image finds the task the garbled answer named and shows it, with one task submitted", async () => {
    server.use(garbledSubmit);
    const user = userEvent.setup();
    const client = createFluxClient({ baseUrl: BASE, poll: { policy: fixedPolling(20) } });
    render(
      <FluxProvider client={client}>
        <FluxStudio persist={false} defaultValue={{ model: "flux-2-klein-4b" }} />
      </FluxProvider>,
    );
    await user.type(screen.getByRole("textbox", { name: "Prompt" }), "A red fox{Control>}{Enter}{/Control}");
    await user.click(await screen.findByRole("button", { name: "Check for the image" }, OPTIONS));
    await screen.findByRole("img", { name: "Generated image: A red fox" }, OPTIONS);
    expect(document.querySelector(".flux-studio")).toHaveAttribute("data-state", "ready");
    expect(mock.requests.filter((r) => r.route === "submit")).toHaveLength(1);
  });
});
