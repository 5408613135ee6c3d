import { can } from '../access/permissions.ts';
import { allOf, keyedById, parsed, type RoomRules, stampedBy } from '../sync/write-rules.ts';
import { ApprovalRequest } from './approvals.ts';
import { isSettingKey, SETTING_SCHEMAS, savedSetting } from './settings-room.ts';

/**
 * `settings`: one value per setting (a job's checklist, reason codes, conventions,
 * thresholds), saved whole by admins in their own name; never removed (an admin resets a
 * setting by saving the default).
 */
export const settingsRules: RoomRules = {
  maps: {
    settings: {
      mode: 'fields',
      add(value, key, writer) {
        if (!can(writer.role, 'settings.manage')) return 'only admins change settings';
        if (!isSettingKey(key)) return 'not a setting';
        const p = parsed(savedSetting(SETTING_SCHEMAS[key]), value, `setting ${key}`);
        if ('refusal' in p) return p.refusal;
        return stampedBy(value, writer);
      },
    },
  },
};

/**
 * `approvals-YYYY`: people who record movements ask for held adjustments in their own name,
 * once (requests are never edited); decisions are the server's, made through the API by
 * managers, so that approving and writing the ledger movement happen in one step.
 */
export const approvalsRules: RoomRules = {
  maps: {
    requests: {
      mode: 'append',
      add(value, key, writer) {
        if (!can(writer.role, 'ledger.write')) return 'only people who record movements ask for approvals';
        const p = parsed(ApprovalRequest, value, 'approval request');
        if ('refusal' in p) return p.refusal;
        return allOf(keyedById(value, key), stampedBy(value, writer));
      },
    },
    decisions: { mode: 'server' },
  },
};
