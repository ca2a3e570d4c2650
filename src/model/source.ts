/**
 * @module model/source
 * A public document the atlas cites. Its text is carried in the project beside the record (so a
 * fresh clone can verify every quote) and pinned by its SHA-256.
 */
import { z } from 'zod';
import { partialDateSchema } from './common.ts';
import { langSchema } from './name.ts';
import { credibilitySchema, reliabilitySchema, tlpSchema } from './vocab.ts';
import { prefixedId } from './ids.ts';

export const sourceSchema = z
  .strictObject({
    id: prefixedId('src'),
    title: z.string().min(1),
    publisher: z.string().min(1),
    // Only web addresses (and urn:sha256 for a document ingested without one): a page renders it as a link.
    url: z.url({ protocol: /^(https?|urn)$/, error: 'the address must be an http(s) URL, or urn:sha256:… for a document without one' }).meta({ description: 'Where the document was read (http, https or urn)' }),
    published: partialDateSchema,
    language: langSchema,
    licence: z.string().min(1).meta({ description: 'Licence or legal status of the document' }),
    text: z
      .string()
      .regex(/^[a-z0-9-]+\.txt$/, 'the text file is a .txt name beside the record')
      .meta({ description: 'File beside this record holding the text that offsets count into' }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256 is 64 lowercase hex digits'),
    fragment: z.boolean().default(false).meta({ description: 'Only part of the document is carried' }),
    reliability: reliabilitySchema.meta({ description: 'Default Admiralty reliability of claims citing it' }),
    credibility: credibilitySchema.meta({ description: 'Default Admiralty credibility of claims citing it' }),
    tlp: tlpSchema.default('clear'),
    note: z.string().optional(),
  })
  .meta({ id: 'Source' });
export type Source = z.infer<typeof sourceSchema>;
