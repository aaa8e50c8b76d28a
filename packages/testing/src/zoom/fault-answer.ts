import type { ServerResponse } from "node:http";
import type { Fault } from "../faults.js";
import { sendJson } from "../http/listen.js";

const PER_SECOND =
  "You have reached the maximum per-second rate limit for this API. Try again later.";
const DAILY = "You have reached the maximum daily rate limit for this API.";

/**
 * Answers a fault that replaces the response, as a Zoom host would (its error body and rate
 * limit headers). True when the fault took over the response (`silence`: by never answering);
 * false for faults that act elsewhere (`reset`, `delay`, `slowBody`).
 */
export function answerFault(
  res: ServerResponse,
  fault: Fault,
  headers: Record<string, string | number> = {},
): boolean {
  const tooMany = (message: string, type: string, retryAfter: string | number) =>
    sendJson(
      res,
      429,
      { code: 429, message },
      {
        ...headers,
        "retry-after": retryAfter,
        "x-ratelimit-type": type,
        "x-ratelimit-remaining": 0,
      },
    );
  switch (fault.kind) {
    case "rateLimit":
      tooMany(PER_SECOND, "QPS", fault.retryAfterSeconds);
      return true;
    case "dailyLimit":
      tooMany(DAILY, "Daily-limit", fault.resetsAt);
      return true;
    case "serverError":
      sendJson(
        res,
        fault.status,
        { code: fault.status, message: "Internal server error." },
        headers,
      );
      return true;
    case "answer":
      sendJson(res, fault.status, fault.body, headers);
      return true;
    case "redirect":
      res.writeHead(fault.status, { ...headers, location: fault.location, "content-length": 0 });
      res.end();
      return true;
    case "silence":
      return true;
    default:
      return false;
  }
}

export { DAILY as DAILY_LIMIT_MESSAGE, PER_SECOND as PER_SECOND_LIMIT_MESSAGE };
