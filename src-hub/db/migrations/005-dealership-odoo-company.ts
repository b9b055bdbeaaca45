/**
 * The dealership's Odoo company (issue 15): Sales Orders are created in it, its id sent as
 * `allowed_company_ids` on every dealer call. Null on existing dealerships: the integration user's default
 * company, as before. The name is kept so Configuration shows it without asking the dealer.
 */
export const dealershipOdooCompany = /* sql */ `
alter table dealerships add column odoo_company_id integer check (odoo_company_id > 0);
alter table dealerships add column odoo_company_name text;
alter table dealerships add constraint dealerships_odoo_company_whole check ((odoo_company_id is null) = (odoo_company_name is null));
`;
