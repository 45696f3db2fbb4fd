import { z } from 'zod';
import { type Exposition, httpFetcher, PrometheusError, scrape } from '../../clients/prometheus/client.js';
import { sayError } from '../../core/said.js';
import type { Lang } from '../../i18n/index.js';

/*
 * A host's node-exporter as the source of a kind (apt.pending, system.reboot):
 * the metrics the Debian textfile collectors write (apt_info.py, under
 * /var/lib/prometheus/node-exporter/*.prom) instead of commands over SSH.
 */

export const nodeExporterOption = z
  .string()
  .regex(/^https?:\/\/[^\s]+$/, 'http://HOST:9100/metrics')
  .optional()
  .describe(
    "Read this host's node-exporter (`http://{host}:9100/metrics`; `{host}` is the inventory name) instead of running commands: the apt textfile collector's metrics.",
  );

/** The metrics of a host's node-exporter, or why they could not be read. */
export async function readNodeExporter(
  template: string,
  host: string,
  signal: AbortSignal,
  lang: Lang = 'en',
): Promise<{ url: string; metrics: Exposition } | { url: string; error: string }> {
  const url = template.replaceAll('{host}', host);
  try {
    return { url, metrics: await scrape(url, httpFetcher({ url, timeoutMs: 15_000 }), signal) };
  } catch (err) {
    if (err instanceof PrometheusError) return { url, error: sayError(lang, err) };
    throw err;
  }
}

/**
 * When the textfile collector last wrote a file whose name matches `file`
 * (`node_textfile_mtime_seconds`), and whether reading the directory failed.
 */
export function textfileWritten(e: Exposition, file: RegExp): { at: number | null; scrapeError: boolean } {
  const times = e.samples
    .filter((s) => s.name === 'node_textfile_mtime_seconds' && file.test(s.labels.file ?? ''))
    .map((s) => s.value);
  const scrapeError = e.samples.some((s) => s.name === 'node_textfile_scrape_error' && s.value !== 0);
  return { at: times.length ? Math.max(...times) : null, scrapeError };
}
