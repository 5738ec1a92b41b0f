/**
 * Sends a drag's later pointer events to `element` (`setPointerCapture`) where the DOM can. A browser refuses to
 * capture a pointer that is not down (a `NotFoundError`, for the events Testing Library's `fireEvent` or a
 * script dispatches), and jsdom, the DOM of Jest and many Vitest setups, has no pointer capture: the drag then
 * goes on without it, as long as the events reach the element.
 */
export function capturePointer(element: Element, pointerId: number): void {
  try {
    (element as Partial<Pick<Element, "setPointerCapture">>).setPointerCapture?.(pointerId);
  } catch {
    // not a pointer that is down: nothing to capture
  }
}
