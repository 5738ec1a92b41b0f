/**
 * Renders per generation vs distinct state changes, for a consumer of useFluxGeneration. Runs with the tests
 * (and asserts the target: renders = distinct states); `BENCH_WRITE=1` prints the table for bench/RESULTS.md.
 */
import { act, render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { MockBflOptions } from "@flux-kit/mock";
import { useFluxGeneration, type UseFluxGenerationResult } from "../src/index";
import { harness } from "../test/harness";

interface Row {
  readonly scenario: string;
  readonly polls: number;
  readonly renders: number;
  readonly distinct: number;
}

const rows: Row[] = [];

async function measure(scenario: string, prompt: string, mock: MockBflOptions): Promise<Row> {
  const h = harness({ mock });
  const seen: string[] = [];
  let latest!: UseFluxGenerationResult<"flux-2-pro">;
  function Consumer() {
    latest = useFluxGeneration({ model: "flux-2-pro", persist: false });
    const { status, progress, imageUrl, error, task } = latest;
    seen.push(JSON.stringify([status, progress, imageUrl, error?.code, task?.id]));
    return <p>{status}</p>;
  }
  render(<Consumer />, { wrapper: h.wrapper });
  act(() => void latest.generate({ prompt }));
  await h.advance(30_000);
  const distinct = seen.filter((s, i) => i === 0 || s !== seen[i - 1]).length;
  const row = { scenario, polls: h.count("poll"), renders: seen.length, distinct };
  rows.push(row);
  return row;
}

describe("renders per generation", () => {
  it.each([
    ["ready, progress reported (fraction)", "a fox", { durationMs: 12_000 }],
    ["ready, no progress (every poll unchanged)", "a fox", { durationMs: 12_000, progress: "null" }],
    ["content moderated", "[mock:content-moderated]", { durationMs: 6_000 }],
  ] as const)("%s: renders = distinct state changes", async (scenario, prompt, mock) => {
    const row = await measure(scenario, prompt, mock);
    expect(row.renders).toBe(row.distinct);
    expect(row.polls).toBeGreaterThan(2);
  });

  it("a poll that changes nothing re-renders no consumer", () => {
    const row = rows.find((r) => r.scenario.startsWith("ready, no progress"))!;
    // at most idle, submitting, pending, ready (React 18 may batch two of them): the polls in between render nothing
    expect(row.distinct).toBeLessThanOrEqual(4);
    expect(row.polls).toBeGreaterThan(row.distinct);
    if (process.env["BENCH_WRITE"]) {
      const lines = rows.map((r) => `| ${r.scenario} | ${r.polls} | ${r.distinct} | ${r.renders} |`);
      console.log(
        ["| scenario | polls | distinct states | renders |", "|---|---|---|---|", ...lines].join("\n"),
      );
    }
  });
});
