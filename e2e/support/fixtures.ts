import { test as base } from '@playwright/test';
import type { StaffName } from './accounts';
import { StaffApi } from './api';

/** `apiAs('agent')`: a signed-in API client for the test's own data, disposed after the test. */
export const test = base.extend<{ apiAs: (name: StaffName) => Promise<StaffApi> }>({
  apiAs: async ({ baseURL }, use) => {
    const opened: StaffApi[] = [];
    await use(async (name) => {
      const api = await StaffApi.as(name, baseURL!);
      opened.push(api);
      return api;
    });
    await Promise.all(opened.map((a) => a.dispose()));
  },
});

export { expect } from '@playwright/test';
