import { describe, expect, it } from "vitest";
import { FluxError } from "../errors/FluxError";
import { parseSubmitResponse, safeParseSubmitResponse } from "./submitResponse";

const ID = "38b4e501-344b-4d19-9ffa-a566b7f36b1c";
const POLL = `https://api.eu2.bfl.ai/v1/get_result?id=${ID}`;

describe("parseSubmitResponse", () => {
  it("reads the captured FLUX.2 [pro] answer", () => {
    expect(
      parseSubmitResponse({ id: ID, polling_url: POLL, cost: 3.0, input_mp: 0.0, output_mp: 1.0 }),
    ).toEqual({
      id: ID,
      pollingUrl: POLL,
      cost: 3,
      inputMp: 0,
      outputMp: 1,
    });
  });

  it("reads the skill's bare shape and null numbers as null", () => {
    expect(parseSubmitResponse({ id: "t", polling_url: "/api/flux/v1/get_result?id=t" })).toEqual({
      id: "t",
      pollingUrl: "/api/flux/v1/get_result?id=t",
      cost: null,
      inputMp: null,
      outputMp: null,
    });
    expect(
      parseSubmitResponse({ id: "t", polling_url: POLL, cost: null, input_mp: null, output_mp: null }).cost,
    ).toBeNull();
  });

  it("reads the webhook-shaped answer, with no polling_url", () => {
    expect(
      parseSubmitResponse({
        id: "t",
        status: "Pending",
        webhook_url: "https://hooks.example.com/x",
        cost: 4.5,
      }),
    ).toEqual({
      id: "t",
      status: "Pending",
      webhookUrl: "https://hooks.example.com/x",
      cost: 4.5,
      inputMp: null,
      outputMp: null,
    });
  });

  it("tolerates extra keys", () => {
    expect(parseSubmitResponse({ id: "t", polling_url: POLL, region: "eu2" }).pollingUrl).toBe(POLL);
  });

  it("throws a bad_response FluxError carrying the body", () => {
    const body = { id: "t" };
    const error = (() => {
      try {
        parseSubmitResponse(body);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FluxError);
    expect(error).toMatchObject({ code: "bad_response", body });
    expect((error as Error).message).toMatch(
      /^Unexpected submit response from BFL: polling_url: Field required/,
    );
  });

  it("reports failures without throwing from the safe variant", () => {
    expect(safeParseSubmitResponse({ polling_url: POLL, cost: "3" })).toEqual({
      success: false,
      error: "id: Field required; cost: Input should be a valid number",
    });
    expect(safeParseSubmitResponse("<html>")).toEqual({
      success: false,
      error: "Input should be a valid dictionary or object to extract fields from",
    });
  });
});
