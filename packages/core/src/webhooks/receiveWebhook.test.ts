import { describe, expect, it } from "vitest";
import { FluxError } from "../errors/FluxError";
import { receiveWebhook } from "./receiveWebhook";
import { signWebhook } from "./signWebhook";
import { verifyWebhookOrThrow } from "./verifyWebhook";
import { WebhookPayloadError } from "./WebhookPayloadError";
import { WebhookVerificationError } from "./WebhookVerificationError";

const secret = "recv-secret";
const body = JSON.stringify({ task_id: "t-1", status: "SUCCESS", result: { sample: "https://d/x.jpg" } });

describe("receiveWebhook / verifyWebhookOrThrow", () => {
  it("verifies, then parses", async () => {
    const headers = new Headers(await signWebhook({ body, secret }));
    const { event, verification } = await receiveWebhook({ rawBody: body, headers, secret });
    expect(verification).toEqual({ ok: true, scheme: "hmac-sha256" });
    expect(event).toMatchObject({ taskId: "t-1", outcome: "ready", result: { sample: "https://d/x.jpg" } });
  });

  it("throws WebhookVerificationError with reason and httpStatus 401 on a bad signature", async () => {
    const headers = await signWebhook({ body, secret: "someone-else" });
    const error = await receiveWebhook({ rawBody: body, headers, secret }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookVerificationError);
    expect(error).toBeInstanceOf(FluxError);
    expect(error).toMatchObject({
      code: "auth",
      reason: "bad_signature",
      httpStatus: 401,
      isRetryable: false,
    });
    expect((error as WebhookVerificationError).toJSON()).toMatchObject({
      reason: "bad_signature",
      code: "auth",
    });
  });

  it("answers 500 for a missing secret (misconfiguration)", async () => {
    const error = await verifyWebhookOrThrow({ rawBody: body, headers: {}, secret: "" }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ reason: "missing_secret", httpStatus: 500 });
  });

  it("throws WebhookPayloadError for a correctly signed but unknown body", async () => {
    const odd = '{"hello":"world"}';
    const headers = await signWebhook({ body: odd, secret, scheme: "shared-secret" });
    await expect(receiveWebhook({ rawBody: odd, headers, secret })).rejects.toBeInstanceOf(
      WebhookPayloadError,
    );
  });
});
