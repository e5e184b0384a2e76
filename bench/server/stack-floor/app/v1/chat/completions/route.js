// Next alone: the model's stream passed through untouched (the request's body to the model, the
// model's bytes back), no AI SDK. Between the model itself and the AI SDK's route, it shows which
// part of the added time is Next's routing and fetch, and which is the AI SDK's.
export async function POST(request) {
  const model = await fetch(`${process.env.OPENAI_BASE_URL}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${process.env.OPENAI_API_KEY}` },
    body: await request.text(),
  });
  // no-transform: as Parley's stream, so `next start` does not compress (and buffer) it.
  return new Response(model.body, { status: model.status, headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform" } });
}
