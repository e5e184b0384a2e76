import { describe, expect, it } from "vitest";
import { clearCookie, cookiePolicy, readCookie, setCookie } from "./cookies";
import { requestOrigin } from "./origin";

describe("cookiePolicy", () => {
  it("uses Secure __Host- cookies on https, plain ones on http://localhost and 127.0.0.1 only", () => {
    expect(cookiePolicy(new URL("https://chat.example.com"))).toEqual({
      secure: true,
      usable: true,
      sessionName: "__Host-parley_session",
      loginFlowName: "__Host-parley_login",
    });
    for (const origin of ["http://localhost:3000", "http://127.0.0.1:3104", "http://[::1]:3000"]) {
      expect(cookiePolicy(new URL(origin)), origin).toMatchObject({ secure: false, usable: true, sessionName: "parley_session" });
    }
    // A browser drops Secure cookies over plain http elsewhere: sign-in refuses up front.
    expect(cookiePolicy(new URL("http://192.168.1.20:3000"))).toMatchObject({ secure: true, usable: false });
  });
});

describe("cookies", () => {
  it("writes httpOnly, SameSite=Lax cookies for the whole site, with a lifetime", () => {
    expect(setCookie("parley_session", "abc.def", { maxAgeSeconds: 60, secure: false })).toBe(
      "parley_session=abc.def; Path=/; Max-Age=60; HttpOnly; SameSite=Lax",
    );
    expect(setCookie("__Host-parley_session", "x", { maxAgeSeconds: 60, secure: true })).toMatch(/; Secure$/);
    expect(clearCookie("parley_login", { secure: false })).toBe("parley_login=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
  });

  it("reads one cookie from the header", () => {
    const header = "theme=dark; parley_session=a.b.c; parley_session_old=x;parley_login=z";
    expect(readCookie(header, "parley_session")).toBe("a.b.c");
    expect(readCookie(header, "parley_login")).toBe("z");
    expect(readCookie(header, "missing")).toBeUndefined();
    expect(readCookie("parley_session=", "parley_session")).toBeUndefined();
    expect(readCookie(null, "parley_session")).toBeUndefined();
  });
});

describe("requestOrigin", () => {
  const headers = (entries: Record<string, string>) => new Headers(entries);

  it("takes the forwarded host and protocol (next start sets them; so does CloudFront's function)", () => {
    expect(requestOrigin(headers({ host: "127.0.0.1:3104", "x-forwarded-host": "127.0.0.1:3104", "x-forwarded-proto": "http" }), undefined).origin).toBe(
      "http://127.0.0.1:3104",
    );
    expect(requestOrigin(headers({ host: "abc.lambda-url.aws", "x-forwarded-host": "chat.example.com", "x-forwarded-proto": "https" }), undefined).origin).toBe(
      "https://chat.example.com",
    );
    expect(requestOrigin(headers({ host: "localhost:3000" }), undefined).origin).toBe("http://localhost:3000");
  });

  it("prefers APP_URL, and ignores a host header that is not a host", () => {
    expect(requestOrigin(headers({ host: "evil.example" }), "https://chat.example.com").origin).toBe("https://chat.example.com");
    expect(requestOrigin(headers({ host: "localhost:3000", "x-forwarded-host": "a/b@evil" }), undefined).origin).toBe("http://localhost:3000");
  });
});
