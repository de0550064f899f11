/**
 * A logical line split as BuildKit's `splitCommand` splits it: keyword, flags, arguments, with offsets.
 */
import { parseBuildkitArgs, type BuildkitNode } from './buildkit-args.js';
import { isTokenSpace, skipGoSpace, trimGoSpaceEnd } from './go-text.js';
import { extractBuilderFlags, type Word } from './words.js';

/** The parts of a logical line, with [start, end) offsets into it. */
export interface CommandLine {
  keyword: string;
  keywordStart: number;
  keywordEnd: number;
  /** Flags as BuildKit reports them (`--name=value`, quotes removed), with their raw spans. */
  flags: Word[];
  /** The arguments after the flags, trimmed. */
  args: string;
  argsStart: number;
  argsEnd: number;
}

/** Split a logical line into keyword, flags and arguments. */
export function splitCommandLine(line: string): CommandLine {
  const keywordStart = skipGoSpace(line);
  const end = trimGoSpaceEnd(line, keywordStart);
  let keywordEnd = keywordStart;
  while (keywordEnd < end && !isTokenSpace(line.charCodeAt(keywordEnd))) keywordEnd++;
  let restStart = keywordEnd;
  while (restStart < end && isTokenSpace(line.charCodeAt(restStart))) restStart++;
  const rest = line.slice(restStart, end);
  const { flags, rest: afterFlags } = extractBuilderFlags(rest);
  const argsStart = restStart + skipGoSpace(rest, afterFlags);
  return {
    keyword: line.slice(keywordStart, keywordEnd),
    keywordStart,
    keywordEnd,
    flags: flags.map((flag) => ({ value: flag.value, start: flag.start + restStart, end: flag.end + restStart })),
    args: line.slice(argsStart, end),
    argsStart,
    argsEnd: Math.max(argsStart, end),
  };
}

/** BuildKit's node for a logical line (`newNodeFromLine`). */
export function buildkitNode(line: string, escape: string): BuildkitNode {
  const parts = splitCommandLine(line);
  const name = parts.keyword.toLowerCase();
  const parsed = parseBuildkitArgs(name, parts.args, escape, (sub) => buildkitNode(sub, escape));
  const trigger = parsed.next[0];
  const ambiguous = parsed.ambiguous ?? (typeof trigger === 'object' ? trigger.ambiguous : undefined);
  return {
    value: parts.keyword,
    flags: parts.flags.map((flag) => flag.value),
    next: parsed.next,
    json: parsed.json,
    ...(parsed.error ? { error: parsed.error } : {}),
    ...(ambiguous ? { ambiguous } : {}),
  };
}

/** Whether BuildKit reads heredocs for this node (RUN, COPY, ADD in shell form, also under ONBUILD). */
export function canContainHeredoc(node: BuildkitNode): boolean {
  let target = node;
  const child = node.next[0];
  if (node.value.toLowerCase() === 'onbuild' && child && typeof child !== 'string') target = child;
  const name = target.value.toLowerCase();
  return (name === 'run' || name === 'copy' || name === 'add') && !target.json;
}
