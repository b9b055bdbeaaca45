/**
 * What a dealership's Odoo administrator changes, in Odoo 18's own menu words (the user form's Access
 * Rights tab: the Sales selection, Extra Rights → Contact Creation — shown in developer mode, as
 * res_users.py hides the "Extra Rights" category otherwise — and Multi Companies → Allowed Companies).
 */

const userForm = (login: string | null): string => `Settings → Users & Companies → Users → ${login ? `"${login}"` : 'the integration user'} → Access Rights tab`;

export const ODOO_SETTINGS = {
  salesAllDocuments: (login: string | null) => `In the dealer's Odoo: ${userForm(login)} → Sales: choose "User: All Documents".`,
  contactCreation: (login: string | null) =>
    `In the dealer's Odoo: ${userForm(login)} → Extra Rights: tick "Contact Creation" (that section shows in developer mode: Settings → Activate the developer mode).`,
  allowedCompany: (login: string | null, company: string) => `In the dealer's Odoo: ${userForm(login)} → Multi Companies: add "${company}" to Allowed Companies.`,
  chooseCompany: "Choose the dealership's Odoo company under Configuration → Dealerships → the dealership → Odoo connection (Test Connection lists the companies the integration user may use).",
} as const;
