/**
 * JSON with every object's keys sorted at every depth (undefined members left out, as JSON.stringify
 * leaves them), so that equal values always serialise alike: {"a":1,"b":2} and {"b":2,"a":1} are one
 * string. For plain data only (what JSON.parse or the driver made): no cycles, no functions. The response
 * cache keys variables with it; backups and graph checksums hash with it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
}
