/**
 * Linear-time checks on pathological inputs: parse+print and the instruction view at full size and at a tenth of it,
 * reported as the ratio of time per byte (linear ≈ 1). Each input's round trip is verified. Reports, never asserts.
 */
import { instructions, parse, print } from '../src/index.js';
import { adaptiveTime, mib } from './measure.js';
import { PATHOLOGICAL_CASES, type PathologicalCase } from './pathological-inputs.js';
import { num, type Bench, type BenchReport } from './report.js';

/** Figures for one input at one size. */
interface SizeFigures {
  bytes: number;
  parseMs: number;
  viewMs: number;
  roundTrip: boolean;
  diagnostics: string[];
}

function measure(text: string): SizeFigures {
  const root = parse(text);
  const roundTrip = print(root) === text;
  const diagnostics = [...new Set(root.data.diagnostics.map((d) => `${d.severity} ${d.ruleId}`))];
  return {
    bytes: Buffer.byteLength(text),
    parseMs: adaptiveTime(() => print(parse(text))),
    viewMs: adaptiveTime(instructions, 150, () => structuredClone(root)),
    roundTrip,
    diagnostics,
  };
}

/** Per-byte time at full size over per-byte time at the small size. */
function perByteRatio(full: number, fullBytes: number, small: number, smallBytes: number): number {
  return full / fullBytes / (small / smallBytes);
}

function row(item: PathologicalCase): string[] {
  const small = measure(item.make(item.small));
  const full = measure(item.make(item.size));
  const parseRatio = perByteRatio(full.parseMs, full.bytes, small.parseMs, small.bytes);
  const viewRatio = perByteRatio(full.viewMs, full.bytes, small.viewMs, small.bytes);
  return [
    item.label,
    num(mib(full.bytes), 2),
    `${num(small.parseMs, 1)} → ${num(full.parseMs, 1)}`,
    num(parseRatio, 2),
    `${num(small.viewMs, 1)} → ${num(full.viewMs, 1)}`,
    num(viewRatio, 2),
    small.roundTrip && full.roundTrip ? 'yes' : 'NO',
    full.diagnostics.join(', ') || 'none',
  ];
}

/** Times every pathological input at two sizes. */
async function run(): Promise<BenchReport> {
  const rows = PATHOLOGICAL_CASES.map(row);
  return {
    title: 'Linear time on pathological inputs (median ms at size/10 → size)',
    tables: [
      {
        headers: [
          'input',
          'MiB',
          'parse+print ms',
          'per-byte ratio',
          'instruction view ms',
          'per-byte ratio',
          'round trip',
          'diagnostics',
        ],
        rows,
      },
    ],
    notes: [
      'Per-byte ratio: (time / bytes at full size) ÷ (time / bytes at a tenth of the size); linear time gives ≈ 1, quadratic ≈ 10.',
      'The instruction view column times `instructions(root)` on a fresh copy of the parsed tree (views are cached per node).',
    ],
  };
}

/** The pathological-input benchmark. */
export const pathologicalBench: Bench = { name: 'pathological', run };
