/**
 * The ports of an EXPOSE as BuildKit reads them: each word expanded, split into `[ip:][hostPort:]port[/proto]`.
 */
import { NodeData, type InstructionView } from '../../src/engine/index.js';
import { expandAt, type DispatchState } from './dispatch.js';

/** One port of an EXPOSE. */
export interface ExposedPort {
  /** The word as BuildKit reads it (expanded). */
  raw: string;
  /** The protocol as written (`tcp` when none); undefined when BuildKit rejects the port. */
  proto?: string;
  /** It names an IP address or a host port. */
  mapped: boolean;
  /** Where the protocol starts in the logical line, when the word is written literally (no variable, quote or escape). */
  protoStart?: number;
}

const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);

/**
 * The ports of an EXPOSE (`state`: what is set before it, read only for a word that uses a variable); words whose value
 * layerfix cannot evaluate are left out.
 */
export function exposedPorts(
  view: InstructionView,
  state: () => DispatchState | undefined,
  escape: '\\' | '`',
): ExposedPort[] {
  const known = literalPorts.get(view);
  if (known) return known;
  const out: ExposedPort[] = [];
  for (const match of view.args.matchAll(/[^\t\v\f\r ]+/g)) {
    const word = match[0];
    const literal = !/[$'"`\\]/.test(word);
    const value = literal ? word : expandAt(word, state(), escape);
    if (value === undefined) continue;
    for (const raw of literal ? [value] : value.split(/\s+/).filter(Boolean)) {
      const parts = raw.split(':');
      const container = parts[parts.length - 1];
      const slash = container.indexOf('/');
      const port = slash < 0 ? container : container.slice(0, slash);
      const proto = slash < 0 ? 'tcp' : container.slice(slash + 1);
      const valid = port !== '' && (slash < 0 || proto === '' || PROTOCOLS.has(proto.toLowerCase()));
      out.push({
        raw,
        ...(valid ? { proto: proto || 'tcp' } : {}),
        mapped:
          parts.length > 1 &&
          (parts.length > 2 ? parts.slice(0, -2).join(':') !== '' || parts[parts.length - 2] !== '' : parts[0] !== ''),
        ...(literal && slash >= 0
          ? { protoStart: view.argsStart + (match.index ?? 0) + raw.length - container.length + slash + 1 }
          : {}),
      });
    }
  }
  if (!/[$'"`\\]/.test(view.args)) literalPorts.set(view, out);
  return out;
}

/** The ports of EXPOSEs written without variables, quotes or escapes, which do not depend on anything before them. */
const literalPorts = new NodeData<ExposedPort[]>('layerfix.checks.literal-ports');
