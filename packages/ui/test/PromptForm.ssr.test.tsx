// testing-library's act marks the environment as one that supports act (React's own warns it is not)
import { act, fireEvent } from "@testing-library/react";
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
    act(() => {
      root = hydrateRoot(container, <PromptForm onSubmit={onSubmit} />, {
        onRecoverableError: (error) => errors.push(error),
      });
    });
    expect(errors).toEqual([]);
    expect(button().disabled).toBe(false);

    fireEvent.change(container.querySelector("textarea")!, { target: { value: "a fox" } });
    fireEvent.click(button());
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0].input).toMatchObject({ prompt: "a fox" });
    act(() => root!.unmount());
    container.remove();
  });

  // Hydration re-renders the form (Generate turns enabled), which wrote the state's empty prompt over text typed
  // before the script ran: the prompt was lost and Generate sent nothing.
  it("keeps a prompt typed before hydration, and sends it", async () => {
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    const container = document.createElement("div");
    container.innerHTML = renderToString(<PromptForm onSubmit={onSubmit} />);
    document.body.append(container);
    const textarea = () => container.querySelector("textarea")!;
    textarea().value = "a lighthouse typed early";

    let root: ReturnType<typeof hydrateRoot> | undefined;
    act(() => {
      root = hydrateRoot(container, <PromptForm onSubmit={onSubmit} />);
    });
    const button = container.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(button.disabled).toBe(false);
    expect(textarea().value).toBe("a lighthouse typed early");
    // the count beside the field follows the state: it has the text too
    expect(container.textContent).toContain(`${"a lighthouse typed early".length} characters`);

    fireEvent.click(button);
    await vi.waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]![0].input).toMatchObject({ prompt: "a lighthouse typed early" });
    act(() => root!.unmount());
    container.remove();
  });
});
