import { act } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { PromptForm } from "../src/PromptForm";
import type { PromptFormRequest } from "../src/formValue";

// A server-rendered form (Next.js) is on screen before its script runs. A Generate pressed then would submit the
// form natively (a GET to the page with the prompt in its URL, the page reloading), so the server renders the
// button disabled and hydration enables it.
describe("PromptForm rendered on the server", () => {
  it("sends no native submit before hydration: Generate is disabled until React takes over", async () => {
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    const html = renderToString(<PromptForm onSubmit={onSubmit} />);
    const container = document.createElement("div");
    container.innerHTML = html;
    document.body.append(container);
    const button = () => container.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(button().textContent).toBe("Generate");
    expect(button().disabled).toBe(true);

    const errors: unknown[] = [];
    let root: ReturnType<typeof hydrateRoot> | undefined;
    await act(async () => {
      root = hydrateRoot(container, <PromptForm onSubmit={onSubmit} />, {
        onRecoverableError: (error) => errors.push(error),
      });
    });
    expect(errors).toEqual([]);
    expect(button().disabled).toBe(false);

    const prompt = container.querySelector("textarea")!;
    await act(async () => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value")!.set!;
      setValue.call(prompt, "a fox");
      prompt.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await act(async () => button().click());
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0].input).toMatchObject({ prompt: "a fox" });
    act(() => root!.unmount());
    container.remove();
  });
});
