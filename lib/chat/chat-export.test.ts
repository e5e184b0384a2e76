import { describe, expect, it } from "vitest";
import { usageTotalOf } from "@/lib/message/usage-total";
import type { ChatJson } from "./chat-json";
import { chatExportFile, exportFileName } from "./chat-export";

const chat: ChatJson = {
  id: "chat-1",
  title: "Paris / Tokyo: weather?",
  createdAt: "2026-12-07T10:00:00.000Z",
  updatedAt: "2026-12-07T10:01:00.000Z",
  messages: [{ id: "u1", role: "user", parts: [{ type: "text", text: "Hi" }] }],
  tree: [{ id: "u1", parentId: null, role: "user" }],
  usage: usageTotalOf([]),
};

describe("chatExportFile", () => {
  it("writes JSON in the API's shape", () => {
    const file = chatExportFile(chat, "json");
    expect(JSON.parse(file.body)).toEqual(chat);
    expect(file.contentType).toBe("application/json; charset=utf-8");
    expect(file.fileName).toBe("Paris Tokyo weather.json");
  });

  it("writes Markdown", () => {
    const file = chatExportFile(chat, "markdown");
    expect(file.body).toBe("# Paris / Tokyo: weather?\n\n## You\n\nHi\n");
    expect(file.contentType).toBe("text/markdown; charset=utf-8");
    expect(file.fileName).toBe("Paris Tokyo weather.md");
  });
});

describe("exportFileName", () => {
  it("keeps letters of every script and emoji, drops what file systems refuse", () => {
    expect(exportFileName("Réunion 東京 🎉", "md")).toBe("Réunion 東京 🎉.md");
    expect(exportFileName('a<b>c:"d"|e?f*g\\h\u0000i\u200bj', "md")).toBe("a b c d e f g h i j.md");
  });

  it("never names a hidden file or an empty one, and cuts a long title", () => {
    expect(exportFileName("...", "json")).toBe("chat.json");
    expect(exportFileName("../../etc/passwd", "md")).toBe("etc passwd.md");
    expect(exportFileName(`${"🎉".repeat(100)}`, "md")).toBe(`${"🎉".repeat(80)}.md`);
  });
});
