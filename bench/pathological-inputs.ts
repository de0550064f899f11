/**
 * Generators for the pathological inputs of the linear-time benchmark: each makes a Dockerfile of a given size.
 */

/** One pathological input family: a label, its full size, and a generator for any size. */
export interface PathologicalCase {
  /** What the input is, at full size. */
  label: string;
  /** The full size, in the generator's own unit (bytes, lines, heredocs, instructions). */
  size: number;
  /** The small size it is compared with (size / 10 unless that would be too small to time). */
  small: number;
  /** The Dockerfile text for a size. */
  make(size: number): string;
}

const INSTRUCTION_CYCLE = [
  (i: number) => `FROM alpine:3.${i % 20} AS s${i}`,
  (i: number) => `RUN apk add --no-cache curl && echo ${i}`,
  (i: number) => `ENV K${i}=v${i} OTHER="a b"`,
  (i: number) => `COPY --chown=app:app src/${i} /app/${i}`,
  (i: number) => `LABEL org.example.n${i}="${i}"`,
  (i: number) => `RUN --mount=type=cache,target=/root/.cache pip install pkg${i}`,
  (i: number) => `ARG A${i}=x`,
  (i: number) => `WORKDIR /w/${i}`,
  (i: number) => `CMD ["run", "${i}"]`,
  (i: number) => `EXPOSE ${1000 + (i % 5000)}`,
];

/** The inputs of the linear-time benchmark, from the issue's list plus comment lines inside a continuation. */
export const PATHOLOGICAL_CASES: readonly PathologicalCase[] = [
  {
    label: '1 MB single line (over 64 KiB: a diagnostic)',
    size: 1_000_000,
    small: 100_000,
    make: (bytes) => `FROM alpine\nRUN echo ${'a'.repeat(bytes)}\n`,
  },
  {
    label: '100,000 continuation lines in one RUN',
    size: 100_000,
    small: 10_000,
    make: (lines) => `FROM alpine\nRUN echo start \\\n${'  && echo line \\\n'.repeat(lines)}  && echo end\n`,
  },
  {
    label: '100,000 comment lines inside one RUN continuation',
    size: 100_000,
    small: 10_000,
    make: (lines) =>
      `FROM alpine\nRUN echo start \\\n${'# a comment inside the continuation\n'.repeat(lines)}  && echo end\n`,
  },
  {
    label: '10,000 heredocs (one RUN each)',
    size: 10_000,
    small: 1_000,
    make: (count) =>
      `# syntax=docker/dockerfile:1\nFROM alpine\n${Array.from({ length: count }, (_, i) => `RUN <<EOF${i}\necho ${i}\nEOF${i}\n`).join('')}`,
  },
  {
    label: '10,000 heredocs on one RUN line',
    size: 10_000,
    small: 1_000,
    make: (count) => {
      const names = Array.from({ length: count }, (_, i) => `H${i}`);
      return `# syntax=docker/dockerfile:1\nFROM alpine\nRUN cat ${names.map((n) => `<<${n}`).join(' ')}\n${names.map((n) => `body of ${n}\n${n}\n`).join('')}`;
    },
  },
  {
    label: '100,000 comment lines',
    size: 100_000,
    small: 10_000,
    make: (lines) => `FROM alpine\n${'# just a comment line\n'.repeat(lines)}RUN true\n`,
  },
  {
    label: '50,000 instructions',
    size: 50_000,
    small: 5_000,
    make: (count) =>
      Array.from({ length: count }, (_, i) => INSTRUCTION_CYCLE[i % INSTRUCTION_CYCLE.length](i)).join('\n') + '\n',
  },
];
