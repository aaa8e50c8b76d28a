// Mutation testing (pnpm mutation): the one place that says which packages are mutated and the
// score each must keep in `pnpm mutation --ci`. A new package needs an entry here (a test checks).

/** Minimum mutation score (killed + timed out, over all covered and uncovered mutants), in %. */
export const mutationThresholds: Record<string, number> = {
  core: 90,
  "zoom-shared": 90,
  // Measured 94.5 % (2026-12-05: 698 of 739 detected, 39 survived, 2 without coverage; 62 min
  // on two shared cores).
  "zoom-clips": 85,
  "zoom-cloud-recording": 85,
  "uplynk-clipping": 85,
  // Provisional, as for its Zoom siblings: not measured yet (added 2026-12-04, a scaffolded
  // client with paginate, tested by its Prism contract suite).
  "zoom-users": 85,
  // Measured 93.2 % (2026-11-23), once its tests ran the CLI in-process.
  cli: 90,
  // Measured per file group, 2026-12-05 (a whole run did not fit on two shared cores: 4,207
  // mutants, 415 of them static, each rerunning every test): 26 of its 47 files score 92.9 %
  // (1,621 detected, 99 survived, 25 without coverage; 87.4 % before their new tests). The
  // groups: s3, http, signatures, scopes, calendar, global setup, clock, random (91.4 %);
  // faults, page tokens, tokens, OAuth, fault answers, strict fetch, forms, user listing
  // (89.4 %); the Clips fake (96.4 %, 87.1 % before; 37 min); the Zoom recordings fake (92.0 %;
  // 31 min). Not measured yet: zoom-hosts, zoom-error, cdn, account rate limits, operation routes,
  // uplynk-fake, msw, start-mock, start-prism, spec/, http/listen, http/free-port, fake-account,
  // file-content, webhook examples, index, version. A first whole run may score below this.
  testing: 92,
  // Provisional: not yet measured (its tests include 4 runtimes and tsc runs; see issue 22's note).
  "zoom-webhooks": 85,
};

/**
 * Packages with source that are not mutated, and why. Each needs a reason a reader accepts:
 * a package here has no score at all.
 */
export const mutationSkipped: Record<string, string> = {
  "contract-harness":
    "private test tooling without tests of its own: the API packages' contract and fuzz suites are what run it, against Prism",
};

/** Source files never mutated: generated code is checked by the drift test, not by tests. */
export const mutationExcluded = ["src/generated/**", "src/**/*.d.ts"];
