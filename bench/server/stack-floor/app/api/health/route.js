// The benchmark waits for this before it starts.
export function GET() {
  return new Response("ok");
}
