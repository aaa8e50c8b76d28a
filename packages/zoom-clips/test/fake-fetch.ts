/** A fetch that records every request and answers from `answer` (no network). */
export function fakeFetch(
  answer: (request: Request, index: number) => Response | Promise<Response>,
) {
  const requests: Request[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    requests.push(request);
    request.signal.throwIfAborted();
    return answer(request, requests.length - 1);
  };
  return { fetch, requests };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
