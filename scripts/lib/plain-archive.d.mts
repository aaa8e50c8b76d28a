export function listDownloadUrls(baseUrl: string, token: string): Promise<string[]>;
export function plainArchive(
  baseUrl: string,
  token: string,
  concurrency: number,
  out: string,
  sha256?: boolean,
): Promise<void>;
