import { describe, expect, it } from "vitest";
import { roundHalfEven, toGridBox } from "./toGridBox";
import { toPixelBox } from "./toPixelBox";

const hd = { width: 1920, height: 1080 };

describe("toGridBox: pixels → the 0–1000 grid as BFL's helper computes it", () => {
  it("takes edges or a corner and size, y first in the result", () => {
    expect(toGridBox({ top: 108, left: 192, bottom: 864, right: 1536 }, hd)).toEqual([100, 100, 800, 800]);
    expect(toGridBox({ x: 192, y: 108, width: 1344, height: 756 }, hd)).toEqual([100, 100, 800, 800]);
  });

  it("is round(top/h*1000), round(left/w*1000), … on a non-square frame", () => {
    const frame = { width: 1184, height: 880 };
    const box = { top: 333, left: 77, bottom: 701, right: 1000 };
    expect(toGridBox(box, frame)).toEqual([
      Math.round((333 / 880) * 1000),
      Math.round((77 / 1184) * 1000),
      Math.round((701 / 880) * 1000),
      Math.round((1000 / 1184) * 1000),
    ]);
    expect(toGridBox(box, frame)).toEqual([378, 65, 797, 845]);
  });

  it("rounds exact halves to even, as Python's round does", () => {
    expect(roundHalfEven(2.5)).toBe(2);
    expect(roundHalfEven(3.5)).toBe(4);
    expect(roundHalfEven(2.4)).toBe(2);
    expect(roundHalfEven(2.6)).toBe(3);
    expect(roundHalfEven(-2.5)).toBe(-2);
    // 1 px of a 2000 px side is exactly half a grid unit
    expect(toGridBox({ top: 1, left: 3, bottom: 5, right: 7 }, { width: 2000, height: 2000 })).toEqual([
      0, 2, 2, 4,
    ]);
  });

  it("clamps a box reaching past the frame to 0–1000", () => {
    expect(toGridBox({ x: -50, y: -10, width: 3000, height: 2000 }, hd)).toEqual([0, 0, 1000, 1000]);
  });

  it("refuses a frame without a size", () => {
    expect(() => toGridBox({ x: 0, y: 0, width: 1, height: 1 }, { width: 0, height: 100 })).toThrow(
      RangeError,
    );
    expect(() => toPixelBox([0, 0, 1, 1], { width: 100, height: Number.NaN })).toThrow(RangeError);
  });
});

describe("toPixelBox: the grid → pixels, for drawing", () => {
  it("gives edges and corner/size, unrounded", () => {
    expect(toPixelBox([150, 150, 850, 850], { width: 1024, height: 1024 })).toEqual({
      top: 153.6,
      left: 153.6,
      bottom: 870.4,
      right: 870.4,
      x: 153.6,
      y: 153.6,
      width: 716.8,
      height: 716.8,
    });
    expect(toPixelBox([100, 100, 800, 800], hd)).toMatchObject({ x: 192, y: 108, width: 1344, height: 756 });
  });

  it("round-trips every integer grid box through toGridBox", () => {
    const frames = [hd, { width: 1184, height: 880 }, { width: 333, height: 777 }];
    for (const frame of frames) {
      for (let v = 0; v <= 1000; v += 7) {
        const box = [v, 1000 - v, Math.min(1000, v + 3), 1000] as const;
        expect(toGridBox(toPixelBox(box, frame), frame)).toEqual(box);
      }
    }
  });
});
