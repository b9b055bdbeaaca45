/**
 * Session notices (issue 18: claims at the speed of the database). Each hub process keeps the sessions it has
 * validated in memory (features/auth/session-cache.ts); whatever could make one of them refused — a sign-out,
 * a password change, a deactivation, a role or name change, a session shortened or deleted — changes a row of
 * `sessions` or `users`, and these triggers say so on the `crm_sessions` channel, in the writing transaction,
 * whichever code or person writes it (a hub, `hub admin`, an operator's SQL). The payload is the user's id;
 * an empty payload (a truncate) means everyone. Inserts need no notice: a new session is not cached yet.
 */
export const sessionNotices = /* sql */ `
create function notify_session_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'TRUNCATE' then
    perform pg_notify('crm_sessions', '');
  elsif tg_table_name = 'users' then
    perform pg_notify('crm_sessions', old.id::text);
    if tg_op = 'UPDATE' and new.id <> old.id then perform pg_notify('crm_sessions', new.id::text); end if;
  else
    perform pg_notify('crm_sessions', old.user_id::text);
    if tg_op = 'UPDATE' and new.user_id <> old.user_id then perform pg_notify('crm_sessions', new.user_id::text); end if;
  end if;
  return null;
end $$;
create trigger users_session_notice after update or delete on users for each row execute function notify_session_change();
create trigger sessions_session_notice after update or delete on sessions for each row execute function notify_session_change();
create trigger users_session_truncate after truncate on users for each statement execute function notify_session_change();
create trigger sessions_session_truncate after truncate on sessions for each statement execute function notify_session_change();
`;
