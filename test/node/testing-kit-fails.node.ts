/**
 * Cases the testing kit must fail under node's own test runner: an invalid case whose output equals its input, and a
 * valid case the transform changes. Run by testing-kit.test.ts, which expects exactly these two failures.
 */
import { test } from 'node:test';
import { testTransform } from '../../src/testing/index.js';
import { explicitLatest } from '../helpers/inline-plugin.js';

testTransform(
  explicitLatest,
  {
    valid: [{ name: 'changes although listed as valid', input: 'FROM alpine\n' }],
    invalid: [
      { name: 'output equals input', input: 'FROM alpine:3.20\n', output: 'FROM alpine:3.20\n' },
      { input: 'FROM node\n', output: 'FROM node:latest\n' },
    ],
  },
  { test },
);
