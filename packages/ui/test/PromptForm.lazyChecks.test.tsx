import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type * as Catalogue from "@flux-kit/core/catalogue";
import type { PromptFormRequest } from "../src/formValue";

// The form draws its fields from getModelInfo and loads the schemas (zod, every model's rules) on demand from
// @flux-kit/core/catalogue, so they stay out of an app's first load (#12). These tests hold that load back.
let release: () => void = () => {};
let failLoad = false;
let loads = 0;

beforeEach(() => {
  vi.resetModules();
  failLoad = false;
  loads = 0;
  const gate = new Promise<void>((resolve) => (release = resolve));
  vi.doMock("@flux-kit/core/catalogue", async () => {
    loads++;
    await gate;
    if (failLoad) throw new Error("chunk failed to load");
    return vi.importActual<typeof Catalogue>("@flux-kit/core/catalogue");
  });
});

afterEach(() => {
  vi.doUnmock("@flux-kit/core/catalogue");
});

/** A fresh PromptForm module, so the checks are not already loaded by an earlier test. */
async function freshForm() {
  const { PromptForm } = await import("../src/PromptForm");
  return PromptForm;
}

describe("PromptForm: the checks load on demand", () => {
  it("several submits before the checks arrive are all sent, in order: none is dropped", async () => {
    const PromptForm = await freshForm();
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    render(<PromptForm onSubmit={onSubmit} />);
    const prompt = screen.getByRole("textbox", { name: "Prompt" });
    for (const text of ["A fox", "An owl", "A heron"]) {
      await user.clear(prompt);
      await user.type(prompt, `${text}{Control>}{Enter}{/Control}`);
    }
    expect(onSubmit).not.toHaveBeenCalled();
    release();
    // the job tray's e2e lost one to a slow chunk load: the second submit was ignored while the first waited
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(3));
    expect(onSubmit.mock.calls.map(([r]) => r.input.prompt)).toEqual(["A fox", "An owl", "A heron"]);
    expect(loads).toBe(1);
  });

  it("a submit before the checks arrive waits for them, and an invalid body is not sent", async () => {
    const PromptForm = await freshForm();
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    // a width off the step (a typed one snaps on blur; one set in code stays)
    render(
      <PromptForm
        onSubmit={onSubmit}
        defaultValue={{ prompt: "a fox", preset: "custom", width: 1000, height: 1024 }}
      />,
    );
    const width = screen.getByRole("spinbutton", { name: "Width" });
    await user.click(screen.getByRole("button", { name: "Generate" }));
    expect(onSubmit).not.toHaveBeenCalled();

    release();
    await waitFor(() => expect(width).toHaveAttribute("aria-invalid", "true"));
    expect(width).toHaveAccessibleDescription(
      "Width must be a multiple of 16. Multiples of 16, 64–4096 px a side, at most 4 megapixels.",
    );
    expect(onSubmit).not.toHaveBeenCalled();
    await waitFor(() => expect(width).toHaveFocus());
  });

  it("a valid body is sent once when the checks arrive, however often Generate was pressed meanwhile", async () => {
    const PromptForm = await freshForm();
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    render(<PromptForm onSubmit={onSubmit} defaultValue={{ prompt: "a fox" }} />);
    const generate = screen.getByRole("button", { name: "Generate" });
    await user.click(generate);
    await user.click(generate);
    await user.keyboard("{Control>}{Enter}{/Control}");
    expect(onSubmit).not.toHaveBeenCalled();

    release();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ model: "flux-2-pro", input: { prompt: "a fox" } });
    // once loaded, the checks are one import for every form
    expect(loads).toBe(1);
  });

  it("when the checks cannot load, the body goes to the server, whose check decides, and a later form tries again", async () => {
    failLoad = true;
    const PromptForm = await freshForm();
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    const { unmount } = render(<PromptForm onSubmit={onSubmit} defaultValue={{ prompt: "a fox" }} />);
    await user.click(screen.getByRole("button", { name: "Generate" }));
    release();
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    unmount();

    failLoad = false;
    render(<PromptForm onSubmit={onSubmit} />);
    await waitFor(() => expect(loads).toBe(2));
    await user.click(screen.getByRole("button", { name: "Generate" }));
    await waitFor(() =>
      expect(screen.getByRole("textbox", { name: "Prompt" })).toHaveAttribute("aria-invalid", "true"),
    );
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it("a form unmounted while the checks load sends nothing", async () => {
    const PromptForm = await freshForm();
    const user = userEvent.setup();
    const onSubmit = vi.fn<(request: PromptFormRequest) => void>();
    const { unmount } = render(<PromptForm onSubmit={onSubmit} defaultValue={{ prompt: "a fox" }} />);
    await user.click(screen.getByRole("button", { name: "Generate" }));
    unmount();
    release();
    const { loadValidator } = await import("../src/loadValidator");
    await loadValidator();
    // let every callback queued behind the load run
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
