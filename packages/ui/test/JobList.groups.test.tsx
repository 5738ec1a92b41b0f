import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { JobList, type JobListItem } from "../src/JobList";

// A job refused with a 401 (or failed, cancelled, timed out) stayed under the tray's "In progress" heading, counted
// with the running ones, beside a Dismiss button: the heading said it was still being made.
describe("JobList: running jobs and jobs that ended without an image", () => {
  const job = (id: string, status: JobListItem["state"]["status"]): JobListItem => ({
    id,
    prompt: `Prompt ${id}`,
    state: { status, progress: undefined, waiting: undefined },
  });
  const tray = (jobs: JobListItem[]) =>
    render(
      <JobList
        jobs={jobs}
        onSelect={() => undefined}
        onCancel={() => undefined}
        onDismiss={() => undefined}
      />,
    );

  it("lists each under its own heading, with its own count", () => {
    tray([job("a", "pending"), job("b", "failed"), job("c", "submitting"), job("d", "cancelled")]);
    const region = screen.getByRole("region", { name: "Jobs" });
    const running = within(region).getByRole("group", { name: "In progress" });
    const ended = within(region).getByRole("group", { name: "Ended without an image" });
    expect(within(running).getByRole("heading")).toHaveTextContent("In progress (2)");
    expect(within(ended).getByRole("heading")).toHaveTextContent("Ended without an image (2)");
    const prompts = (group: HTMLElement) =>
      within(group)
        .getAllByRole("listitem")
        .map((item) => item.querySelector(".flux-job-prompt")?.textContent);
    expect(prompts(running)).toEqual(["Prompt a", "Prompt c"]);
    expect(prompts(ended)).toEqual(["Prompt b", "Prompt d"]);
    expect(within(ended).getAllByRole("button", { name: /^Dismiss/ })).toHaveLength(2);
  });

  it("shows no In progress heading when the only job failed", () => {
    tray([job("b", "failed")]);
    expect(screen.queryByRole("group", { name: "In progress" })).toBeNull();
    expect(screen.queryByText(/In progress/)).toBeNull();
    expect(screen.getByRole("heading")).toHaveTextContent("Ended without an image (1)");
  });
});
