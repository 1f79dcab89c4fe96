import { describe, expect, it } from 'vitest';
import { serviceUnitFullName, shortUnitName } from './unit-names';

describe('service unit full names', () => {
  it('names a county center and township / village stations', () => {
    expect(serviceUnitFullName('county', '安吉县')).toBe('安吉县退役军人服务中心');
    expect(serviceUnitFullName('city', '湖州市')).toBe('湖州市退役军人服务中心');
    expect(serviceUnitFullName('township', '孝丰镇')).toBe('孝丰镇退役军人服务站');
    expect(serviceUnitFullName('township', '递铺街道')).toBe('递铺街道退役军人服务站');
    expect(serviceUnitFullName('village', '孝丰村村民委员会')).toBe('孝丰村退役军人服务站');
    expect(serviceUnitFullName('village', '昌硕社区居民委员会')).toBe('昌硕社区退役军人服务站');
  });
  it('keeps a name that already is a center or station name', () => {
    expect(serviceUnitFullName('township', '城关镇退役军人服务站')).toBe('城关镇退役军人服务站');
    expect(serviceUnitFullName('county', '安吉县退役军人服务中心')).toBe('安吉县退役军人服务中心');
  });
  it('shortens committee names only', () => {
    expect(shortUnitName('孝丰村村委会')).toBe('孝丰村');
    expect(shortUnitName('孝丰镇')).toBe('孝丰镇');
    expect(shortUnitName('潴口溪村委会')).toBe('潴口溪村');
    expect(shortUnitName('孝丰社区居委会')).toBe('孝丰社区');
  });
});
