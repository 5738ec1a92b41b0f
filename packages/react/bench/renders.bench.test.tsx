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
  /** The stages the consumer rendered, in order (FLUX 3: pending, reasoning, generating). */
  readonly stages: readonly string[];
}

const rows: Row[] = [];

type Model = "flux-2-pro" | "flux-3-image";

async function measure(
  scenario: string,
  prompt: string,
  mock: MockBflOptions,
  model: Model = "flux-2-pro",
): Promise<Row> {
  const h = harness({ mock });
  const seen: string[] = [];
  let latest!: UseFluxGenerationResult<Model>;
  function Consumer() {
    latest = useFluxGeneration({ model, persist: false });
    const { status, progress, stage, imageUrl, error, task } = latest;
    seen.push(JSON.stringify([status, progress, stage, imageUrl, error?.code, task?.id]));
    return <p>{status}</p>;
  }
  render(<Consumer />, { wrapper: h.wrapper });
  act(() => void latest.generate({ prompt }));
  await h.advance(model === "flux-3-image" ? 240_000 : 30_000);
  const distinct = seen.filter((s, i) => i === 0 || s !== seen[i - 1]).length;
  const stages = [
    ...new Set(
      seen.map((s) => (JSON.parse(s) as unknown[])[2]).filter((x): x is string => typeof x === "string"),
    ),
  ];
  const row = {
    scenario,
    polls: h.count("poll"),
    renders: seen.length,
    distinct,
    stages,
  };
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

  it("a FLUX 3 run through Reasoning and Generating (90 s): renders = distinct state changes", async () => {
    const row = await measure(
      "FLUX 3 Image, 90 s through Reasoning and Generating",
      "a lighthouse at dusk",
      { durationMs: 90_000 },
      "flux-3-image",
    );
    expect(row.renders).toBe(row.distinct);
    // React 18 may batch the submit's "pending" into the first poll's render
    expect(row.stages.slice(-2)).toEqual(["reasoning", "generating"]);
    // idle, submitting, pending, reasoning, generating, ready: each stage renders once, the polls between nothing
    expect(row.distinct).toBeLessThanOrEqual(6);
    expect(row.polls).toBeGreaterThan(row.distinct);
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
