import { render, screen } from "@testing-library/react";
import { FluxAuthError } from "@flux-kit/core";
import { errorFromResponse } from "@flux-kit/core/internal";
import { describe, expect, it, vi } from "vitest";
import { ResultViewer } from "../src/ResultViewer";
import { defaultLabels } from "../src/defaultLabels";

const live = () => screen.getByRole("status");
/** The error the client makes of a proxy's refusal, as the wire carries it. */
const refused = (status: number, code: string, retryAfterMs?: number) =>
  errorFromResponse({ status, body: { detail: "Refused by the proxy.", code }, retryAfterMs });

describe("ResultViewer: a message per proxy refusal", () => {
  it.each([
    ["unauthenticated", refused(401, "unauthenticated"), /Sign in to generate images\./],
    ["forbidden", refused(403, "forbidden"), /account is not allowed to generate images here/],
    ["model_not_enabled", refused(403, "model_not_enabled"), /model is not enabled on this server/],
    ["origin_not_allowed", refused(403, "origin_not_allowed"), /must add its origin to allowedOrigins/],
    ["misconfigured", refused(500, "misconfigured"), /not set up on this server/],
  ])("%s: its own message, never the API key, and no pointless Try again", (code, error, message) => {
    const { container } = render(<ResultViewer generation={{ status: "failed", error, retry: vi.fn() }} />);
    expect(container.firstChild).toHaveAttribute("data-error", code);
    expect(screen.getByText(message, { selector: "p" })).toBeInTheDocument();
    expect(live()).toHaveTextContent(message);
    expect(container).not.toHaveTextContent(/API key|authenticate/);
    expect(screen.queryByRole("button", { name: /Try again/ })).toBeNull();
  });

  it("BFL's own 401/403 (no proxy code) still says the server's API key is the problem", () => {
    const error = errorFromResponse({ status: 403, body: { detail: "Invalid Authentication" } });
    expect(error).toBeInstanceOf(FluxAuthError);
    render(<ResultViewer generation={{ status: "failed", error }} />);
    expect(screen.getByText(/check the API key/, { selector: "p" })).toBeInTheDocument();
  });

  it("client_limit: this user's own limit, not everyone's, with the wait", () => {
    const { container } = render(
      <ResultViewer
        generation={{ status: "failed", error: refused(429, "client_limit", 5_000), retry: vi.fn() }}
      />,
    );
    expect(container.firstChild).toHaveAttribute("data-error", "rate_limited");
    expect(screen.getByText("You have too many images in progress. Try again in 5 s.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again (5 s)" })).toBeDisabled();
  });

  it("BFL's account-wide 429 keeps its message", () => {
    const error = errorFromResponse({ status: 429, body: { detail: "Too many active tasks" } });
    render(<ResultViewer generation={{ status: "failed", error }} />);
    expect(
      screen.getByText(/Too many images are being generated at once/, { selector: "p" }),
    ).toBeInTheDocument();
  });

  it("body_timeout (408) is a connection problem worth retrying", () => {
    render(
      <ResultViewer generation={{ status: "failed", error: refused(408, "body_timeout"), retry: vi.fn() }} />,
    );
    expect(screen.getByText(defaultLabels.networkMessage, { selector: "p" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Try again" })).toBeInTheDocument();
  });

  it("body_too_large (413) lists what the server said, like a rejected setting", () => {
    render(<ResultViewer generation={{ status: "failed", error: refused(413, "body_too_large") }} />);
    expect(screen.getByText(/Some settings were rejected/, { selector: "p" })).toBeInTheDocument();
    expect(screen.getByRole("listitem")).toHaveTextContent("Refused by the proxy.");
  });

  it("each message can be reworded through labels", () => {
    render(
      <ResultViewer
        generation={{ status: "failed", error: refused(401, "unauthenticated") }}
        labels={{ unauthenticatedMessage: "Connectez-vous pour générer des images." }}
      />,
    );
    expect(
      screen.getByText("Connectez-vous pour générer des images.", { selector: "p" }),
    ).toBeInTheDocument();
  });
});
