// Search on DynamoDB (lib/store/dynamodb/dynamodb-chat-search.ts): no second service, the user's
// chats read and matched in code. How long a search takes, and how much it reads, for a user with
// 10, 100, 500 (the bound) and 1 000 chats, against dynalite on this machine. A measurement, not a test: it prints a
// Markdown table for bench/README.md; quick mode (SEARCH_BENCH_QUICK=1: 10 and 100 chats) fails only
// on a gross regression.
// Usage: npm run bench:search   (SEARCH_BENCH_MESSAGES: messages per chat, default 10)
import { cpus, totalmem } from "node:os";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { expect, test } from "vitest";
import type { ChatMessage } from "@/lib/message/chat-message";
import { createChatTable } from "@/lib/store/dynamodb/create-chat-table";
import { MAX_SEARCHED_CHATS } from "@/lib/store/dynamodb/dynamodb-chat-search";
import { DynamoChatStore } from "@/lib/store/dynamodb/dynamodb-chat-store";
import { startLocalDynamoDB } from "@/test/support/local-dynamodb";

const QUICK = process.env.SEARCH_BENCH_QUICK === "1";
const SIZES = QUICK ? [10, 100] : [10, 100, MAX_SEARCHED_CHATS, 1_000];
const MESSAGES_PER_CHAT = Number(process.env.SEARCH_BENCH_MESSAGES ?? 10);
const RUNS = QUICK ? 3 : 7;
const LIMIT = 20;
/** Quick mode's gross-regression limit for the slowest search of 100 chats. */
const QUICK_MAX_MS = 5_000;

const VOCABULARY = ("weather forecast answer python function reverse string city sunny rain wind celsius time zone calculate percent " +
  "markdown table list code example explain because therefore however question model tool result value number").split(" ");

/** An answer of about 1 KB of varied words (so gzip does not make it nothing), seeded. */
function answerText(seed: number, extra: string): string {
  const words: string[] = [];
  for (let index = 0; words.join(" ").length < 1_000; index += 1) words.push(VOCABULARY[(seed * 31 + index * 17 + index * index) % VOCABULARY.length] ?? "word");
  return `${words.join(" ")} ${extra}`;
}

const message = (id: string, role: "user" | "assistant", text: string): ChatMessage => ({ id, role, parts: [{ type: "text", text }] });

type Searched = { query: string; what: string };
const QUERIES: Searched[] = [
  { query: "commonword", what: "a word in every answer (stops at 20 hits)" },
  { query: "oldestword", what: "a word only in the oldest chat's last answer" },
  { query: "nowhereword", what: "a word in no chat" },
];

test("search on DynamoDB: time and reads by the user's number of chats", { timeout: 1_800_000 }, async () => {
  const dynamo = await startLocalDynamoDB();
  const client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: "us-east-1", credentials: { accessKeyId: "bench", secretAccessKey: "bench" } });
  let reads = { queries: 0, items: 0, capacityUnits: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "QueryCommand") return next(args);
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      const output = result.output as { Count?: number; ConsumedCapacity?: { CapacityUnits?: number } };
      reads = { queries: reads.queries + 1, items: reads.items + (output.Count ?? 0), capacityUnits: reads.capacityUnits + (output.ConsumedCapacity?.CapacityUnits ?? 0) };
      return result;
    },
    { step: "initialize", name: "countReads" },
  );
  const tableName = "search-bench";
  await createChatTable(client, tableName);
  const store = new DynamoChatStore({ tableName, documents: DynamoDBDocumentClient.from(client) });

  const rows: string[] = [];
  try {
    for (const size of SIZES) {
      const userId = `user-${size}`;
      const filled = performance.now();
      await fillChats(store, userId, size);
      const fillSeconds = (performance.now() - filled) / 1000;
      for (const { query, what } of QUERIES) {
        const times: number[] = [];
        let last = { hits: 0, truncated: false };
        for (let run = 0; run < RUNS; run += 1) {
          reads = { queries: 0, items: 0, capacityUnits: 0 };
          const started = performance.now();
          const result = await store.searchChats(userId, query, { limit: LIMIT });
          times.push(performance.now() - started);
          last = { hits: result.hits.length, truncated: result.truncated };
        }
        rows.push(
          `| ${size} | ${what} | ${last.hits}${last.truncated ? " (truncated)" : ""} | ${median(times).toFixed(0)} ms | ${Math.max(...times).toFixed(0)} ms | ${reads.queries} | ${reads.items} | ${reads.capacityUnits.toFixed(1)} |`,
        );
        if (QUICK && size === 100) expect(Math.max(...times)).toBeLessThan(QUICK_MAX_MS);
        // Past the bound, the oldest chats are not searched, and the result says so.
        if (query === "oldestword") expect(last).toEqual({ hits: size <= MAX_SEARCHED_CHATS ? 1 : 0, truncated: size > MAX_SEARCHED_CHATS });
      }
      console.log(`${size} chats of ${MESSAGES_PER_CHAT} messages stored in ${fillSeconds.toFixed(1)} s`);
    }
  } finally {
    client.destroy();
    await dynamo.close();
  }

  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? "cpu"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(
    [
      "",
      `Search on DynamoDB (dynalite ${QUICK ? "quick" : "full"} run; ${MESSAGES_PER_CHAT} messages per chat, answers of ~1 KB; limit ${LIMIT}; median and max of ${RUNS} runs; ${machine})`,
      "",
      "| chats | query | hits | median | max | queries | items read | read capacity units (eventually consistent) |",
      "|---|---|---|---|---|---|---|---|",
      ...rows,
    ].join("\n"),
  );
});

const median = (values: number[]) => values.toSorted((first, second) => first - second)[Math.floor(values.length / 2)] ?? Number.NaN;

/** `count` chats for the user, oldest first, written through the store as the app writes them. */
async function fillChats(store: DynamoChatStore, userId: string, count: number) {
  const PARALLEL = 16;
  for (let start = 0; start < count; start += PARALLEL) {
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL, count - start) }, async (_, offset) => {
        const index = start + offset;
        const chatId = `${userId}-chat-${index}`;
        const now = 1_000_000 + index * 1_000;
        await store.ensureChat(userId, { id: chatId, title: `Chat ${index} about ${VOCABULARY[index % VOCABULARY.length]}`, now });
        for (let turn = 0; turn < MESSAGES_PER_CHAT / 2; turn += 1) {
          const isLast = turn === MESSAGES_PER_CHAT / 2 - 1;
          await store.saveMessage(userId, chatId, message(`${chatId}-q${turn}`, "user", `Question ${turn} about ${VOCABULARY[(index + turn) % VOCABULARY.length]}?`), now + turn * 2 + 1);
          const extra = `commonword${isLast && index === 0 ? " oldestword" : ""}`;
          await store.saveMessage(userId, chatId, message(`${chatId}-a${turn}`, "assistant", answerText(index * 7 + turn, extra)), now + turn * 2 + 2);
        }
      }),
    );
  }
}
