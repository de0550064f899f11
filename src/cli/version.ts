/**
 * layerfix's version, read from its package.json.
 */
import { readFileSync } from 'node:fs';

/** The version in package.json (`0.0.0` when it cannot be read). */
export function version(): string {
  for (const up of ['../../../package.json', '../../package.json']) {
    try {
      const data = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8'));
      if (data?.name === 'layerfix') return String(data.version);
    } catch {
      // try the next candidate
    }
  }
  return '0.0.0';
}
