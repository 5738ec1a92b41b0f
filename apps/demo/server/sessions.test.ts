import { describe, expect, test } from "vitest";
import { createSessions, readCookie, SESSION_COOKIE } from "./sessions";

const cookieOf = (setCookie: string) => setCookie.split(";")[0]!;

describe("createSessions", () => {
  const sessions = createSessions("a-test-secret-that-is-long-enough");

  test("a cookie it issued verifies to its session id", () => {
    const { id, setCookie } = sessions.issue();
    expect(setCookie).toMatch(/; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(sessions.verify(`theme=dark; ${cookieOf(setCookie)}`)).toBe(id);
  });

  test("each session is new", () => {
    expect(sessions.issue().id).not.toBe(sessions.issue().id);
  });

  test("a tampered, foreign or missing cookie verifies to nothing", () => {
    const { setCookie } = sessions.issue();
    const [name, value] = cookieOf(setCookie).split("=") as [string, string];
    const [id, sig] = value.split(".") as [string, string];
    expect(sessions.verify(`${name}=${id}x.${sig}`)).toBeUndefined();
    expect(sessions.verify(`${name}=${id}.${sig.slice(1)}`)).toBeUndefined();
    expect(sessions.verify(`${name}=${id}`)).toBeUndefined();
    expect(createSessions("another-secret-entirely-0000000").verify(cookieOf(setCookie))).toBeUndefined();
    expect(sessions.verify(undefined)).toBeUndefined();
    expect(sessions.verify("other=1")).toBeUndefined();
  });
});

test("readCookie finds one cookie among several", () => {
  expect(readCookie(`a=1; ${SESSION_COOKIE}=x.y ; b=2`, SESSION_COOKIE)).toBe("x.y");
  expect(readCookie("a=1", SESSION_COOKIE)).toBeUndefined();
});
