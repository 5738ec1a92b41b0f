import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { JobList, type JobListItem } from "../src/JobList";

// A FLUX 3 job's line named its stage as the viewer does: the tray said "Generating your image…" while the
// viewer said "Reasoning…" for the same job.
describe("JobList: a running job's line", () => {
  const line = (state: JobListItem["state"]) => {
    render(
      <JobList
        jobs={[{ id: "job-1", prompt: "A lighthouse", state }]}
        onSelect={() => undefined}
        onCancel={() => undefined}
        onDismiss={() => undefined}
      />,
    );
    // the line's own button (its Cancel names the prompt too)
    return screen.getByRole("button", { name: /^A lighthouse/ });
  };

  it.each([
    ["reasoning", "Reasoning…"],
    ["generating", "Generating…"],
  ] as const)("names FLUX 3's %s stage, as the viewer does", (stage, title) => {
    expect(line({ status: "pending", progress: undefined, waiting: undefined, stage })).toHaveTextContent(
      title,
    );
  });

  it("says it is being generated, with its progress, before any stage", () => {
    expect(
      line({ status: "pending", progress: 0.4, waiting: undefined, stage: "pending" }),
    ).toHaveTextContent("Generating your image… 40%");
  });
});
