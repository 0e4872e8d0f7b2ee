/**
 * The values each numeric business setting accepts: whole numbers from `min` to `max`, both
 * included (amounts in minor units). The server refuses any other with 400; the console's form
 * shows the range beside the value and refuses outside it before sending (issue 18).
 */
export interface SettingRange {
  min: number;
  max: number;
}

export const SETTING_RANGES = {
  slaDays: { min: 1, max: 90 },
  refundApprovalThreshold: { min: 0, max: 100_000_000 },
  refundApprovalThresholdCNY: { min: 0, max: 100_000_000 },
  refundApprovalThresholdUSD: { min: 0, max: 100_000_000 },
  refundApprovalThresholdEUR: { min: 0, max: 100_000_000 },
  refundApprovalThresholdHKD: { min: 0, max: 100_000_000 },
  refundApprovalThresholdGBP: { min: 0, max: 100_000_000 },
  quarantineDays: { min: 0, max: 3650 },
  retentionDays: { min: 30, max: 3650 },
  sessionIdleMinutes: { min: 5, max: 720 },
  sessionAbsoluteHours: { min: 1, max: 24 }, // the server's SESSION_ABSOLUTE_MS is this upper bound
  intakeRateLimitPerMinute: { min: 1, max: 100_000 },
  appealDays: { min: 1, max: 365 },
  infoReminderDays: { min: 1, max: 60 },
  infoTimeoutDays: { min: 2, max: 180 },
} as const satisfies Record<string, SettingRange>;

/** The range of a setting, or none for one that is not a number (mfaRequiredRoles) or not known. */
export function settingRange(key: string): SettingRange | undefined {
  return Object.hasOwn(SETTING_RANGES, key) ? SETTING_RANGES[key as keyof typeof SETTING_RANGES] : undefined;
}
