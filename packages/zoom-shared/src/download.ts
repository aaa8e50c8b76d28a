// Downloads are part of core's request lifecycle; these names stay for the Zoom packages.
export {
  continueDownload,
  type Download,
  DownloadChangedError,
  type DownloadOptions,
  type DownloadProgress,
  IncompleteDownloadError,
  openDownload,
} from "@clipkit/core";
