import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import type { ConversationIndex, ConversationPlace } from "../conversation-index";
import type { ChatTable } from "./chat-table";
import { conversationsPartitionKey } from "./table-design";

/** One item per user and digest (see "Conversation index" in README.md); left behind by a deleted chat, which the caller notices. */
export class DynamoConversationIndex implements ConversationIndex {
  readonly #tableName: string;
  readonly #documents: ChatTable["documents"];

  constructor({ tableName, documents }: ChatTable) {
    this.#tableName = tableName;
    this.#documents = documents;
  }

  async find(userId: string, key: string): Promise<ConversationPlace | undefined> {
    const { Item } = await this.#documents.send(
      new GetCommand({ TableName: this.#tableName, Key: { PK: conversationsPartitionKey(userId), SK: key }, ConsistentRead: true }),
    );
    if (typeof Item?.chatId !== "string" || typeof Item.messageId !== "string") return undefined;
    return { chatId: Item.chatId, messageId: Item.messageId };
  }

  async remember(userId: string, key: string, { chatId, messageId }: ConversationPlace): Promise<void> {
    await this.#documents.send(
      new PutCommand({ TableName: this.#tableName, Item: { PK: conversationsPartitionKey(userId), SK: key, chatId, messageId } }),
    );
  }
}
