/** An answer of the fake API: a status and a JSON body (none for 204). */
export type Answer = [status: number, body?: unknown];

/** A route's answer, fixed or computed from the request (its JSON body already read). */
export type Route = Answer | ((request: Request, body: unknown) => Answer);

/**
 * A fetch that answers by route, `"GET /api/v1/orgs"` or `"POST /api/v1/orgs/7/clients"` (the path without its query),
 * and answers 404 with a problem for any other; it records every request. For tests that make several calls.
 */
export function fakeApi(routes: Record<string, Route>) {
  const requests: { method: string; path: string; search: string; body: unknown }[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const text = request.method === "GET" ? "" : await request.clone().text();
    const body: unknown = text === "" ? undefined : JSON.parse(text);
    requests.push({ method: request.method, path: url.pathname, search: url.search, body });
    const route = routes[`${request.method} ${url.pathname}`];
    const [status, answer] = route === undefined ? [404, { title: "Not found", status: 404 }] : typeof route === "function" ? route(request, body) : route;
    return new Response(answer === undefined ? null : JSON.stringify(answer), {
      status,
      headers: { "Content-Type": status >= 400 ? "application/problem+json" : "application/json" },
    });
  };
  return { fetch, requests };
}
