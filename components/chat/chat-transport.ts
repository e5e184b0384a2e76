import { DefaultChatTransport, type ChatTransport, type PrepareSendMessagesRequest, type UIMessageChunk } from "ai";
import type { StreamIdHeader, StreamIdParam } from "@/lib/chat/stream-id";
import type { ChatMessage } from "@/lib/message/chat-message";
import { continueAfterCuts } from "./continue-after-cuts";

// The server's names for them (lib/chat/stream-id.ts): the types keep the two the same.
const STREAM_ID_HEADER: StreamIdHeader = "x-parley-stream";
const STREAM_ID_PARAM: StreamIdParam = "stream";

/** The waits before each attempt to read an answer again after its connection was cut. */
const RECONNECT_DELAYS_MS = [250, 750, 1_500, 3_000, 5_000];

/**
 * The body of POST /api/chat: only the new message (or, to regenerate, the user message being
 * answered again), with the transport's own fields (the chosen model). The server takes the
 * conversation before it from its store, and puts a new message after the chat's last; an edit
 * names the message it follows (`parentId`, in the request's own body), which starts a branch.
 */
export const prepareSendMessagesRequest: PrepareSendMessagesRequest<ChatMessage> = ({ id, messages, trigger, messageId, body }) => ({
  body: { ...body, id, message: messages.at(-1), trigger, messageId },
});

type SendOptions = Parameters<ChatTransport<ChatMessage>["sendMessages"]>[0];
type ReconnectOptions = Parameters<ChatTransport<ChatMessage>["reconnectToStream"]>[0];

/**
 * The AI SDK's HTTP transport, with answers that survive a cut connection: a response names its
 * stream (`x-parley-stream`), and when its connection breaks mid-answer the transport reads that
 * stream again (`GET /api/chat/{id}/stream?stream=…`, which the server replays from the answer's
 * log) and carries on where it was, so the chat sees no error. Only when that fails does the cut
 * reach the chat as its error.
 */
class ReconnectingChatTransport extends DefaultChatTransport<ChatMessage> {
  // Which stream each response body carries, then each parsed stream: the header is read where the
  // response is fetched, the stream is wrapped where the SDK hands it back.
  private readonly bodyStreamIds = new WeakMap<ReadableStream<Uint8Array>, string>();
  private readonly chunkStreamIds = new WeakMap<ReadableStream<UIMessageChunk>, string>();

  constructor(
    private readonly retryDelaysMs: readonly number[],
    currentModelId: () => string,
  ) {
    super({
      api: "/api/chat",
      // Read at each request: the model chosen when the message is sent.
      body: () => ({ model: currentModelId() }),
      prepareSendMessagesRequest,
      fetch: async (input, init) => {
        const response = await fetch(input, init);
        const streamId = response.headers.get(STREAM_ID_HEADER);
        if (response.body && streamId) this.bodyStreamIds.set(response.body, streamId);
        return response;
      },
    });
  }

  protected override processResponseStream(body: ReadableStream<Uint8Array>): ReadableStream<UIMessageChunk> {
    const chunks = super.processResponseStream(body);
    const streamId = this.bodyStreamIds.get(body);
    if (streamId) this.chunkStreamIds.set(chunks, streamId);
    return chunks;
  }

  override async sendMessages(options: SendOptions): Promise<ReadableStream<UIMessageChunk>> {
    return this.surviveCuts(await super.sendMessages(options), options.chatId, options.abortSignal);
  }

  override async reconnectToStream(options: ReconnectOptions): Promise<ReadableStream<UIMessageChunk> | null> {
    const chunks = await super.reconnectToStream(options);
    return chunks && this.surviveCuts(chunks, options.chatId, options.abortSignal);
  }

  private surviveCuts(chunks: ReadableStream<UIMessageChunk>, chatId: string, signal: AbortSignal | undefined) {
    const streamId = this.chunkStreamIds.get(chunks);
    if (!streamId) return chunks;
    return continueAfterCuts(chunks, { readAgain: () => this.readAgain(chatId, streamId, signal), retryDelaysMs: this.retryDelaysMs, signal });
  }

  private async readAgain(chatId: string, streamId: string, signal: AbortSignal | undefined): Promise<ReadableStream<UIMessageChunk> | null> {
    const url = `${this.api}/${encodeURIComponent(chatId)}/stream?${STREAM_ID_PARAM}=${encodeURIComponent(streamId)}`;
    const response = await fetch(url, { signal });
    // A proxy whose server is down (or restarting) answers 502–504: as unreachable as no answer at all.
    if (response.status >= 500) throw new TypeError(`The server answered ${response.status}.`);
    // 204: the stream's log is gone (its answer is stored); 4xx: it cannot be read by this client.
    if (response.status === 204 || !response.ok || !response.body) return null;
    return super.processResponseStream(response.body);
  }
}

export function createChatTransport(currentModelId: () => string, retryDelaysMs: readonly number[] = RECONNECT_DELAYS_MS): ChatTransport<ChatMessage> {
  return new ReconnectingChatTransport(retryDelaysMs, currentModelId);
}
