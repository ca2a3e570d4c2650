/**
 * @module interop/navigator-layer
 * The ATT&CK Navigator layer format, version 4.5, as a zod schema written from the format's
 * property tables (standards/attack-navigator/layerformat-v4.5.md). Exports are checked against it.
 */
import { z } from 'zod';

const metadataSchema = z.union([
  z.strictObject({ name: z.string(), value: z.string() }),
  z.strictObject({ divider: z.boolean() }),
]);
const linkSchema = z.union([z.strictObject({ label: z.string(), url: z.string().regex(/^[a-z][a-z0-9+.-]*:\/\//) }), z.strictObject({ divider: z.boolean() })]);

export const layerTechniqueSchema = z.strictObject({
  techniqueID: z.string().min(1),
  tactic: z.string().optional(),
  comment: z.string().optional(),
  enabled: z.boolean().optional(),
  score: z.number().optional(),
  color: z.string().optional(),
  metadata: z.array(metadataSchema).optional(),
  links: z.array(linkSchema).optional(),
  showSubtechniques: z.boolean().optional(),
});

export const navigatorLayerSchema = z.strictObject({
  versions: z
    .strictObject({
      attack: z.string().regex(/^\d+$/, 'versions.attack is a number, as Navigator requires').optional(),
      navigator: z.string().regex(/^(?:4\.(?:9|\d{2,})|[5-9]|\d{2,})(?:\.\d+)*$/, 'navigator must be at least 4.9.0'),
      layer: z.literal('4.5'),
    })
    .optional(),
  name: z.string(),
  description: z.string().optional(),
  // ATT&CK's three, or the identifier a custom bundle was loaded under (Navigator keys it with versions.attack).
  domain: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'domain is an identifier: lower-case letters, digits and hyphens'),
  customDataURL: z.string().optional(),
  filters: z.strictObject({ platforms: z.array(z.string()).optional() }).optional(),
  sorting: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3)]).optional(),
  layout: z
    .strictObject({
      layout: z.enum(['side', 'flat', 'mini']).optional(),
      showID: z.boolean().optional(),
      showName: z.boolean().optional(),
      showAggregateScores: z.boolean().optional(),
      countUnscored: z.boolean().optional(),
      aggregateFunction: z.enum(['average', 'min', 'max', 'sum']).optional(),
      expandedSubtechniques: z.enum(['none', 'all', 'annotated']).optional(),
    })
    .optional(),
  hideDisabled: z.boolean().optional(),
  techniques: z.array(layerTechniqueSchema).optional(),
  gradient: z
    .strictObject({ colors: z.array(z.string()).min(2), minValue: z.number(), maxValue: z.number() })
    .refine((g) => g.maxValue > g.minValue, 'gradient maxValue must be greater than minValue')
    .optional(),
  legendItems: z.array(z.strictObject({ label: z.string(), color: z.string() })).optional(),
  showTacticRowBackground: z.boolean().optional(),
  tacticRowBackground: z.string().optional(),
  selectTechniquesAcrossTactics: z.boolean().optional(),
  selectSubtechniquesWithParent: z.boolean().optional(),
  selectVisibleTechniques: z.boolean().optional(),
  metadata: z.array(metadataSchema).optional(),
  links: z.array(linkSchema).optional(),
});
export type NavigatorLayer = z.infer<typeof navigatorLayerSchema>;
