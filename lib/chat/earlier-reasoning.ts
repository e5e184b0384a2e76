import type { ChatMessage } from "@/lib/message/chat-message";

/**
 * The history with the reasoning of earlier answers only where the model can take it: through the
 * Responses API, from answers the same model wrote (another model cannot read its encrypted
 * reasoning). Chat Completions servers get none: DeepSeek refuses reasoning from earlier turns,
 * Groq and Mistral refuse the field itself. Within one answer the SDK passes each step's own.
 */
export function earlierReasoningFor(messages: ChatMessage[], model: { id: string; keepsEarlierReasoning: boolean }): ChatMessage[] {
  return messages.map((message) => {
    if (message.role !== "assistant" || !message.parts.some((part) => part.type === "reasoning")) return message;
    if (model.keepsEarlierReasoning && message.metadata?.modelId === model.id) return message;
    return { ...message, parts: message.parts.filter((part) => part.type !== "reasoning") };
  });
}
