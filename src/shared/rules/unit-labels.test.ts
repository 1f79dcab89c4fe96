import { describe, expect, it } from 'vitest';
import { unitLabelsOf } from './unit-labels';
import { shortUnitName } from './unit-names';

describe('unit labels of a listing', () => {
  it('a grid carries its village’s short name; a village alone keeps its own', () => {
    const labels = unitLabelsOf([
      { id: 'g1', name: '第一网格', level: 'grid', parentName: '孝丰村村民委员会' },
      { id: 'g2', name: '第一网格', level: 'grid', parentName: '三眼井社区居委会' },
      { id: 'v1', name: '孝丰村村民委员会', level: 'village', parentName: '孝丰镇' },
    ]);
    expect(labels.get('g1')).toBe('孝丰村·第一网格');
    expect(labels.get('g2')).toBe('三眼井社区·第一网格');
    expect(labels.get('v1')).toBe('孝丰村村民委员会');
  });

  it('a name that repeats among different units of the listing gets its parent; the same unit twice does not', () => {
    const labels = unitLabelsOf([
      { id: 'a', name: '新村村民委员会', level: 'village', parentName: '孝丰镇' },
      { id: 'b', name: '新村村民委员会', level: 'village', parentName: '杭垓镇' },
      { id: 'c', name: '南山村村民委员会', level: 'village', parentName: '孝丰镇' },
      { id: 'c', name: '南山村村民委员会', level: 'village', parentName: '孝丰镇' },
    ]);
    expect([labels.get('a'), labels.get('b'), labels.get('c')]).toEqual(['孝丰镇·新村村民委员会', '杭垓镇·新村村民委员会', '南山村村民委员会']);
  });

  it('a unit without a parent keeps its name', () => {
    expect(unitLabelsOf([{ id: 'r', name: '第一网格', level: 'grid', parentName: null }]).get('r')).toBe('第一网格');
  });

  it('short names', () => {
    expect(['孝丰村村民委员会', '孝丰村村委会', '三眼井社区居民委员会', '三眼井社区居委会', '孝丰镇'].map(shortUnitName)).toEqual(['孝丰村', '孝丰村', '三眼井社区', '三眼井社区', '孝丰镇']);
  });
});
