/**
 * @module cli/options
 * Options that several commands share, declared once.
 */
import { BUNDLED_ATLAS } from '../atlas/load.ts';
import { TLP_LEVELS } from '../model/vocab.ts';

export const atlasArg = {
  atlas: { type: 'string' as const, description: 'Atlas folder (default: the bundled atlas)', valueHint: 'DIR', default: BUNDLED_ATLAS },
};

export const formatArg = {
  format: { type: 'enum' as const, description: 'Output format', options: ['text', 'json'], default: 'text' },
};

/** What a reader cleared to this level may see; exports for sharing leave out the rest. */
export const clearanceArg = {
  clearance: { type: 'enum' as const, description: 'Leave out everything marked above this TLP level (default: red, everything)', options: [...TLP_LEVELS], default: 'red' },
};
