// The naive baseline of the long-answer benchmark: a chat page that re-parses and re-renders the
// whole answer on every token. Each SSE delta is a `setState`; each render runs `marked` over the
// whole text and replaces the message's HTML. Nothing is memoised or throttled (React batches the
// deltas that one network read delivers, as it would in any app). It reads the fake OpenAI stream
// directly (`/v1/chat/completions`, proxied same-origin by the harness) and uses the same
// `data-testid`s and the same auto-scroll (a ResizeObserver that follows the bottom) as the app.
// Bundled by `bench/browser/long-answer.mjs` with esbuild; not part of the app.
import { marked } from "marked";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { createRoot } from "react-dom/client";

type Turn = { question: string; answer: string; status: "streaming" | "done" };

/** Renders of the answer so far (the harness reads it: how many times the whole text was parsed). */
declare global {
  interface Window {
    naiveRenders: number;
  }
}
window.naiveRenders = 0;

async function streamAnswer(question: string, onDelta: (delta: string) => void) {
  const response = await fetch("/v1/chat/completions", {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer bench" },
    body: JSON.stringify({ model: "bench", stream: true, messages: [{ role: "user", content: question }] }),
  });
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffer += value;
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      end = buffer.indexOf("\n\n");
      if (!event.startsWith("data: ") || event === "data: [DONE]") continue;
      const chunk = JSON.parse(event.slice("data: ".length)) as { choices?: { delta?: { content?: string | null } }[] };
      const content = chunk.choices?.[0]?.delta?.content;
      if (content) onDelta(content);
    }
  }
}

/** The whole answer as HTML, parsed from scratch (counted: the harness reports how often). */
function renderWholeAnswer(text: string): string {
  window.naiveRenders += 1;
  return marked.parse(text, { async: false });
}

function Answer({ text, status }: { text: string; status: Turn["status"] }) {
  const html = renderWholeAnswer(text);
  return (
    <article data-testid="message" data-role="assistant" data-status={status} className="answer">
      <div data-testid="message-text" dangerouslySetInnerHTML={{ __html: html }} />
    </article>
  );
}

function NaiveChat() {
  const [turns, setTurns] = useState<Turn[]>([]);
  const [input, setInput] = useState("");
  const scrollerRef = useRef<HTMLDivElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);

  // Follow the bottom while the content grows, as the app's useAutoScroll does.
  useEffect(() => {
    const scroller = scrollerRef.current;
    const content = contentRef.current;
    if (!scroller || !content) return;
    const observer = new ResizeObserver(() => {
      scroller.scrollTop = scroller.scrollHeight;
    });
    observer.observe(content);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);

  const updateLast = (update: (turn: Turn) => Turn) =>
    setTurns((current) => current.map((turn, index) => (index === current.length - 1 ? update(turn) : turn)));

  const send = (question: string) => {
    setTurns((current) => [...current, { question, answer: "", status: "streaming" }]);
    void streamAnswer(question, (delta) => updateLast((turn) => ({ ...turn, answer: turn.answer + delta }))).finally(() =>
      updateLast((turn) => ({ ...turn, status: "done" })),
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== "Enter" || event.shiftKey) return;
    event.preventDefault();
    if (input.trim() === "") return;
    send(input);
    setInput("");
  };

  return (
    <main className="chat">
      <div ref={scrollerRef} className="scroller">
        <div ref={contentRef} className="content">
          {turns.map((turn, index) => (
            <section key={index} className="turn">
              <article data-testid="message" data-role="user" className="question">
                <div data-testid="message-text">{turn.question}</div>
              </article>
              <Answer text={turn.answer} status={turn.status} />
            </section>
          ))}
        </div>
      </div>
      <textarea
        data-testid="composer-input"
        aria-label="Message"
        value={input}
        onChange={(event) => setInput(event.target.value)}
        onKeyDown={onKeyDown}
      />
    </main>
  );
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<NaiveChat />);
