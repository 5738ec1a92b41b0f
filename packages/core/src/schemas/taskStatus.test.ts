import { describe, expect, it } from "vitest";
import { moderationReasons } from "./moderationReasons";
import { normalizeProgress } from "./progress";
import { KNOWN_STATUSES, isTerminalStatus, statusOutcome, taskStage } from "./taskStatus";

describe("task statuses", () => {
  it("knows the live spec's eight statuses (FLUX 3's Reasoning and Generating among them) and the Failed alias", () => {
    expect([...KNOWN_STATUSES].sort()).toEqual(
      [
        "Content Moderated",
        "Error",
        "Failed",
        "Generating",
        "Pending",
        "Reasoning",
        "Ready",
        "Request Moderated",
        "Task not found",
      ].sort(),
    );
  });

  it.each([
    ["Pending", "pending", false],
    ["Ready", "ready", true],
    ["Error", "failed", true],
    ["Failed", "failed", true],
    ["Request Moderated", "request_moderated", true],
    ["Content Moderated", "content_moderated", true],
    ["Task not found", "not_found", true],
    ["READY", "ready", true],
    ["Reasoning", "pending", false],
    ["Generating", "pending", false],
    [" reasoning ", "pending", false],
    ["GENERATING", "pending", false],
    ["Processing", "pending", false],
    ["constructor", "pending", false],
    ["", "pending", false],
  ] as const)("%s → %s (terminal: %s)", (status, outcome, terminal) => {
    expect(statusOutcome(status)).toBe(outcome);
    expect(isTerminalStatus(status)).toBe(terminal);
  });
});

describe("taskStage", () => {
  it.each([
    ["Pending", "pending"],
    ["Reasoning", "reasoning"],
    ["Generating", "generating"],
    ["  generating\n", "generating"],
    ["REASONING", "reasoning"],
    ["pending", "pending"],
  ] as const)("%j → %s", (status, stage) => {
    expect(taskStage(status)).toBe(stage);
  });

  it("names no stage for terminal statuses, undocumented ones and prototype keys", () => {
    for (const status of ["Ready", "Error", "Failed", "Content Moderated", "Task not found"])
      expect(taskStage(status), status).toBeUndefined();
    for (const status of ["Processing", "Queued", "", "constructor", "toString", "__proto__"])
      expect(taskStage(status), status).toBeUndefined();
  });
});

describe("normalizeProgress", () => {
  it.each([
    [0, 0],
    [0.25, 0.25],
    [1, 1],
    [40, 0.4],
    [100, 1],
    [150, 1],
    [-3, 0],
  ])("%s → %s", (input, fraction) => {
    expect(normalizeProgress(input)).toBeCloseTo(fraction, 10);
  });

  it("gives undefined for null, absent and non-numbers", () => {
    for (const p of [null, undefined, NaN, Infinity, "50"]) expect(normalizeProgress(p)).toBeUndefined();
  });
});

describe("moderationReasons", () => {
  it("reads BFL's 'Moderation Reasons' list", () => {
    expect(moderationReasons({ "Moderation Reasons": ["Sexual Content", "Violence"] })).toEqual([
      "Sexual Content",
      "Violence",
    ]);
  });

  it("reads a plain string, an array, and other key spellings", () => {
    expect(moderationReasons(" Flagged prompt ")).toEqual(["Flagged prompt"]);
    expect(moderationReasons(["a", "", 3])).toEqual(["a", "3"]);
    expect(moderationReasons({ moderation_reasons: "Minors" })).toEqual(["Minors"]);
    expect(moderationReasons({ reasons: ["x"], other: 1 })).toEqual(["x"]);
  });

  it("gives [] for anything else", () => {
    for (const d of [null, undefined, 5, {}, { message: "no" }, ""]) expect(moderationReasons(d)).toEqual([]);
  });
});
