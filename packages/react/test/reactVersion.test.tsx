import { version } from "react";
import { renderHook } from "@testing-library/react";
import { expect, it } from "vitest";
import { useFluxClient } from "../src/index";
import { harness } from "./harness";

it("runs against the React major of its vitest project (18 and 19)", () => {
  expect(version.split(".")[0]).toBe(process.env["EXPECTED_REACT_MAJOR"]);
  const h = harness();
  const { result } = renderHook(() => useFluxClient(), { wrapper: h.wrapper });
  expect(result.current).toBe(h.client);
});
