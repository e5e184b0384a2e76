import { describe, expect, it } from "vitest";
import type { ChatMessage } from "./chat-message";
import {
  answersTo,
  arrangeConversation,
  latestLeafUnder,
  pathTo,
  versionPositions,
  type MessageNode,
  type StoredMessageEntry,
} from "./message-tree";

const message = (id: string, role: ChatMessage["role"] = "user"): ChatMessage => ({ id, role, parts: [{ type: "text", text: id }] });
const entry = (id: string, parentId: string | null | undefined, role: ChatMessage["role"] = "user"): StoredMessageEntry => ({
  message: message(id, role),
  parentId,
});
const ids = (messages: ChatMessage[]) => messages.map(({ id }) => id);

// q1 → a1 → q2 → a2, with q2 edited (q2b → a2b) and a1 regenerated (a1b).
const branched: StoredMessageEntry[] = [
  entry("q1", null),
  entry("a1", "q1", "assistant"),
  entry("q2", "a1"),
  entry("a2", "q2", "assistant"),
  entry("q2b", "a1"),
  entry("a2b", "q2b", "assistant"),
  entry("a1b", "q1", "assistant"),
];
const tree = arrangeConversation(branched, undefined).tree;

describe("arrangeConversation", () => {
  it("follows the path to the active leaf", () => {
    expect(ids(arrangeConversation(branched, "a2").messages)).toEqual(["q1", "a1", "q2", "a2"]);
    expect(ids(arrangeConversation(branched, "a2b").messages)).toEqual(["q1", "a1", "q2b", "a2b"]);
  });

  it("ends at the last stored message without an active leaf, or with one that is gone", () => {
    expect(ids(arrangeConversation(branched, undefined).messages)).toEqual(["q1", "a1b"]);
    expect(ids(arrangeConversation(branched, "deleted").messages)).toEqual(["q1", "a1b"]);
  });

  it("reads messages stored before chats were trees as one line, in the order stored", () => {
    const legacy = [entry("q1", undefined), entry("a1", undefined, "assistant"), entry("q2", undefined)];
    const { messages, tree: legacyTree } = arrangeConversation(legacy, undefined);
    expect(ids(messages)).toEqual(["q1", "a1", "q2"]);
    expect(legacyTree.map((node) => node.parentId)).toEqual([null, "q1", "a1"]);
  });

  it("branches off a chat stored as one line", () => {
    const legacy = [entry("q1", undefined), entry("a1", undefined, "assistant"), entry("a1b", "q1", "assistant")];
    expect(ids(arrangeConversation(legacy, "a1").messages)).toEqual(["q1", "a1"]);
    expect(ids(arrangeConversation(legacy, "a1b").messages)).toEqual(["q1", "a1b"]);
  });

  it("ends a path that loops instead of hanging", () => {
    const looped = [entry("x", "y"), entry("y", "x")];
    expect(ids(arrangeConversation(looped, "y").messages)).toEqual(["x", "y"]);
  });

  it("is empty for a chat without messages", () => {
    expect(arrangeConversation([], undefined)).toEqual({ messages: [], tree: [], messagesById: new Map() });
  });
});

describe("versionPositions", () => {
  it("gives each message with siblings its place among them, and no others", () => {
    const positions = versionPositions(tree);
    expect(positions.get("q2")).toEqual({ index: 0, count: 2, versionIds: ["q2", "q2b"] });
    expect(positions.get("q2b")).toEqual({ index: 1, count: 2, versionIds: ["q2", "q2b"] });
    expect(positions.get("a1")).toEqual({ index: 0, count: 2, versionIds: ["a1", "a1b"] });
    expect(positions.get("a1b")).toEqual({ index: 1, count: 2, versionIds: ["a1", "a1b"] });
    expect(positions.has("q1")).toBe(false);
    expect(positions.has("a2")).toBe(false);
    expect([...positions.keys()].toSorted()).toEqual(["a1", "a1b", "q2", "q2b"]);
  });

  it("counts first messages as versions of each other", () => {
    const roots: MessageNode[] = [
      { id: "q1", parentId: null, role: "user" },
      { id: "q1b", parentId: null, role: "user" },
    ];
    expect(versionPositions(roots).get("q1b")).toEqual({ index: 1, count: 2, versionIds: ["q1", "q1b"] });
  });
});

describe("latestLeafUnder", () => {
  it("goes down the newest reply at each step", () => {
    expect(latestLeafUnder(tree, "a1")).toBe("a2b");
    expect(latestLeafUnder(tree, "q2")).toBe("a2");
    expect(latestLeafUnder(tree, "a1b")).toBe("a1b");
    expect(latestLeafUnder(tree, "unknown")).toBeUndefined();
  });
});

describe("pathTo and answersTo", () => {
  it("reads the path and the answers of a question", () => {
    expect(pathTo(tree, "a2b")).toEqual(["q1", "a1", "q2b", "a2b"]);
    expect(pathTo(tree, "unknown")).toEqual([]);
    expect(answersTo(tree, "q1").map(({ id }) => id)).toEqual(["a1", "a1b"]);
    expect(answersTo(tree, "a1")).toEqual([]);
  });
});
