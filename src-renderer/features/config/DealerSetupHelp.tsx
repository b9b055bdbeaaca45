/**
 * The Configuration screen's help on the dealer's side of the connection: the short version of
 * docs/dealer-setup.md, in Odoo 18's menu words, for the manager to pass on to the dealership's Odoo
 * administrator.
 */
export function DealerSetupHelp() {
  return (
    <details className="dealer-setup-help">
      <summary>How the dealership sets up its Odoo</summary>
      <ol>
        <li>
          Settings → Users &amp; Companies → Users → New: an internal user for BPO CRM (its login goes in <em>Login</em> above).
        </li>
        <li>
          Its Access Rights tab: Sales → <em>User: All Documents</em>; Extra Rights → <em>Contact Creation</em> (developer mode shows it); Multi Companies →{' '}
          <em>Allowed Companies</em> holds the company the orders go to.
        </li>
        <li>
          Its Account Security tab → New API Key: paste the key in <em>API key</em> above.
        </li>
        <li>Save here, run Test Connection, choose the Odoo company it lists, save again.</li>
      </ol>
      <p className="muted">The full guide, with what each setting changes: docs/dealer-setup.md in the BPO CRM Desktop repository.</p>
    </details>
  );
}
