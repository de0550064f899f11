/**
 * Module hooks for record-imports: posts each resolved ES module URL to the main thread.
 */
import type { MessagePort } from 'node:worker_threads';

let port: MessagePort | undefined;

/** Receives the port to post to. */
export function initialize(data: { port: MessagePort }): void {
  port = data.port;
}

type Next = (specifier: string, context: unknown) => Promise<{ url: string }>;

/** Resolves as usual, and reports the URL. */
export async function resolve(specifier: string, context: unknown, next: Next): Promise<{ url: string }> {
  const result = await next(specifier, context);
  port?.postMessage(result.url);
  return result;
}
