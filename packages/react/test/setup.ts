import { afterEach, beforeEach, vi } from "vitest";
import { cleanup } from "@testing-library/react";

beforeEach(() => {
  vi.useFakeTimers();
  globalThis.sessionStorage?.clear();
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});
