/** A fake server for the account page's tests: answers by method and path, records what was sent. */
export interface Sent {
  method: string;
  path: string;
  body: unknown;
}

type Answer = { status: number; body?: unknown };
type Handler = Answer | ((body: unknown) => Answer);

export function fakeApi(routes: Record<string, Handler>) {
  const sent: Sent[] = [];
  const fetch = async (request: Request) => {
    const path = new URL(request.url).pathname;
    const text = await request.text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    sent.push({ method: request.method, path, body });
    const handler = routes[`${request.method} ${path}`];
    const answer = handler === undefined ? { status: 404, body: { title: "Not found", status: 404 } } : typeof handler === "function" ? handler(body) : handler;
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { "Content-Type": answer.status >= 400 ? "application/problem+json" : "application/json" },
    });
  };
  return { fetch, sent, calls: (method: string, path: string) => sent.filter((s) => s.method === method && s.path === path) };
}
