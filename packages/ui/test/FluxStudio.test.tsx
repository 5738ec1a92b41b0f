import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setupServer } from "msw/node";
import { createFluxClient, fixedPolling, getModel } from "@flux-kit/core";
import { createMockBfl, createMockHandlers } from "@flux-kit/mock/msw";
import { FluxProvider } from "@flux-kit/react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FluxStudio } from "../src/FluxStudio";
import { expectNoAxeViolations } from "./axe";

const BASE = "https://app.test/api/flux";
const mock = createMockBfl({ requireAuth: false, durationMs: 40, seed: "studio-test" });
const server = setupServer(...createMockHandlers(mock, { baseUrl: BASE }));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => mock.reset());
afterAll(() => server.close());

function renderStudio() {
  const client = createFluxClient({ baseUrl: BASE, poll: { policy: fixedPolling(20) } });
  return render(
    <FluxProvider client={client}>
      <FluxStudio persist={false} defaultValue={{ model: "flux-2-klein-4b" }} />
    </FluxProvider>,
  );
}

// Real work, not waiting: each test renders the whole studio in happy-dom, runs generations through the real
// hook, MSW and the mock (which signs with WebCrypto), and the first audits the page with axe; about 1 s idle,
// past 5 s on a loaded CI machine. The waits are for what appears (findBy*, waitFor), bounded just inside it.
const TEST = { timeout: 30_000 };
const OPTIONS = { timeout: 25_000 };

describe("FluxStudio with the real hook and the mock API", TEST, () => {
  it("generates, lists the result in history, reopens it and re-runs it with the same seed", async () => {
    const user = userEvent.setup();
    const { container } = renderStudio();
    await user.type(screen.getByRole("textbox", { name: "Prompt" }), "A red fox{Control>}{Enter}{/Control}");

    const img = await screen.findByRole("img", { name: "Generated image: A red fox" }, OPTIONS);
    expect(img.getAttribute("src")).toContain("/api/flux/results/");
    const seed = screen.getByText("Seed", { selector: "dt" }).nextElementSibling!.textContent;
    // the mock delivers on the page's own origin, which is no BFL delivery host: linked as it is (same origin,
    // so `download` works), not through the image route, which would refuse it
    expect(screen.getByRole("link", { name: "Download" })).toHaveAttribute(
      "href",
      expect.stringMatching(/^https:\/\/app\.test\/api\/flux\/results\//),
    );
    const history = screen.getByRole("region", { name: "Your images" });
    expect(within(history).getAllByRole("button", { name: /^Show image:/ })).toHaveLength(1);
    expect(container.querySelector(".flux-studio")).toHaveAttribute("data-state", "ready");
    await expectNoAxeViolations(container);

    await user.click(within(history).getByRole("button", { name: "Re-run with same seed: A red fox" }));
    await waitFor(
      () => expect(within(history).getAllByRole("button", { name: /^Show image:/ })).toHaveLength(2),
      OPTIONS,
    );
    const submits = mock.requests.filter((r) => r.route === "submit");
    expect(submits).toHaveLength(2);
    expect(screen.getByText("Seed", { selector: "dt" }).nextElementSibling).toHaveTextContent(seed);
    expect(mock.tasks.map((t) => t.seed)).toEqual([Number(seed), Number(seed)]);
  });

  it("sends each submit to the model picked just before it", async () => {
    const user = userEvent.setup();
    renderStudio();
    const history = screen.getByRole("region", { name: "Your images" });
    const shownModel = () => screen.getByText("Model", { selector: "dt" }).nextElementSibling?.textContent;
    await user.click(screen.getByRole("textbox", { name: "Prompt" }));
    await user.paste("A red fox");
    await user.selectOptions(screen.getByRole("combobox", { name: "Model" }), "flux-2-pro");
    await user.click(screen.getByRole("button", { name: "Generate" }));
    await screen.findByRole("img", { name: "Generated image: A red fox" }, OPTIONS);
    expect(shownModel()).toBe(getModel("flux-2-pro").label);

    await user.selectOptions(screen.getByRole("combobox", { name: "Model" }), "flux-kontext-pro");
    await user.click(screen.getByRole("button", { name: "Generate" }));
    await waitFor(
      () => expect(within(history).getAllByRole("button", { name: /^Show image:/ })).toHaveLength(2),
      OPTIONS,
    );
    expect(shownModel()).toBe(getModel("flux-kontext-pro").label);
    const submitted = mock.requests.filter((r) => r.route === "submit").map((r) => new URL(r.url).pathname);
    expect(submitted).toEqual(["/api/flux/v1/flux-2-pro", "/api/flux/v1/flux-kontext-pro"]);
  });

  it("shows moderation from the mock through the real hook", async () => {
    const user = userEvent.setup();
    renderStudio();
    // pasted: typing it key by key re-renders the studio 45 times for nothing this test checks
    await user.click(screen.getByRole("textbox", { name: "Prompt" }));
    await user.paste("x [mock:request-moderated:Derivative Works]");
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(await screen.findByText(/flagged before generation started/, {}, OPTIONS)).toBeInTheDocument();
    expect(screen.getByText("Reasons: Derivative Works")).toBeInTheDocument();
  });

  it("sends nothing while the form is invalid", async () => {
    const user = userEvent.setup();
    renderStudio();
    await user.click(screen.getByRole("button", { name: "Generate" }));
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: "Prompt" })).toHaveAttribute("aria-invalid", "true"),
    );
    // nothing submitted or polled (the studio only asks which models the proxy allows, a route the mock lacks)
    expect(mock.requests.filter((r) => r.route !== "unknown")).toHaveLength(0);
  });
});
