import { describe, expect, it } from 'vitest';
import { formatNumber, formatValue } from './format-value.js';

describe('formatValue', () => {
  it('scales bytes and rates of bytes', () => {
    expect(formatValue(512, 'B')).toBe('512 B');
    expect(formatValue(3 * 1024 * 1024, 'B/s')).toBe('3 MiB/s');
  });

  it('shows percentages with one decimal and other units after the number', () => {
    expect(formatValue(42, '%')).toBe('42.0 %');
    expect(formatValue(12.3456, 'ms')).toBe('12.3 ms');
    expect(formatValue(undefined, '%')).toBe('—');
  });

  it('keeps axis numbers short', () => {
    expect(formatNumber(0.5)).toBe('0.5');
    expect(formatNumber(25_000)).toBe('25k');
    expect(formatNumber(2_500_000)).toBe('2.5M');
  });
});
