import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// findBy* and waitFor wait for what they look for, bounded just inside the 5 s test timeout rather than
// Testing Library's 1 s: a loaded CI machine can take longer than that to run a few renders.
configure({ asyncUtilTimeout: 4000 });

afterEach(() => cleanup());
