import { DEFAULT_STAGES } from '../../../src-shared/domain/stages';
import type { Database, Sql } from '../../db/database';
import { hashPassword, type PasswordCost } from '../auth/password';
import { hashToken } from '../auth/tokens';
import { recordGlobalChange } from '../changes/change-log';
import { insertLead } from '../leads/lead-create.repo';
import { insertStage } from '../stages/stages.repo';
import { DEMO_DEALERSHIPS, DEMO_INTAKE_KEY, DEMO_PASSWORD, DEMO_USERS, FIRST_NAMES, LAST_NAMES, SOURCES } from './demo-data';

/** A small deterministic generator so every training install looks the same. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export async function seedDefaultStages(tx: Sql): Promise<void> {
  for (const stage of DEFAULT_STAGES) {
    const created = await insertStage(tx, stage);
    await recordGlobalChange(tx, 'stage', created.id);
  }
}

export interface DemoSeedOptions {
  leads: number;
  now: Date;
  passwordCost: PasswordCost;
  defaultCountryCode: string;
}

/**
 * The `--demo` seed, once, into an empty database: users, stages, two dealerships, the intake key and
 * unclaimed leads aged over the last days. Answers false when the database already had users.
 */
export async function seedDemo(db: Database, options: DemoSeedOptions): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD, options.passwordCost);
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<{ count: string }>('select count(*) as count from users');
    if (Number(existing?.count ?? 0) > 0) return false;
    for (const user of DEMO_USERS) {
      const [row] = await tx.query<{ id: string }>('insert into users (login, name, email, role, password_hash) values ($1, $2, $3, $4, $5) returning id', [
        user.login,
        user.name,
        user.email,
        user.role,
        passwordHash,
      ]);
      await recordGlobalChange(tx, 'user', row?.id ?? null);
    }
    await seedDefaultStages(tx);
    const dealerships: Array<{ id: string; brand: string; models: readonly string[] }> = [];
    for (const dealer of DEMO_DEALERSHIPS) {
      const models = dealer.models.map((model) => ({ vehicleModel: model, productCode: model }));
      const [row] = await tx.query<{ id: string }>('insert into dealerships (code, name, brands, manager_email, models) values ($1, $2, $3, $4, $5) returning id', [
        dealer.code,
        dealer.name,
        [...dealer.brands],
        dealer.managerEmail,
        JSON.stringify(models),
      ]);
      await recordGlobalChange(tx, 'dealership', row?.id ?? null);
      dealerships.push({ id: row?.id ?? '', brand: dealer.brands[0] ?? '', models: dealer.models });
    }
    await tx.query('insert into intake_keys (name, key_hash) values ($1, $2)', ['Training feed', hashToken(DEMO_INTAKE_KEY)]);
    const [firstStage] = await tx.query<{ id: string }>('select id from stages where not is_won and not is_lost order by sequence limit 1');
    const random = randomFrom(42);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const created: Date[] = [];
    for (let index = 0; index < options.leads; index++) {
      // Spread over the last 6 days, oldest first, so ages in Open Leads vary from minutes to days.
      created.push(new Date(options.now.getTime() - Math.floor(random() * 6 * 24 * 60) * 60_000 - 60_000));
    }
    created.sort((a, b) => a.getTime() - b.getTime());
    for (const [index, createdAt] of created.entries()) {
      const dealer = pick(dealerships);
      const first = pick(FIRST_NAMES);
      const last = pick(LAST_NAMES);
      const phone = `+63 9${String(10 + Math.floor(random() * 89))} ${String(100 + Math.floor(random() * 899))} ${String(1000 + index).slice(-4)}`;
      await insertLead(
        tx,
        {
          customer: { name: `${first} ${last}`, phone, email: `${first}.${last}.${index}@mail.example`.toLowerCase().replace(/\s+/g, '') },
          brand: dealer.brand,
          vehicleModel: pick(dealer.models),
          dealershipId: dealer.id,
          source: pick(SOURCES),
          externalId: null,
          stageId: firstStage?.id ?? '',
          createdAt,
        },
        options.defaultCountryCode,
      );
    }
    return true;
  });
}
