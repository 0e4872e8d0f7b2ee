type Translate = (key: string, options?: Record<string, unknown>) => string;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A span of time as the desk reads it at a glance: the two largest units ("2d 5h", "3h 20m",
 * "12m"), each unit's word from the translations (`app.duration.*`).
 */
export function formatDuration(ms: number, translate: Translate): string {
  const total = Math.max(0, Math.floor(Math.abs(ms) / MINUTE)) * MINUTE;
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  const minutes = Math.floor((total % HOUR) / MINUTE);
  const parts: string[] = [];
  if (days) parts.push(translate('app.duration.days', { smart_count: days }));
  if (hours && parts.length < 2) parts.push(translate('app.duration.hours', { smart_count: hours }));
  if (!days && (minutes || parts.length === 0)) parts.push(translate('app.duration.minutes', { smart_count: minutes }));
  return parts.join(' ');
}
