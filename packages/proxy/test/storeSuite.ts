import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ProxyStore } from "../src/index";

/**
 * The behaviour every `ProxyStore` must have, as tests: call it in a test file with a function that makes a
 * fresh, empty store (and, optionally, cleans it up). A store written for another engine passes this too.
 * Expiry is checked with 1 ms TTLs and `expect.poll`, which waits until the store has let the entry go.
 */
export function storeSuite(
  name: string,
  make: () =>
    | { store: ProxyStore; close?: () => Promise<void> }
    | Promise<{ store: ProxyStore; close?: () => Promise<void> }>,
) {
  const withStore = (test: (store: ProxyStore) => Promise<void>) => async () => {
    const { store, close } = await make();
    try {
      await test(store);
    } finally {
      await close?.();
    }
  };
  const HOUR = 60 * 60_000;
  const binding = { client: "alice", origin: "https://api.bfl.ai" };

  describe(`${name}: per-client places`, () => {
    it(
      "gives a client up to its limit, counted per client",
      withStore(async (store) => {
        expect(await store.reserveSlot("alice", 2, HOUR)).toEqual(expect.any(String));
        expect(await store.reserveSlot("alice", 2, HOUR)).toEqual(expect.any(String));
        expect(await store.reserveSlot("alice", 2, HOUR)).toBeUndefined();
        expect(await store.reserveSlot("bob", 2, HOUR)).toEqual(expect.any(String));
      }),
    );

    it(
      "hands out exactly the limit to parallel reserves",
      withStore(async (store) => {
        const slots = await Promise.all(
          Array.from({ length: 40 }, () => store.reserveSlot("alice", 3, HOUR)),
        );
        expect(slots.filter((s) => s !== undefined)).toHaveLength(3);
        expect(new Set(slots.filter((s) => s !== undefined)).size).toBe(3);
      }),
    );

    it(
      "frees a cancelled place, once",
      withStore(async (store) => {
        const first = (await store.reserveSlot("alice", 2, HOUR))!;
        await store.reserveSlot("alice", 2, HOUR);
        await store.cancelSlot("alice", first);
        await store.cancelSlot("alice", first);
        expect(await store.reserveSlot("alice", 2, HOUR)).toEqual(expect.any(String));
        expect(await store.reserveSlot("alice", 2, HOUR)).toBeUndefined();
      }),
    );

    it(
      "no longer counts a place past its TTL",
      withStore(async (store) => {
        expect(await store.reserveSlot("alice", 1, 1)).toEqual(expect.any(String));
        await expect.poll(() => store.reserveSlot("alice", 1, HOUR)).toEqual(expect.any(String));
        expect(await store.reserveSlot("alice", 1, HOUR)).toBeUndefined();
      }),
    );
  });

  describe(`${name}: the line for a full owner's places`, () => {
    const ticket = (id: string, holdMs = HOUR) => ({ id, holdMs });

    it(
      "gives freed places to tickets in arrival order, and none to a newcomer while they wait",
      withStore(async (store) => {
        const first = (await store.reserveSlot("account", 2, HOUR, ticket("a")))!;
        const second = (await store.reserveSlot("account", 2, HOUR, ticket("b")))!;
        expect([first, second]).toEqual([expect.any(String), expect.any(String)]);
        // full: c, d and e join the line in this order
        for (const id of ["c", "d", "e"]) {
          expect(await store.reserveSlot("account", 2, HOUR, ticket(id))).toBeUndefined();
        }
        await store.cancelSlot("account", first);
        // one place is free: only the first in line may take it
        expect(await store.reserveSlot("account", 2, HOUR, ticket("e"))).toBeUndefined();
        expect(await store.reserveSlot("account", 2, HOUR, ticket("d"))).toBeUndefined();
        expect(await store.reserveSlot("account", 2, HOUR)).toBeUndefined();
        expect(await store.reserveSlot("account", 2, HOUR, ticket("new"))).toBeUndefined();
        expect(await store.reserveSlot("account", 2, HOUR, ticket("c"))).toEqual(expect.any(String));
        await store.cancelSlot("account", second);
        // renewals kept d ahead of e, and "new" joined behind both
        expect(await store.reserveSlot("account", 2, HOUR, ticket("new"))).toBeUndefined();
        expect(await store.reserveSlot("account", 2, HOUR, ticket("e"))).toBeUndefined();
        expect(await store.reserveSlot("account", 2, HOUR, ticket("d"))).toEqual(expect.any(String));
      }),
    );

    it(
      "lets two free places go to the first two in line, in either order",
      withStore(async (store) => {
        const a = (await store.reserveSlot("account", 2, HOUR))!;
        const b = (await store.reserveSlot("account", 2, HOUR))!;
        for (const id of ["c", "d", "e"]) await store.reserveSlot("account", 2, HOUR, ticket(id));
        await store.cancelSlot("account", a);
        await store.cancelSlot("account", b);
        expect(await store.reserveSlot("account", 2, HOUR, ticket("e"))).toBeUndefined();
        expect(await store.reserveSlot("account", 2, HOUR, ticket("d"))).toEqual(expect.any(String));
        expect(await store.reserveSlot("account", 2, HOUR, ticket("c"))).toEqual(expect.any(String));
        expect(await store.reserveSlot("account", 2, HOUR, ticket("e"))).toBeUndefined();
      }),
    );

    it(
      "takes a cancelled ticket out of line, and forgets one not renewed within its hold",
      withStore(async (store) => {
        const a = (await store.reserveSlot("account", 1, HOUR))!;
        await store.reserveSlot("account", 1, HOUR, ticket("gave-up"));
        await store.reserveSlot("account", 1, HOUR, ticket("lapses", 1));
        await store.reserveSlot("account", 1, HOUR, ticket("waits"));
        await store.cancelSlot("account", "gave-up");
        await store.cancelSlot("account", a);
        // "lapses" was not renewed within 1 ms: "waits" is first in line once it has gone
        await expect
          .poll(() => store.reserveSlot("account", 1, HOUR, ticket("waits")))
          .toEqual(expect.any(String));
      }),
    );

    it(
      "keeps each owner's line apart, and a ticket that got its place is no longer in line",
      withStore(async (store) => {
        await store.reserveSlot("account", 1, HOUR);
        await store.reserveSlot("account", 1, HOUR, ticket("t"));
        // another owner with free places is not held back by the account's line
        expect(await store.reserveSlot("account:flux-kontext-max", 1, HOUR, ticket("t"))).toEqual(
          expect.any(String),
        );
        // a ticket that got its place has left the line: it holds no one back
        const other = (await store.reserveSlot("client:alice", 2, HOUR))!;
        await store.reserveSlot("client:alice", 2, HOUR);
        await store.reserveSlot("client:alice", 2, HOUR, ticket("u"));
        await store.cancelSlot("client:alice", other);
        expect(await store.reserveSlot("client:alice", 2, HOUR, ticket("u"))).toEqual(expect.any(String));
        await store.cancelSlot("client:alice", (await store.reserveSlot("client:alice", 3, HOUR))!);
        expect(await store.reserveSlot("client:alice", 3, HOUR)).toEqual(expect.any(String));
      }),
    );
  });

  describe(`${name}: tasks`, () => {
    it(
      "binds a task to its submitter and host, and knows no other",
      withStore(async (store) => {
        const slot = (await store.reserveSlot("alice", 1, HOUR))!;
        await store.bindTask("task-1", binding, [{ owner: "alice", slot }], HOUR);
        expect(await store.getTask("task-1")).toEqual(binding);
        expect(await store.getTask("task-2")).toBeUndefined();
      }),
    );

    it(
      "frees every place of the task on release, keeps its binding, and releases only once",
      withStore(async (store) => {
        const mine = (await store.reserveSlot("alice", 1, HOUR))!;
        const account = (await store.reserveSlot("account", 2, HOUR))!;
        await store.reserveSlot("account", 2, HOUR);
        const places = [
          { owner: "alice", slot: mine },
          { owner: "account", slot: account },
        ];
        await store.bindTask("task-1", binding, places, HOUR);
        await store.releaseTask("task-1");
        expect(await store.getTask("task-1")).toEqual(binding);
        expect(await store.reserveSlot("alice", 1, HOUR)).toEqual(expect.any(String));
        expect(await store.reserveSlot("account", 2, HOUR)).toEqual(expect.any(String));
        // a second release (another poll seeing the end) must not free the new places
        await store.releaseTask("task-1");
        expect(await store.reserveSlot("alice", 1, HOUR)).toBeUndefined();
        expect(await store.reserveSlot("account", 2, HOUR)).toBeUndefined();
      }),
    );

    it(
      "binds a task without places (the limits off), and ignores releasing an unknown task",
      withStore(async (store) => {
        await store.bindTask("task-1", binding, [], HOUR);
        await store.releaseTask("task-1");
        await store.releaseTask("task-unknown");
        expect(await store.getTask("task-1")).toEqual(binding);
      }),
    );

    it(
      "forgets a task past its TTL",
      withStore(async (store) => {
        await store.bindTask("task-1", binding, [], 1);
        await expect.poll(() => store.getTask("task-1")).toBeUndefined();
      }),
    );
  });

  describe(`${name}: claims`, () => {
    it(
      "renews only its own pending claim, past the lease it was taken for",
      withStore(async (store) => {
        // optional: a store without it keeps no claim past its lease (work that outlives it may run again)
        if (!("renew" in store) || typeof store.renew !== "function") return;
        expect(await store.claim("slow", "a", 50)).toBeUndefined();
        expect(await store.renew("slow", "b", HOUR)).toBe(false);
        expect(await store.renew("slow", "a", HOUR)).toBe(true);
        // past the 50 ms it was taken for, the renewed claim still holds
        await new Promise((resolve) => setTimeout(resolve, 80));
        expect(await store.claim("slow", "b", HOUR)).toEqual({ state: "pending" });
        await store.settle("slow", "a", "value", HOUR);
        // a settled claim is no one's to renew
        expect(await store.renew("slow", "a", HOUR)).toBe(false);
        expect(await store.peek("slow")).toEqual({ state: "done", value: "value" });
        expect(await store.renew("unknown", "a", HOUR)).toBe(false);
      }),
    );

    it(
      "lets one claim a key; others see it pending, then done with its value",
      withStore(async (store) => {
        expect(await store.claim("k", "a", HOUR)).toBeUndefined();
        expect(await store.claim("k", "b", HOUR)).toEqual({ state: "pending" });
        expect(await store.peek("k")).toEqual({ state: "pending" });
        await store.settle("k", "a", "https://cdn.example/x.png", HOUR);
        expect(await store.claim("k", "c", HOUR)).toEqual({
          state: "done",
          value: "https://cdn.example/x.png",
        });
        expect(await store.peek("k")).toEqual({ state: "done", value: "https://cdn.example/x.png" });
        expect(await store.peek("other")).toBeUndefined();
      }),
    );

    it(
      "grants exactly one of many parallel claims",
      withStore(async (store) => {
        const tokens = Array.from({ length: 30 }, () => randomUUID());
        const answers = await Promise.all(tokens.map((t) => store.claim("k", t, HOUR)));
        expect(answers.filter((a) => a === undefined)).toHaveLength(1);
      }),
    );

    it(
      "keeps an empty value, and the first value settled",
      withStore(async (store) => {
        await store.claim("k", "a", HOUR);
        await store.settle("k", "a", "", HOUR);
        await store.settle("k", "b", "later", HOUR);
        expect(await store.peek("k")).toEqual({ state: "done", value: "" });
      }),
    );

    it(
      "drops an abandoned claim only for its holder",
      withStore(async (store) => {
        await store.claim("k", "a", HOUR);
        await store.abandon("k", "b");
        expect(await store.peek("k")).toEqual({ state: "pending" });
        await store.abandon("k", "a");
        expect(await store.peek("k")).toBeUndefined();
        expect(await store.claim("k", "b", HOUR)).toBeUndefined();
        await store.settle("k", "b", "v", HOUR);
        await store.abandon("k", "b");
        expect(await store.peek("k")).toEqual({ state: "done", value: "v" });
      }),
    );

    it(
      "a settle from a run whose lease ran out leaves the claim a newer run took; a free key takes it",
      withStore(async (store) => {
        await store.claim("k", "a", 1);
        await expect.poll(() => store.claim("k", "b", HOUR)).toBeUndefined();
        await store.settle("k", "a", "stale", HOUR);
        expect(await store.peek("k")).toEqual({ state: "pending" });
        await store.settle("k", "b", "fresh", HOUR);
        expect(await store.peek("k")).toEqual({ state: "done", value: "fresh" });
        // a lease that ran out with no newer claim: its value is still worth sharing
        await store.claim("j", "a", 1);
        await expect.poll(() => store.peek("j")).toBeUndefined();
        await store.settle("j", "a", "late", HOUR);
        expect(await store.peek("j")).toEqual({ state: "done", value: "late" });
      }),
    );

    it(
      "frees a key whose lease ran out, and forgets a value past its TTL",
      withStore(async (store) => {
        await store.claim("k", "a", 1);
        await expect.poll(() => store.claim("k", "b", HOUR)).toBeUndefined();
        await store.settle("k", "b", "v", 1);
        await expect.poll(() => store.peek("k")).toBeUndefined();
      }),
    );
  });
  describe(`${name}: messages (the optional publish and subscribe, for long polls)`, () => {
    /** The next message `store` hears on `channel`. */
    const nextOn = async (store: ProxyStore, channel: string) => {
      let heard!: (message: string) => void;
      const message = new Promise<string>((resolve) => (heard = resolve));
      const stop = await store.subscribe!(channel, (m) => heard(m));
      return { message, stop };
    };

    it(
      "delivers what is published on a channel to its subscribers, and nothing once they stop",
      withStore(async (store) => {
        expect(typeof store.publish).toBe("function");
        const channel = `c-${randomUUID()}`;
        const heard: string[] = [];
        const stop = await store.subscribe!(channel, (m) => heard.push(m));
        const also = await nextOn(store, channel);
        await store.publish!(channel, "Pending");
        expect(await also.message).toBe("Pending");
        also.stop();
        stop();
        await store.publish!(channel, "Ready");
        // a message published after it on a channel still listened to arrives after it would have
        const sentinel = await nextOn(store, `${channel}-sentinel`);
        await store.publish!(`${channel}-sentinel`, "after");
        expect(await sentinel.message).toBe("after");
        sentinel.stop();
        expect(heard).toEqual(["Pending"]);
      }),
    );

    it(
      "keeps channels apart",
      withStore(async (store) => {
        const a = await nextOn(store, `a-${randomUUID()}`);
        const b = `b-${randomUUID()}`;
        const onB = await nextOn(store, b);
        await store.publish!(b, "for b");
        expect(await onB.message).toBe("for b");
        const heardOnA = await Promise.race([a.message, onB.message.then(() => "nothing on a")]);
        expect(heardOnA).toBe("nothing on a");
        a.stop();
        onB.stop();
      }),
    );
  });
}
