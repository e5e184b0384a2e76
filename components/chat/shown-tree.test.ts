import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import type { MessageNode } from "@/lib/message/message-tree";
import { shownTree } from "./shown-tree";

const user = (id: string): ChatMessage => ({ id, role: "user", parts: [{ type: "text", text: id }] });
const assistant = (id: string): ChatMessage => ({ id, role: "assistant", parts: [{ type: "text", text: id, state: "done" }] });

const stored: MessageNode[] = [
  { id: "q1", parentId: null, role: "user" },
  { id: "a1", parentId: "q1", role: "assistant" },
];

describe("shownTree", () => {
  it("is the stored tree itself while the view shows nothing new", () => {
    const { tree, kept } = shownTree(stored, [user("q1"), assistant("a1")]);
    expect(tree).toBe(stored);
    expect(kept).toBe(stored);
  });

  it("adds each new message after the one shown before it, and keeps an answered question", () => {
    const { tree, kept } = shownTree(stored, [user("q1"), assistant("a1"), user("q2"), assistant("a2")]);
    expect(tree).toEqual([...stored, { id: "q2", parentId: "a1", role: "user" }, { id: "a2", parentId: "q2", role: "assistant" }]);
    expect(kept).toBe(tree);
  });

  it("shows a question not answered yet, but does not keep it", () => {
    const asked = shownTree(stored, [user("q1"), assistant("a1"), user("q2")]);
    expect(asked.tree).toEqual([...stored, { id: "q2", parentId: "a1", role: "user" }]);
    expect(asked.kept).toBe(stored);

    // An edit of the first question: a new root beside it.
    const edited = shownTree(stored, [user("q1b")]);
    expect(edited.tree).toEqual([...stored, { id: "q1b", parentId: null, role: "user" }]);
    expect(edited.kept).toBe(stored);
  });

  it("keeps what came before a question not answered yet, and a stored question at the end", () => {
    const { tree, kept } = shownTree(stored, [user("q1"), assistant("a1"), user("q2"), assistant("a2"), user("q3")]);
    expect(tree.map(({ id }) => id)).toEqual(["q1", "a1", "q2", "a2", "q3"]);
    expect(kept.map(({ id }) => id)).toEqual(["q1", "a1", "q2", "a2"]);

    const storedQuestion = [...stored, { id: "q2", parentId: "a1", role: "user" as const }];
    const again = shownTree(storedQuestion, [user("q1"), assistant("a1"), user("q2")]);
    expect(again.tree).toBe(storedQuestion);
    expect(again.kept).toBe(storedQuestion);
  });
});
