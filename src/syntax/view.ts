/**
 * The instruction view: what an instruction means to BuildKit (keyword, flags, arguments, exec or shell form,
 * heredoc bodies, per-keyword structure), with offsets that map back to the instruction's own text.
 */
import type { BuildkitNode } from './buildkit-args.js';
import { buildkitNode, splitCommandLine } from './command-line.js';
import { csvFields } from './csv.js';
import { logicalLine, type LogicalLine } from './logical.js';
import type { HeredocNode, InstructionNode, Leaf, Root } from './types.js';
import { NodeData } from './node-data.js';
import { parseWords } from './words.js';

/** A flag of an instruction (`--mount=type=cache,target=/x`). */
export interface FlagView {
  /** The name without dashes (`mount`). */
  name: string;
  /** The value after `=`, quotes removed; undefined for a bare `--flag`. */
  value?: string;
  /** The flag as BuildKit reports it: `--name=value`. */
  text: string;
  /**
   * For `--mount`: the comma-separated `key=value` fields of its value as BuildKit reads them (keys lower-cased, a bare
   * `readonly` has no value); undefined for other flags and for a value BuildKit cannot read.
   */
  fields?: Array<{ key: string; value?: string }>;
  /** [start, end) in the logical line. */
  start: number;
  end: number;
}

/** A heredoc attached to an instruction. */
export interface HeredocView {
  name: string;
  chomp: boolean;
  expand: boolean;
  fd: number;
  /** The body as written, line breaks included. */
  body: string;
  /** The body as the build sees it: leading tabs removed under `<<-`. */
  content: string;
}

/** A key/value pair of `ENV`, `LABEL` or `ARG`. */
export interface PairView {
  key: string;
  /** The value as written (quotes and escapes kept); undefined for `ARG name` without a default. */
  value?: string;
  /** `key=value`, or the legacy `key value` form of `ENV`/`LABEL`. */
  form: 'equals' | 'legacy' | 'name';
  /** [start, end) of the whole pair in the logical line. */
  start: number;
  end: number;
}

/** `FROM [--platform=p] image [AS name]`. */
export interface FromView {
  image: string;
  platform?: string;
  alias?: string;
}

/** What an instruction means, read off the tree. */
export interface InstructionView {
  node: InstructionNode;
  /** The keyword as written. */
  keyword: string;
  /** The keyword lower-cased. */
  name: string;
  /** The logical line and its map back to the instruction's text. */
  logical: LogicalLine;
  /** [start, end) of the keyword in the logical line. */
  keywordStart: number;
  keywordEnd: number;
  flags: FlagView[];
  /** The arguments after the flags, trimmed, as in the logical line. */
  args: string;
  argsStart: number;
  argsEnd: number;
  /** `exec` for the JSON array form; `shell` otherwise. */
  form: 'exec' | 'shell';
  /** The elements of the JSON form. */
  exec?: string[];
  heredocs: HeredocView[];
  /** BuildKit's parse of the instruction. */
  buildkit: BuildkitNode;
  from?: FromView;
  pairs?: PairView[];
  /** The instruction an `ONBUILD` wraps. */
  trigger?: { keyword: string; name: string; args: string; buildkit: BuildkitNode };
}

/**
 * What is known of an instruction node: what the parser read of it (reading it again would double the cost of a
 * parse), and its view once asked for.
 */
interface NodeFacts {
  escape: string;
  logical: LogicalLine;
  buildkit: BuildkitNode;
  view?: CachedView;
}

const facts = new NodeData<NodeFacts>('layerfix.instruction');

/** Records the logical line and BuildKit node the parser read for `node` under `escape`, for its view to reuse. */
export function rememberParsed(
  node: InstructionNode,
  escape: string,
  logical: LogicalLine,
  buildkit: BuildkitNode,
): void {
  facts.set(node, { escape, logical, buildkit });
}

/** The view of an instruction node; `escape` is the file's escape character. */
export function instructionView(node: InstructionNode, escape: '\\' | '`' = '\\'): InstructionView {
  const known = facts.get(node);
  if (known?.view?.buildkitEscape === escape) return known.view;
  const view = buildView(node, escape, known);
  if (known) known.view = view;
  else facts.set(node, { escape, logical: view.logical, buildkit: view.buildkit, view });
  return view;
}

/** The views of all instructions of a parsed file, in order. */
export function instructions(root: Root): InstructionView[] {
  const out: InstructionView[] = [];
  for (const node of root.children) if (node.type === 'instruction') out.push(instructionView(node, root.data.escape));
  return out;
}

interface CachedView extends InstructionView {
  buildkitEscape: string;
}

function buildView(node: InstructionNode, escape: '\\' | '`', known: NodeFacts | undefined): CachedView {
  const logical = known?.logical ?? logicalLine(node.children);
  const parts = splitCommandLine(logical.text);
  const buildkit = known?.escape === escape ? known.buildkit : buildkitNode(logical.text, escape);
  const name = parts.keyword.toLowerCase();
  const view: CachedView = {
    node,
    keyword: parts.keyword,
    name,
    logical,
    keywordStart: parts.keywordStart,
    keywordEnd: parts.keywordEnd,
    flags: parts.flags.map(flagView),
    args: parts.args,
    argsStart: parts.argsStart,
    argsEnd: parts.argsEnd,
    form: buildkit.json ? 'exec' : 'shell',
    heredocs: node.children.filter((child): child is HeredocNode => child.type === 'heredoc').map(heredocView),
    buildkit,
    buildkitEscape: escape,
  };
  if (buildkit.json) view.exec = (name === 'healthcheck' ? buildkit.next.slice(1) : buildkit.next) as string[];
  if (name === 'from') view.from = fromView(buildkit);
  if (name === 'env' || name === 'label' || name === 'arg')
    view.pairs = pairViews(name, parts.args, parts.argsStart, escape);
  const trigger = buildkit.next[0];
  if (name === 'onbuild' && trigger && typeof trigger !== 'string') {
    const sub = splitCommandLine(parts.args);
    view.trigger = { keyword: sub.keyword, name: sub.keyword.toLowerCase(), args: sub.args, buildkit: trigger };
  }
  return view;
}

function flagView(flag: { value: string; start: number; end: number }): FlagView {
  const eq = flag.value.indexOf('=');
  const name = (eq < 0 ? flag.value : flag.value.slice(0, eq)).replace(/^--/, '');
  const value = eq < 0 ? undefined : flag.value.slice(eq + 1);
  const view: FlagView = { name, value, text: flag.value, start: flag.start, end: flag.end };
  const fields = name === 'mount' && value !== undefined ? csvFields(value) : undefined;
  if (fields) {
    view.fields = fields.map((field) => {
      const at = field.indexOf('=');
      return at < 0
        ? { key: field.toLowerCase() }
        : { key: field.slice(0, at).toLowerCase(), value: field.slice(at + 1) };
    });
  }
  return view;
}

function heredocView(node: HeredocNode): HeredocView {
  const body = node.children
    .filter((leaf: Leaf) => leaf.type === 'heredocBody')
    .map((leaf) => leaf.value)
    .join('');
  return {
    name: node.name,
    chomp: node.chomp,
    expand: node.expand,
    fd: node.fd,
    body,
    content: node.chomp ? body.replace(/^\t+/gm, '') : body,
  };
}

function fromView(node: BuildkitNode): FromView {
  const [image = '', as, alias] = node.next as string[];
  const platform = node.flags.find((flag) => flag.startsWith('--platform='))?.slice('--platform='.length);
  return {
    image,
    ...(platform !== undefined ? { platform } : {}),
    ...(as && as.toLowerCase() === 'as' && alias ? { alias } : {}),
  };
}

function pairViews(name: string, args: string, argsStart: number, escape: string): PairView[] {
  const words = parseWords(args, escape);
  if (name === 'arg') {
    return words.map((word) => {
      const eq = word.value.indexOf('=');
      return eq < 0
        ? { key: word.value, form: 'name' as const, start: argsStart + word.start, end: argsStart + word.end }
        : {
            key: word.value.slice(0, eq),
            value: word.value.slice(eq + 1),
            form: 'equals' as const,
            start: argsStart + word.start,
            end: argsStart + word.end,
          };
    });
  }
  if (words.length && !words[0].value.includes('=')) {
    const sep = /[\t\v\f\r ]+/.exec(args);
    if (!sep) return [];
    return [
      {
        key: args.slice(0, sep.index),
        value: args.slice(sep.index + sep[0].length),
        form: 'legacy',
        start: argsStart,
        end: argsStart + args.length,
      },
    ];
  }
  return words.map((word) => {
    const eq = word.value.indexOf('=');
    // A word without `=` after a `key=value` is an error to BuildKit; the view keeps it as a bare name.
    if (eq < 0)
      return { key: word.value, form: 'name' as const, start: argsStart + word.start, end: argsStart + word.end };
    return {
      key: word.value.slice(0, eq),
      value: word.value.slice(eq + 1),
      form: 'equals' as const,
      start: argsStart + word.start,
      end: argsStart + word.end,
    };
  });
}
