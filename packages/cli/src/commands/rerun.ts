/** One argument as a POSIX shell reads it back: bare when that is safe, else in single quotes. */
export const shellQuote = (arg: string): string =>
  /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;

/** The command line of this run, `clipkit …`, to paste again (resume, retry, repair). */
export const commandLine = (args: readonly string[]): string =>
  `clipkit ${args.map(shellQuote).join(" ")}`;
