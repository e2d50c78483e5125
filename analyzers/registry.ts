/** Every rule, sorted by id. */
export function ruleIds(): string[] {
  return [];
}
