import { RateGovernor, type RatePlan } from "@clipkit/core/governor";
import { type Command, InvalidArgumentError } from "commander";

/** `--rate-plan` and `--max-rps`: the account's API budget, for every Zoom command that calls the API. */
export interface RateFlags {
  ratePlan: RatePlan;
  maxRps?: number;
}

const RATE_PLANS: readonly RatePlan[] = ["pro", "business"];

function ratePlan(value: string): RatePlan {
  if (!(RATE_PLANS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(
      `expected ${RATE_PLANS.join(" or ")} (business: Business and up)`,
    );
  }
  return value as RatePlan;
}

function maxRps(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new InvalidArgumentError("expected a whole number from 1 to 1000");
  }
  return n;
}

export function withRateOptions<C extends Command>(command: C): C {
  return command
    .option(
      "--rate-plan <plan>",
      "the account's Zoom plan, for its API rate limits: pro or business (Business and up)",
      ratePlan,
      "pro",
    )
    .option(
      "--max-rps <n>",
      "at most this many API requests a second (all categories)",
      maxRps,
    ) as C;
}

/** One budget for every client and worker of a run: Zoom counts per account. */
export function governorFor(flags: RateFlags): RateGovernor {
  return new RateGovernor({
    plan: flags.ratePlan,
    ...(flags.maxRps !== undefined ? { maxRequestsPerSecond: flags.maxRps } : {}),
  });
}
