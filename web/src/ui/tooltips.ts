/** Tooltip text for picked map objects. Plain text only: user strings are never parsed as HTML. */
import type { PickingInfo } from '@deck.gl/core';
import type { MessageKey } from '../i18n/messages';
import type { HexCells } from '../map/densityLayers';
import type { StationPoint } from '../map/overlayLayers';
import type { CoverageGap } from '../coverage/coverageSummary';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function describePick(info: PickingInfo, hex: HexCells | null, districtNames: readonly string[], t: Translate): string | null {
  if (info.index < 0 || !info.layer) return null;
  if (info.layer.id === 'density-hexagons' && hex && info.index < hex.length) {
    const i = info.index;
    const district = hex.districtIndex[i] >= 0 ? districtNames[hex.districtIndex[i]] : t('outsideGuangzhou');
    return [
      `${t('district')}: ${district}`,
      `${t('drivers')}: ${hex.drivers[i].toLocaleString()}`,
      `${t('members')}: ${hex.memberDrivers[i].toLocaleString()}`,
      `${t('pings')}: ${hex.pings[i].toLocaleString()}`,
    ].join('\n');
  }
  if (info.layer.id === 'coverage-gaps' && info.object) {
    const g = info.object as CoverageGap;
    return [`${t('gapTooltip')} · ${t('district')}: ${g.district ?? t('outsideGuangzhou')}`, t('uncoveredDrivers', { n: g.uncoveredDrivers }), `${t('pings')}: ${g.uncoveredPings.toLocaleString()}`, t('peakHour', { h: String(g.peakHour).padStart(2, '0') })].join('\n');
  }
  if (info.layer.id === 'union-stations' && info.object) {
    const s = info.object as StationPoint;
    return [`${t('station')}: ${s.name}`, `${t('kind')}: ${s.kind}`, s.address ? `${t('address')}: ${s.address}` : '', s.hours ? `${t('openHours')}: ${s.hours}` : '']
      .filter(Boolean)
      .join('\n');
  }
  return null;
}
