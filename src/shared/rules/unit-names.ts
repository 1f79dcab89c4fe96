// The official name of a unit's service center or station, as letters are headed and signed:
// county and above = 退役军人服务中心, township and village = 退役军人服务站 (GLOSSARY: 服务中心 /
// 服务站). Org units store the division's name (安吉县, 孝丰镇, 孝丰村村民委员会); a unit whose name
// already is a center's or station's name (entered by hand) keeps it. A grid has no station of its
// own: its village's station signs.
import type { OrgLevel } from '../schemas/org-units';

/** '孝丰村村民委员会' / 'XX村委会' → '孝丰村', 'XX社区居民委员会' / 'XX社区居委会' → 'XX社区' (the division data's committee names); other names as they are. */
export function shortUnitName(name: string): string {
  return name.replace(/村?(村民委员会|村委会)$/, '村').replace(/(居民委员会|居委会)$/, '');
}

/** 安吉县 (county) → 安吉县退役军人服务中心; 孝丰镇 (township) → 孝丰镇退役军人服务站. */
export function serviceUnitFullName(level: OrgLevel, name: string): string {
  const trimmed = name.trim();
  if (/退役军人服务(中心|站)/.test(trimmed)) return trimmed;
  const station = level === 'township' || level === 'village' || level === 'grid';
  return `${shortUnitName(trimmed)}退役军人服务${station ? '站' : '中心'}`;
}
