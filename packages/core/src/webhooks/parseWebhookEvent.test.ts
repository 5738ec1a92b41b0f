import { describe, expect, it } from "vitest";
import { FluxError } from "../errors/FluxError";
import { parseWebhookEvent } from "./parseWebhookEvent";
import { WebhookPayloadError } from "./WebhookPayloadError";

const sample =
  "https://delivery-eu1.bfl.ai/results/2026/03/01/abc_sample.jpeg?se=2026-03-01T12%3A10%3A00Z&sig=x";

describe("parseWebhookEvent: field-observed shape", () => {
  it("normalises a SUCCESS delivery with timing fields", () => {
    const raw = {
      task_id: "7f0c3a52",
      status: "SUCCESS",
      result: {
        sample,
        seed: 1601288383,
        start_time: 1764253858.5,
        end_time: 1764253860,
        duration: 1.5,
        pre_filtered: false,
      },
      error: null,
      progress: null,
    };
    const event = parseWebhookEvent(raw);
    expect(event).toEqual({
      taskId: "7f0c3a52",
      outcome: "ready",
      status: "SUCCESS",
      shape: "field",
      raw,
      result: {
        sample,
        seed: 1601288383,
        startTime: new Date(1764253858500),
        endTime: new Date(1764253860000),
        duration: 1.5,
      },
    });
  });

  it("normalises FAILED with its error", () => {
    const event = parseWebhookEvent({ task_id: "t", status: "FAILED", result: null, error: "GPU fell over" });
    expect(event).toMatchObject({
      outcome: "failed",
      status: "FAILED",
      error: "GPU fell over",
      shape: "field",
    });
    expect(event.result).toBeUndefined();
  });

  it.each([
    [40, 0.4],
    [100, 1],
    [0.25, 0.25],
    [1, 1],
    [0, 0],
    ["55", 0.55],
    [250, 1],
    [-3, 0],
  ])("normalises progress %j to %j", (progress, expected) => {
    expect(parseWebhookEvent({ task_id: "t", status: "processing", progress }).progress).toBe(expected);
  });

  it("drops unusable progress values", () => {
    for (const progress of [null, "abc", {}, Number.NaN]) {
      expect(parseWebhookEvent({ task_id: "t", status: "PENDING", progress })).not.toHaveProperty("progress");
    }
  });

  it("maps PENDING and processing to pending", () => {
    expect(parseWebhookEvent({ task_id: "t", status: "PENDING" }).outcome).toBe("pending");
    expect(parseWebhookEvent({ task_id: "t", status: "processing" }).outcome).toBe("pending");
  });
});

describe("parseWebhookEvent: skill shape", () => {
  it("parses a Ready delivery from the raw JSON string, with its ISO timestamp", () => {
    const body = JSON.stringify({
      id: "abc",
      status: "Ready",
      result: { sample, prompt: "a cat", seed: 7 },
      timestamp: "2026-03-01T12:00:00Z",
    });
    expect(parseWebhookEvent(body)).toEqual({
      taskId: "abc",
      outcome: "ready",
      status: "Ready",
      shape: "skill",
      raw: JSON.parse(body) as unknown,
      result: { sample, prompt: "a cat", seed: 7 },
      timestamp: new Date("2026-03-01T12:00:00Z"),
    });
  });

  it("parses bytes too", () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ id: "abc", status: "Pending" }));
    expect(parseWebhookEvent(bytes)).toMatchObject({ taskId: "abc", outcome: "pending" });
    expect(parseWebhookEvent(bytes.buffer)).toMatchObject({ taskId: "abc", outcome: "pending" });
  });

  it("joins the skill's error code and message", () => {
    const event = parseWebhookEvent({
      id: "x",
      status: "Error",
      error: "generation_failed",
      message: "Out of memory",
    });
    expect(event).toMatchObject({ outcome: "failed", error: "generation_failed: Out of memory" });
  });

  it("reads an error object's message and a string `details`", () => {
    expect(parseWebhookEvent({ id: "x", status: "Failed", error: { message: "bad input" } }).error).toBe(
      "bad input",
    );
    expect(parseWebhookEvent({ id: "x", status: "Error", details: "timeout upstream" })).toMatchObject({
      error: "timeout upstream",
      details: "timeout upstream",
    });
  });

  it("drops an error that only repeats the status", () => {
    const event = parseWebhookEvent({ id: "x", status: "Error", error: "Error", message: "Out of memory" });
    expect(event.error).toBe("Out of memory");
  });

  it("does not turn a message on a success into an error", () => {
    const event = parseWebhookEvent({ id: "x", status: "Ready", result: { sample }, message: "Done" });
    expect(event).not.toHaveProperty("error");
  });
});

describe("parseWebhookEvent: BFL result statuses", () => {
  it("reports Request Moderated with reasons from details", () => {
    const event = parseWebhookEvent({
      id: "m1",
      status: "Request Moderated",
      result: null,
      details: { "Moderation Reasons": ["Sexual Content", 3, "Violence"] },
    });
    expect(event).toMatchObject({
      outcome: "moderated",
      moderation: { stage: "request", reasons: ["Sexual Content", "Violence"] },
      details: { "Moderation Reasons": ["Sexual Content", 3, "Violence"] },
    });
  });

  it("reports Content Moderated with a plain-string details, and with none", () => {
    expect(
      parseWebhookEvent({ task_id: "m2", status: "Content Moderated", details: "Derivative Works" }),
    ).toMatchObject({
      outcome: "moderated",
      moderation: { stage: "content", reasons: ["Derivative Works"] },
    });
    expect(parseWebhookEvent({ id: "m3", status: "content_moderated" }).moderation).toEqual({
      stage: "content",
      reasons: [],
    });
  });

  it("maps Task not found to failed with a default error", () => {
    expect(parseWebhookEvent({ id: "gone", status: "Task not found" })).toMatchObject({
      outcome: "failed",
      error: "Task not found",
    });
  });

  it("keeps unknown statuses as unknown, with the raw string", () => {
    expect(parseWebhookEvent({ id: "q", status: "Teleporting" })).toMatchObject({
      outcome: "unknown",
      status: "Teleporting",
    });
    expect(parseWebhookEvent({ id: "q", status: "Generating" }).outcome).toBe("pending");
  });

  it("prefers task_id when both ids are present", () => {
    expect(parseWebhookEvent({ id: "a", task_id: "b", status: "SUCCESS" })).toMatchObject({
      taskId: "b",
      shape: "field",
    });
  });

  it("leaves `result` out when it has no usable sample, and ignores ill-typed result fields", () => {
    expect(
      parseWebhookEvent({ task_id: "t", status: "SUCCESS", result: { finetune_id: "f" } }),
    ).not.toHaveProperty("result");
    expect(
      parseWebhookEvent({
        task_id: "t",
        status: "SUCCESS",
        result: { sample, seed: "7", prompt: 3, start_time: "x" },
      }).result,
    ).toEqual({ sample });
  });
});

describe("parseWebhookEvent: garbage", () => {
  it("throws WebhookPayloadError (a bad_response FluxError) for non-JSON text", () => {
    const error = captureError(() => parseWebhookEvent("<html>oops</html>"));
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect(error).toBeInstanceOf(FluxError);
    expect(error).toMatchObject({ code: "bad_response", issues: ["body: not JSON"] });
    expect(error.message).toMatch(/not JSON/);
  });

  it.each([
    ["null", null],
    ["a number", 42],
    ["an array", [{ id: "x", status: "Ready" }]],
    ["an empty object", {}],
    ["no status", { task_id: "t" }],
    ["a numeric status", { id: "t", status: 200 }],
    ["an empty id", { id: "", status: "Ready" }],
  ])("rejects %s, saying what was expected", (_label, body) => {
    const error = captureError(() => parseWebhookEvent(body));
    expect(error).toBeInstanceOf(WebhookPayloadError);
    expect(error.message).toMatch(/expected a JSON object with `task_id` \(or `id`\) and `status`/);
    expect((error as WebhookPayloadError).issues.length).toBeGreaterThan(0);
  });

  it("names the failing fields in `issues`", () => {
    const error = captureError(() =>
      parseWebhookEvent({ task_id: 5, status: "SUCCESS" }),
    ) as WebhookPayloadError;
    expect(error.issues.some((line) => line.startsWith("task_id:"))).toBe(true);
    expect(error.issues.some((line) => line.startsWith("id:"))).toBe(true);
  });
});

function captureError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to throw");
}
