import { useState } from "react";
import { expect, test, vi } from "vitest";
import { render } from "vitest-browser-react";
import { ResultViewer } from "../src/ResultViewer";
import type { GenerationView } from "../src/generationView";
import "../src/styles.css";

// The failure views are a part loaded on demand. Until it is there the viewer shows a fallback heading, which takes
// the focus of the button it replaced; then the part replaces the fallback, with no new view. The focus went to the
// page then (on a busy machine the part loads after the click: a fresh-clone CI failure).
const views = vi.hoisted(() => {
  let release!: () => void;
  return { loaded: new Promise<void>((resolve) => (release = resolve)), release: () => release() };
});
vi.mock("../src/ProblemView", async (importOriginal) => {
  await views.loaded;
  return importOriginal();
});

function Pending() {
  const [status, setStatus] = useState<GenerationView["status"]>("pending");
  return (
    <ResultViewer generation={{ status, cancel: () => setStatus("cancelled"), resume: () => undefined }} />
  );
}

test("focus stays in the viewer when the failure view's part replaces its fallback", async () => {
  const screen = await render(<Pending />);
  await screen.getByRole("button", { name: "Stop waiting" }).click();
  // the fallback's heading, while the part loads
  await expect.element(screen.getByRole("heading", { name: "Stopped waiting" })).toHaveFocus();
  expect(document.querySelector(".flux-problem p")).toBeNull();

  views.release();
  // the part's own view: its explanation, and its heading with the focus
  await expect.element(screen.getByText(/cannot cancel a started task/)).toBeVisible();
  await expect.element(screen.getByRole("heading", { name: "Stopped waiting" })).toHaveFocus();
});
