/** The initial schema. Migrations are numbered and never edited once released; add a new one instead. */
export const initialSchema = /* sql */ `
create extension if not exists pg_trgm;

create table users (
  id bigserial primary key,
  login text not null unique,
  name text not null,
  email text,
  role text not null check (role in ('agent', 'supervisor', 'manager')),
  active boolean not null default true,
  password_hash text not null,
  -- bumped when the role changes or the user is deactivated: their replica must be rebuilt
  sync_epoch integer not null default 1,
  created_at timestamptz not null default now()
);
-- sign-in looks logins up case-insensitively: two logins differing only in case would be ambiguous
create unique index users_login_lower on users (lower(login));

create table sessions (
  token_hash text primary key,
  user_id bigint not null references users(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_user on sessions (user_id);

create table stages (
  id bigserial primary key,
  name text not null,
  sequence integer not null,
  is_won boolean not null default false,
  is_lost boolean not null default false,
  folded boolean not null default false,
  check (not (is_won and is_lost))
);

create table dealerships (
  id bigserial primary key,
  code text not null unique,
  name text not null,
  brands text[] not null default '{}',
  manager_email text,
  models jsonb not null default '[]',
  odoo_url text,
  odoo_database text,
  odoo_login text,
  odoo_api_key_enc text
);
-- intake matches dealershipCode case-insensitively
create unique index dealerships_code_lower on dealerships (lower(code));

create table lead_counters (
  year integer primary key,
  last_value bigint not null
);

create table leads (
  id bigserial primary key,
  ref text not null unique,
  ref_year integer not null,
  ref_number bigint not null,
  customer_name text not null,
  customer_phone text,
  customer_email text,
  phone_key text,
  email_key text,
  brand text not null,
  vehicle_model text not null,
  dealership_id bigint references dealerships(id),
  source text not null,
  external_id text unique,
  stage_id bigint not null references stages(id),
  -- denormalised from the stage: a stage's won/lost flags cannot change while it holds leads
  closed boolean not null default false,
  user_id bigint references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  claimed_at timestamptz,
  closed_at timestamptz,
  lost_reason text,
  lost_notes text,
  dealer_so_name text,
  version integer not null default 1
);
create index leads_pool on leads (created_at, id) where user_id is null and not closed;
create index leads_owner on leads (user_id, created_at, id);
create index leads_stage on leads (stage_id, created_at, id);
create index leads_brand on leads (brand, created_at, id);
create index leads_dealership on leads (dealership_id, created_at, id);
create index leads_source on leads (source, created_at, id);
create index leads_created on leads (created_at, id);
create index leads_updated on leads (updated_at, id);
create index leads_customer on leads (lower(customer_name), id);
create index leads_ref on leads (ref_year, ref_number, id);
create index leads_phone_key on leads (phone_key) where not closed;
create index leads_email_key on leads (email_key) where not closed;
create index leads_search on leads using gin ((ref || ' ' || customer_name || ' ' || coalesce(customer_phone, '') || ' ' || coalesce(customer_email, '')) gin_trgm_ops);

create table messages (
  id bigserial primary key,
  lead_id bigint not null references leads(id),
  kind text not null check (kind in ('note', 'call', 'tracking', 'system', 'error', 'duplicate')),
  body text not null,
  author_id bigint references users(id),
  tracking jsonb,
  created_at timestamptz not null default now()
);
create index messages_lead on messages (lead_id, id);

-- intake externalIds merged into an existing lead (a created lead keeps its own in leads.external_id):
-- re-sending one answers "duplicate" instead of adding the contact to the chatter again
create table intake_merges (
  external_id text primary key,
  lead_id bigint not null references leads(id),
  created_at timestamptz not null default now()
);

create table call_logs (
  id bigserial primary key,
  lead_id bigint not null references leads(id),
  user_id bigint not null references users(id),
  duration_min numeric(7, 2) not null,
  result text not null,
  summary text not null,
  created_at timestamptz not null default now()
);
create index call_logs_lead on call_logs (lead_id, id);
create index call_logs_user on call_logs (user_id, created_at, id);
create index call_logs_created on call_logs (created_at, id);

create table activities (
  id bigserial primary key,
  lead_id bigint not null references leads(id),
  user_id bigint not null references users(id),
  type text not null check (type in ('call', 'meeting', 'visit', 'task')),
  summary text not null,
  due_at timestamptz not null,
  done boolean not null default false,
  done_at timestamptz,
  visit_kind text check (visit_kind in ('on_site', 'showroom')),
  reminder_queued_at timestamptz,
  created_at timestamptz not null default now()
);
create index activities_lead on activities (lead_id, id);
create index activities_due on activities (due_at) where not done and reminder_queued_at is null;

-- clientId idempotency: one record per (user, clientId), answered again for a repeat
create table client_requests (
  user_id bigint not null references users(id),
  client_id text not null,
  kind text not null,
  body_hash text not null,
  response jsonb not null,
  created_at timestamptz not null default now(),
  primary key (user_id, client_id)
);

create table intake_keys (
  id bigserial primary key,
  name text not null,
  key_hash text not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

-- the change log that drives GET /sync and GET /events (DESIGN.md §6)
create table changes (
  seq bigserial primary key,
  xid xid8 not null default pg_current_xact_id(),
  entity text not null check (entity in ('lead', 'message', 'call_log', 'activity', 'stage', 'user', 'dealership', 'reset')),
  entity_id bigint,
  lead_id bigint,
  -- for lead rows: the owner and closed flag before and after, so visibility before the change is known
  old_user_id bigint,
  old_closed boolean,
  new_user_id bigint,
  new_closed boolean,
  existed boolean
);
create index changes_xid on changes (xid, seq);

-- per-lead Won lease and Test Connection leases (the dealer relay opens for their holders only)
create table relay_leases (
  id text primary key,
  kind text not null check (kind in ('won', 'test')),
  lead_id bigint references leads(id),
  dealership_id bigint not null references dealerships(id),
  user_id bigint not null references users(id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz,
  outcome text
);
create unique index relay_leases_active_won on relay_leases (lead_id) where kind = 'won' and ended_at is null;

create table dealer_calls (
  id bigserial primary key,
  lease_id text not null,
  dealership_id bigint not null,
  user_id bigint not null,
  service text not null,
  method text not null,
  model text,
  model_method text,
  status text not null,
  duration_ms integer not null,
  created_at timestamptz not null default now()
);

create table mail_outbox (
  id bigserial primary key,
  kind text not null,
  lead_id bigint references leads(id),
  to_address text not null,
  subject text not null,
  body text not null,
  status text not null default 'queued' check (status in ('queued', 'sent', 'retrying', 'failed')),
  attempts integer not null default 0,
  last_error text,
  next_attempt_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where status in ('queued', 'retrying');

create table settings (
  key text primary key,
  value jsonb not null
);
`;
