/**
 * What the map keeps in a project and the address: the view (null until the user moves the map,
 * so a project opens where the app starts) and which overlays are on, each with its default.
 */
import { z } from 'zod';

/** MapLibre's latitude limit (Web Mercator). */
const MAX_LAT = 85.051129;

/** A view is one value: a centre without its zoom is not a place to go back to. */
export const mapViewSchema = z.object({
  center: z.tuple([z.number().min(-180).max(180), z.number().min(-MAX_LAT).max(MAX_LAT)]),
  zoom: z.number().min(0).max(22),
}).meta({ stored: 'whole' });

export type MapView = z.infer<typeof mapViewSchema>;

/** Independent switches: a bad one falls back alone. */
export const overlaysSchema = z.object({
  stations: z.boolean(),
  charging: z.boolean(),
  labels: z.boolean(),
});

export type Overlays = z.infer<typeof overlaysSchema>;

export const mapConfigSchema = z.object({
  view: mapViewSchema.nullable(),
  overlays: overlaysSchema,
});

export type MapConfig = z.infer<typeof mapConfigSchema>;

export function defaultMapConfig(): MapConfig {
  return { view: null, overlays: { stations: true, charging: false, labels: true } };
}
