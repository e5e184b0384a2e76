import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Message } from "@/components/chat/message";
import { parseChatRequest } from "@/lib/chat/parse-chat-request";
import { streamChat } from "@/lib/chat/stream-chat";
import type { ChatMessage } from "@/lib/message/chat-message";
import { chatTestEnv, mockChatModel, toolCallsThenText } from "@/test/support/chat-fixtures";
import { searchDocs } from "@/test/fixtures/tools/search-docs";
import { readChatStream } from "@/test/support/read-chat-stream";
import { toolDefinitions } from "./index";

// "Adding a tool is one file and one line": the file is test/fixtures/tools/search-docs.ts, the
// line is the tool set below. Nothing else (no presenter, no type) is needed for the model to call
// it, for its call to be checked when it comes back in a request, and for its chip to show.
const tools = { ...toolDefinitions, searchDocs };

const question: ChatMessage = { id: "u1", role: "user", parts: [{ type: "text", text: "Where are the docs on streaming?" }] };

async function answerCalling(input: Record<string, unknown>) {
  const { model } = toolCallsThenText({ calls: [{ toolName: "searchDocs", input }], text: ["See the Streaming page."] });
  const response = streamChat({ messages: [question], chatModel: mockChatModel(model), env: chatTestEnv, tools });
  const { message } = await readChatStream(response);
  if (!message) throw new Error("no answer");
  return message as ChatMessage;
}

const render = (message: ChatMessage) => renderToStaticMarkup(<Message message={message} isStreaming={false} />);

describe("a tool added with one file and one line", () => {
  it("is called by the model and shows a generic chip: its name, its main input, done, and its result on demand", async () => {
    const answer = await answerCalling({ query: "streaming" });
    expect(answer.parts.find((part) => part.type === "tool-searchDocs")).toMatchObject({
      state: "output-available",
      output: { ok: true, pages: [{ title: "Streaming" }] },
    });

    const html = render(answer);
    expect(html).toMatch(/<div data-testid="tool-chip" data-tool-name="searchDocs" data-state="done" data-cached="false"/);
    expect(html).toContain('<span class="font-semibold">searchDocs</span>');
    expect(html).toContain('title="streaming">streaming</span>');
    expect(html).toContain('data-testid="tool-chip-elapsed"');
    expect(html).toContain('data-testid="tool-chip-toggle"');
    expect(html).toContain("See the Streaming page.");
  });

  it("shows its { ok: false } answer as no result, with the reason", async () => {
    const html = render(await answerCalling({ query: "billing" }));
    expect(html).toContain('data-tool-name="searchDocs" data-state="no-result"');
    expect(html).toContain("Nothing about &quot;billing&quot;.");
  });

  it("is checked against its schema when a client sends the history back", async () => {
    const answer = await answerCalling({ query: "streaming" });
    const body = (history: ChatMessage[]) =>
      new Request("http://localhost/api/chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ id: "chat-1", messages: [...history, { id: "u2", role: "user", parts: [{ type: "text", text: "Thanks" }] }] }),
      });
    await expect(parseChatRequest(body([question, answer]), tools)).resolves.toMatchObject({ userMessage: { id: "u2" } });

    const forged = {
      ...answer,
      parts: answer.parts.map((part) => (part.type === "tool-searchDocs" ? { ...part, input: { query: 42 } } : part)),
    } as ChatMessage;
    await expect(parseChatRequest(body([question, forged]), tools)).rejects.toMatchObject({ code: "invalid_request" });
  });
});
