/**
 * Decides how a query result can be drawn: a pair of longitude/latitude columns (by name, else
 * by values in China's range). Results without coordinates stay a table and a chart.
 */
export interface CoordinateColumns {
  lon: string;
  lat: string;
}

const LON_NAMES = /^(lon|lng|long|longitude|x|经度|cx|center_lon|centre_lon)$|(_lon|_lng)$/i;
const LAT_NAMES = /^(lat|latitude|y|纬度|cy|center_lat|centre_lat)$|(_lat)$/i;

export function coordinateColumns(columns: { name: string; numeric: boolean }[], sample: Record<string, unknown>[]): CoordinateColumns | null {
  const numeric = columns.filter((c) => c.numeric);
  const byName = (pattern: RegExp) => numeric.find((c) => pattern.test(c.name))?.name;
  const lon = byName(LON_NAMES);
  const lat = byName(LAT_NAMES);
  if (lon && lat) return { lon, lat };
  // Coordinates are fractional degrees: a column of whole numbers (counts, hours) is not one.
  const inRange = (name: string, min: number, max: number) =>
    sample.length > 0 &&
    sample.every((row) => typeof row[name] === 'number' && (row[name] as number) >= min && (row[name] as number) <= max) &&
    sample.some((row) => !Number.isInteger(row[name]));
  const lonByValue = numeric.find((c) => inRange(c.name, 73, 136))?.name;
  const latByValue = numeric.find((c) => c.name !== lonByValue && inRange(c.name, 3, 54))?.name;
  return lonByValue && latByValue ? { lon: lonByValue, lat: latByValue } : null;
}
