import type { Role } from '@closure-desk/shared';

/** The demo data's staff accounts (API.md "Operations"); the password comes from DEMO_PASSWORD. */
export const DEMO_STAFF: { email: string; fullName: string; role: Role }[] = [
  { email: 'agent@demo.test', fullName: 'Li Na 李娜', role: 'agent' },
  { email: 'agent2@demo.test', fullName: 'Tom Baker', role: 'agent' },
  { email: 'supervisor@demo.test', fullName: 'Wang Fang 王芳', role: 'supervisor' },
  { email: 'auditor@demo.test', fullName: 'Grace Hopper', role: 'auditor' },
  { email: 'admin@demo.test', fullName: 'Zhang Wei 张伟', role: 'admin' },
  { email: 'supervisor2@demo.test', fullName: 'Maria Garcia', role: 'supervisor' },
  { email: 'agent3@demo.test', fullName: 'Chen Jie 陈杰', role: 'agent' },
  // A second admin: guarded settings change only when two admins agree (four eyes).
  { email: 'admin2@demo.test', fullName: 'Sun Li 孙丽', role: 'admin' },
];
