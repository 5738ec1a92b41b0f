// @vitest-environment node
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { FluxProvider, useFluxGeneration, useFluxResult } from "./index";

function Page() {
  const gen = useFluxGeneration({ model: "flux-2-pro" });
  const watched = useFluxResult("some-task");
  return (
    <p>
      {gen.status}/{watched.status}
    </p>
  );
}

describe("SSR", () => {
  it("imports and renders on a server with no window, storage or request", () => {
    expect(typeof window).toBe("undefined");
    const html = renderToString(
      <FluxProvider>
        <Page />
      </FluxProvider>,
    );
    expect(html).toContain("idle<!-- -->/<!-- -->idle");
  });
});
