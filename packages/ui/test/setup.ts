import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";
import { preloadStudioHistory } from "../src/FluxStudio";
import { preloadAdvancedFields } from "../src/PromptForm";
import { preloadResultViews } from "../src/ResultViewer";

// findBy* and waitFor wait for what they look for, bounded just inside the 5 s test timeout rather than
// Testing Library's 1 s: a loaded CI machine can take longer than that to run a few renders.
configure({ asyncUtilTimeout: 4000 });

afterEach(() => cleanup());

// The ready and failure views, the Advanced panel's fields and the studio's history are chunks of their own (loaded once a generation starts, and
// as the form mounts); tests that render them straight away get them loaded first (lazyPart.test covers a part
// before and without its code).
await Promise.all([preloadResultViews(), preloadAdvancedFields(), preloadStudioHistory()]);
