import { describe, expect, it } from "vitest";
import { isBflApiUrl, isBflDelivery, isBflDeliveryUrl } from "./hosts";

describe("BFL hosts", () => {
  it("delivery: BFL's delivery hosts and its own Azure accounts, https on the default port only", () => {
    for (const host of [
      "delivery.bfl.ai",
      "delivery-eu1.bfl.ai",
      "delivery-us1.bfl.ai",
      "bfldeliveryprod.blob.core.windows.net",
      "bfldeliveryprodeu4.blob.core.windows.net",
      "bfldeliveryscus.blob.core.windows.net",
    ]) {
      expect(isBflDeliveryUrl(new URL(`https://${host}/results/a.jpeg?se=x`))).toBe(true);
      expect(isBflDeliveryUrl(new URL(`http://${host}/results/a.jpeg`))).toBe(false);
      expect(isBflDeliveryUrl(new URL(`https://${host}:8443/results/a.jpeg`))).toBe(false);
      expect(isBflDeliveryUrl(new URL(`https://u:p@${host}/results/a.jpeg`))).toBe(false);
    }
    // regression: any *.blob.core.windows.net counted, so a site's own signed copy was treated as BFL's
    for (const other of [
      "https://myapp.blob.core.windows.net/kept/a.jpeg?se=2030-01-01T00%3A00%3A00Z",
      "https://bfldeliveryevil.blob.core.windows.net/a.jpeg",
      "https://api.bfl.ai/a.jpeg",
      "https://delivery-eu1.bfl.ai.evil.example/a.jpeg",
    ]) {
      expect(isBflDelivery(other)).toBe(false);
    }
    expect(isBflDelivery("not a url")).toBe(false);
  });

  it("API: one to three labels under bfl.ai, never a delivery host", () => {
    expect(isBflApiUrl(new URL("https://api.bfl.ai/v1/x"))).toBe(true);
    expect(isBflApiUrl(new URL("https://api.eu2.bfl.ai/v1/x"))).toBe(true);
    expect(isBflApiUrl(new URL("https://API.US1.BFL.AI/v1/x"))).toBe(true);
    for (const other of [
      "https://bfl.ai/x",
      "https://a.b.c.d.bfl.ai/x",
      "https://delivery-eu1.bfl.ai/x",
      "https://api.bfl.ai:444/x",
      "http://api.bfl.ai/x",
      "https://api.bfl.ai.evil.example/x",
    ]) {
      expect(isBflApiUrl(new URL(other))).toBe(false);
    }
  });
});
