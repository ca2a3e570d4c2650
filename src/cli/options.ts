/**
 * @module cli/options
 * Options that several commands share, declared once.
 */
import { BUNDLED_ATLAS } from '../atlas/load.ts';

export const atlasArg = {
  atlas: { type: 'string' as const, description: 'Atlas folder (default: the bundled atlas)', valueHint: 'DIR', default: BUNDLED_ATLAS },
};

export const formatArg = {
  format: { type: 'enum' as const, description: 'Output format', options: ['text', 'json'], default: 'text' },
};
