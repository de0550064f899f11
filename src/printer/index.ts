/**
 * The printer's public entry: the file's style, and the layouts every newly printed text goes through.
 */
export {
  detectStyle,
  detectIndent,
  detectOperatorPosition,
  keywordIn,
  type PrinterOptions,
  type Style,
} from './style.js';
export { printChain, type ChainPart } from './chain.js';
export { quotedOffsets } from './quotes.js';
export { appendedCommand, chainOperatorPosition, commentBetween, physicalLine } from './lines.js';
export { layoutInstruction, jsonArrayLayout, type LayoutRules } from './layout.js';
export { printFilled } from './fill.js';
