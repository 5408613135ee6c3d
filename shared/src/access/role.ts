import { z } from 'zod';

/** The roles a user can hold; what each may do is decided by the server's permission matrix. */
export const Role = z.enum(['admin', 'manager', 'clerk', 'counter', 'technician', 'viewer']);
export type Role = z.infer<typeof Role>;
