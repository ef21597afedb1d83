import type { AlertRule } from '../../../contracts/generated/dashboard-hub.types.js';

/** Whether `value` stands on the alerting side of `threshold`. */
export function crosses(value: number, comparison: AlertRule['comparison'], threshold: number): boolean {
  switch (comparison) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

/** A series selector: a series id where `*` stands for any run of characters. */
export function selectorMatcher(selector: string): (seriesId: string) => boolean {
  if (!selector.includes('*')) return (id) => id === selector;
  const pattern = new RegExp(`^${selector.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (id) => pattern.test(id);
}
