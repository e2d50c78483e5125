import type { RuleSetting, RuleSettings } from '../../analyzers/index.js';
import { ruleIds } from '../../analyzers/registry.js';
import { UsageError } from './types.js';

const SETTINGS = new Set<RuleSetting>(['off', 'info', 'warning', 'error']);

/** `--rule id=level` and `--only id` → RuleSettings, rejecting unknown ids and levels. */
export function parseRuleOptions(rule: string[], only: string[]): RuleSettings {
  const known = new Set(ruleIds());
  const severity: Record<string, RuleSetting> = {};
  for (const item of rule) {
    const [id, level] = item.split('=');
    if (!id || !level || !SETTINGS.has(level as RuleSetting)) throw new UsageError(`--rule 需要 id=off|info|warning|error，收到 "${item}"`);
    if (!known.has(id)) throw new UsageError(`未知规则 "${id}"（可用：${[...known].join('、')}）`);
    severity[id] = level as RuleSetting;
  }
  for (const id of only) if (!known.has(id)) throw new UsageError(`未知规则 "${id}"（可用：${[...known].join('、')}）`);
  return { severity, ...(only.length ? { only } : {}) };
}
