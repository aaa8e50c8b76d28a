/** Rows as aligned columns under a header (widths in code points; wide glyphs may shift). */
export function formatTable(header: string[], rows: string[][]): string {
  const width = (text: string) => Array.from(text).length;
  const widths = header.map((title, i) =>
    Math.max(width(title), ...rows.map((row) => width(row[i] ?? ""))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - width(cell)),
      )
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
