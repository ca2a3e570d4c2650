/**
 * @module util/standards
 * Where the standards data carried in the project lives (STIX schemas, TLP 2.0 markings, and the
 * framework bundles as their producers publish them).
 */
import { fileURLToPath } from 'node:url';

export const STANDARDS_DIR = fileURLToPath(new URL('../../standards', import.meta.url));
