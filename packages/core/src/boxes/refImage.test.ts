import { describe, expect, it } from "vitest";
import { imageNumber, isRefImage, refImage } from "./refImage";

describe("refImage: prose counts from 1, rows from 0", () => {
  it("maps the number people read to the row name", () => {
    expect(refImage(1)).toBe("ref_image_0");
    expect(refImage(2)).toBe("ref_image_1");
    expect(refImage(10)).toBe("ref_image_9");
  });

  it("refuses numbers that are no picture's, saying how prose counts", () => {
    const count = (n: number) => () => refImage(n);
    expect(count(0)).toThrow(RangeError);
    expect(count(0)).toThrow(/"image 1" is the first/);
    expect(count(11)).toThrow(RangeError);
    expect(count(1.5)).toThrow(RangeError);
    expect(count(Number.NaN)).toThrow(RangeError);
  });

  it("imageNumber is the inverse", () => {
    for (let n = 1; n <= 10; n++) expect(imageNumber(refImage(n))).toBe(n);
  });

  it("isRefImage accepts only ref_image_0 … ref_image_9", () => {
    expect(isRefImage("ref_image_0")).toBe(true);
    expect(isRefImage("ref_image_9")).toBe(true);
    expect(isRefImage("ref_image_10")).toBe(false);
    expect(isRefImage("image_1")).toBe(false);
    expect(isRefImage(0)).toBe(false);
  });
});
