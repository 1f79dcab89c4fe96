// Table types. Booleans are 0/1 integers and JSON is text on both databases; timestamps are
// ISO strings (SQLite text, PostgreSQL timestamptz parsed back to ISO by the client).
import type { Generated } from 'kysely';

export type Flag = 0 | 1;

export type OrgUnitTable = {
  id: string;
  parent_id: string | null;
  level: string;
  code: string;
  name: string;
  path: string;
  depth: number;
  address: string;
  phone: string;
  office_hours: string;
  head_name: string;
  active: number;
  merged_into: string | null;
  dataset_year: number | null;
  created_at: string;
  updated_at: string;
};

export type UserTable = {
  id: string;
  username: string;
  display_name: string;
  org_unit_id: string;
  org_path: string;
  roles: string;
  title: string;
  work_phone: string;
  show_in_directory: number;
  password_hash: string;
  password_changed_at: string;
  must_change_password: number;
  failed_count: number;
  locked_until: string | null;
  disabled: number;
  totp_secret_enc: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  is_demo: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
};

export type SessionTable = {
  id: string;
  user_id: string;
  csrf_token: string;
  stage: string;
  created_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
};

export type SettingTable = {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
};

export type AuditLogTable = {
  seq: Generated<number>;
  chain_index: number | null;
  at: string;
  user_id: string | null;
  username: string | null;
  org_unit_id: string | null;
  org_path: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  result: string;
  ip: string | null;
  detail: string | null;
  prev_hash: string | null;
  hash: string | null;
};

export type AccessGrantTable = {
  id: string;
  record_type: string;
  record_id: string;
  grantee_user_id: string | null;
  grantee_org_unit_id: string | null;
  grantee_path: string | null;
  created_at: string;
};

export type Database = {
  org_units: OrgUnitTable;
  users: UserTable;
  sessions: SessionTable;
  settings: SettingTable;
  audit_logs: AuditLogTable;
  access_grants: AccessGrantTable;
};
