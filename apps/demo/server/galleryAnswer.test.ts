import { expect, test } from "vitest";
import { galleryAnswer } from "./galleryAnswer";

const pending = (id: string) => ({ id, model: "flux-2-pro", submittedAt: 1, progress: undefined });
const failure = (id: string) => ({
  id,
  model: "flux-2-pro",
  code: "moderated",
  message: "Moderated",
  reasons: [],
  detail: undefined,
  submittedAt: 1,
  prompt: undefined,
  at: 2,
});

test("a task saved or failed while the watcher still follows it is not listed as pending too", () => {
  // CI once showed a finished image beside its own "Generating" card
  const answer = galleryAnswer(
    [{ id: "saved" }],
    [pending("saved"), pending("running"), pending("lost")],
    [failure("lost")],
  );
  expect(answer.items.map((item) => item.id)).toEqual(["saved"]);
  expect(answer.pending.map((task) => task.id)).toEqual(["running"]);
  expect(answer.failed.map((task) => task.id)).toEqual(["lost"]);
});
